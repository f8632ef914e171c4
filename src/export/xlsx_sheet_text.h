// Text as an XLSX sheet can hold it.
#pragma once

#include <string>
#include <string_view>

namespace wangju::tables {

// `text` made safe for a cell: valid UTF-8 without XML-forbidden controls (clean_text), literal
// "_xHHHH_" sequences escaped as "_x005F_xHHHH_" so Excel does not decode them into another
// character, and cut to Excel's limit of 32,767 characters per cell.
std::string sheet_cell_text(std::string_view text);

// A valid sheet name from `wanted`: at most 31 characters, none of []:*?/\, not starting or ending
// with an apostrophe; "统计表" when nothing is left.
std::string sheet_name(std::string_view wanted);

}  // namespace wangju::tables
