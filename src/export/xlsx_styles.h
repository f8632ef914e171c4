// The number shape (plain number, date, time) of each cell style of a workbook.
#pragma once

#include <string>
#include <vector>

#include "export/xlsx_archive.h"
#include "export/xlsx_number_format.h"

namespace wangju::tables {

// Indexed by a cell's style attribute (s="3"); a cell without a known style is a plain number.
using CellShapes = std::vector<NumberShape>;

// Reads `styles_part` ("xl/styles.xml"); no styles when it is "" or missing.
CellShapes read_cell_shapes(XlsxArchive& archive, const std::string& styles_part);

}  // namespace wangju::tables
