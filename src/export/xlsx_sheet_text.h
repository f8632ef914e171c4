// Text as an XLSX sheet can hold it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wangju::tables {

// `text` made safe for a cell: valid UTF-8 without XML-forbidden controls (clean_text), literal
// "_xHHHH_" sequences escaped as "_x005F_xHHHH_" so Excel does not decode them into another
// character, and cut to Excel's limit of 32,767 characters per cell.
std::string sheet_cell_text(std::string_view text);

// The lines `text` takes in a wrapped cell `width` Excel character widths wide, as a spreadsheet
// lays it out: a line breaks at a space, at a line feed, and before or after any wide (Chinese)
// character, which takes two character widths; a word longer than the line is cut where the line
// ends. Spreadsheets leave a row's height as the file states it, so the writer must set it.
std::size_t wrapped_lines(std::string_view text, double width);

// A valid sheet name from `wanted`: at most 31 characters, none of []:*?/\, not starting or ending
// with an apostrophe; "统计表" when nothing is left.
std::string sheet_name(std::string_view wanted);

}  // namespace wangju::tables
