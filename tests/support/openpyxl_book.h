// Workbooks made by openpyxl (Debian's python3-openpyxl), saved as office scripts and spreadsheet
// programs save them: real date and time cells with Excel's number formats, shared strings, styles.
// Tests build the tables that units send this way instead of keeping files made by hand.
#pragma once

#include <filesystem>
#include <string>

namespace wangju::testing {

// Runs `script` with `openpyxl`, `datetime`, a new workbook `book` and its sheet `sheet` in
// scope, saves the workbook in `dir` and returns its bytes. Throws std::runtime_error with what
// Python printed when the script fails.
std::string openpyxl_workbook(const std::string& script, const std::filesystem::path& dir);

std::string read_file(const std::filesystem::path& path);  // "" when it cannot be read
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace wangju::testing
