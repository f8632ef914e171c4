#include "export/simple_workbook.h"

#include <xlsxwriter.h>

#include <memory>
#include <stdexcept>

namespace wangju::tables {

void write_workbook(const std::filesystem::path& path, const std::vector<Sheet>& sheets) {
    std::unique_ptr<lxw_workbook, decltype(&lxw_workbook_free)> book(
        workbook_new(path.string().c_str()), &lxw_workbook_free);
    if (!book) throw std::runtime_error("write_workbook: cannot create " + path.string());
    lxw_format* bold = workbook_add_format(book.get());
    format_set_bold(bold);
    for (const auto& sheet : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(book.get(), sheet.name.c_str());
        if (!ws) throw std::runtime_error("write_workbook: bad sheet name " + sheet.name);
        worksheet_write_string(ws, 0, 0, sheet.title.c_str(), bold);
        for (std::size_t c = 0; c < sheet.header.size(); ++c) {
            worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18,
                                 nullptr);
        }
        for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 3);
            for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                if (const auto* text = std::get_if<std::string>(&sheet.rows[r][c]))
                    worksheet_write_string(ws, row, col, text->c_str(), nullptr);
                else
                    worksheet_write_number(ws, row, col, std::get<double>(sheet.rows[r][c]),
                                           nullptr);
            }
        }
    }
    // workbook_close writes the file and frees the workbook.
    const lxw_error error = workbook_close(book.release());
    if (error != LXW_NO_ERROR) throw std::runtime_error(lxw_strerror(error));
}

}  // namespace wangju::tables
