// The cell formats of an official table in XLSX: what makes it look made by hand in Excel
// (SimSun-like defaults, a large bold title, bordered header and data cells).
#pragma once

#include <vector>

#include <xlsxwriter.h>

#include "export/official_table.h"

namespace wangju::tables {

struct OfficialTableFormats {
    lxw_format* title = nullptr;
    lxw_format* subtitle = nullptr;
    lxw_format* unit_line = nullptr;   // left-aligned
    lxw_format* date_line = nullptr;   // right-aligned
    lxw_format* header = nullptr;
    lxw_format* note = nullptr;
    std::vector<lxw_format*> data;     // one per column, by its kind and number format
    std::vector<lxw_format*> totals;   // one per column, bold
};

// Formats belong to `book` and live as long as it does.
OfficialTableFormats make_official_table_formats(lxw_workbook* book,
                                                 const std::vector<OfficialColumn>& columns);

}  // namespace wangju::tables
