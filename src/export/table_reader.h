// Reads an uploaded table: CSV (UTF-8 with or without BOM, or GB18030 as Excel saves it on
// Chinese Windows) or XLSX (the first worksheet). Cells come back as UTF-8 text; numbers as
// Excel shows them ("3", "2.5"); dates stored as serial numbers as "YYYY-MM-DD" when the cell's
// number format is a date.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wangju::tables {

using Rows = std::vector<std::vector<std::string>>;

struct ReadLimits {
    std::size_t max_rows = 200000;
    std::size_t max_columns = 200;
    std::size_t max_cell_bytes = 32 * 1024;
    std::size_t max_uncompressed_bytes = 256u * 1024 * 1024;  // XLSX parts, against zip bombs
    // The text of all cells together. An XLSX cell may name a shared string stored once, so a
    // workbook of a few KB could otherwise unfold into gigabytes of cells.
    std::size_t max_text_bytes = 64u * 1024 * 1024;
};

// Decides by content (a ZIP signature means XLSX), not by the file name. Throws
// wangju::Error(invalid_input) with a Chinese message naming what is wrong.
Rows read_table(std::string_view bytes, const ReadLimits& limits = {});
Rows read_csv(std::string_view bytes, const ReadLimits& limits = {});
Rows read_xlsx(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace wangju::tables
