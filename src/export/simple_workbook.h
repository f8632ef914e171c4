// A workbook of plain sheets (a header row, then rows of text and numbers), written with
// libxlsxwriter: for figures that a reader opens in Excel, such as the year in review.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace wangju::tables {

using SheetCell = std::variant<std::string, double>;

struct Sheet {
    std::string name;   // at most 31 characters, none of []:*?/\ (the caller's titles are fixed)
    std::string title;  // the first row, bold
    std::vector<std::string> header;
    std::vector<std::vector<SheetCell>> rows;
};

// Writes `sheets` to `path` (replacing it). Throws std::runtime_error when libxlsxwriter fails.
void write_workbook(const std::filesystem::path& path, const std::vector<Sheet>& sheets);

}  // namespace wangju::tables
