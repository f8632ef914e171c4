// The official tables as XLSX through libxlsxwriter in constant-memory mode: each row is flushed
// to a temporary file once the next row starts, so rows must be written top to bottom and memory
// stays flat however long the table is.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <xlsxwriter.h>

#include "export/official_table_cells.h"
#include "export/official_table_formats.h"
#include "export/official_table_writers.h"
#include "export/xlsx_sheet_text.h"

namespace wangju::tables {

namespace {

constexpr double title_row_height = 36;
constexpr double header_row_height = 32;
// A line of 11-point body text: Excel's 宋体 needs 14.25 points, the CJK fonts that LibreOffice
// puts in its place up to 16; and the padding above and below a wrapped cell's lines.
constexpr double line_height = 16;
constexpr double row_padding = 4;
constexpr double default_row_height = 15;
constexpr double title_font_scale = 11.0 / 16;  // the title is set in 16 points, the body in 11
constexpr double title_line_height = 24;
constexpr uint8_t paper_a4 = 9;

void check(lxw_error error) {
    if (error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
        throw std::runtime_error("the table has more rows than an Excel sheet can hold");
    }
    if (error != LXW_NO_ERROR) throw std::runtime_error(lxw_strerror(error));
}

// Days since 1899-12-30, the serial number Excel stores for a date.
double excel_serial(Date date) {
    using namespace std::chrono;
    return static_cast<double>(
        (sys_days(date) - sys_days(year{1899} / December / 30)).count());
}

class XlsxTableWriter final : public OfficialTableWriter {
  public:
    XlsxTableWriter(const std::filesystem::path& path, const OfficialTableHeader& header)
        : guard_(path), header_(header), totals_(header.columns), book_(open_book(path)) {
        const std::string name = sheet_name(header.sheet_name);
        sheet_ = workbook_add_worksheet(book_.get(), name.c_str());
        if (sheet_ == nullptr) throw std::runtime_error("cannot add sheet " + name);
        formats_ = make_official_table_formats(book_.get(), header.columns);
        set_up_sheet();
        write_heading();
    }


    void add_row(const OfficialRow& row) override {
        check_row_width(row, columns());
        totals_.add(row);
        fit_row_height(row);
        for (std::size_t i = 0; i < columns(); ++i) {
            write_cell(i, i < row.size() ? row[i] : OfficialCell{}, formats_.data[i]);
        }
        if (first_data_row_ == 0) first_data_row_ = row_;
        ++row_;
    }

    void finish() override {
        if (header_.totals_row) write_totals();
        if (!header_.note.empty()) {
            check(worksheet_set_row(sheet_, row_, note_height(), nullptr));
            write_merged(header_.note, formats_.note);
        }
        check(workbook_close(book_.release()));  // frees the workbook, whatever it returns
        guard_.finished();
    }

  private:
    using Book = std::unique_ptr<lxw_workbook, decltype(&lxw_workbook_free)>;

    static Book open_book(const std::filesystem::path& path) {
        // libxlsxwriter opens the file only when the workbook is closed; fail now rather than
        // after every row has been written.
        if (!std::ofstream(path, std::ios::binary | std::ios::trunc)) {
            throw std::runtime_error("cannot write " + path.string());
        }
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.use_zip64 = LXW_TRUE;
        Book book(workbook_new_opt(path.string().c_str(), &options), lxw_workbook_free);
        if (!book) throw std::runtime_error("cannot create a workbook");
        return book;
    }

    // A spreadsheet keeps the height that the file gives a row however much its text wraps, and
    // a row left at the default height prints its wrapped text over the rows around it; so every
    // row that wraps is given the height of its longest cell.
    static double height_for(std::size_t lines, double at_least) {
        return std::max(at_least, line_height * static_cast<double>(lines) + row_padding);
    }

    double table_width() const {
        double width = 0;
        for (const OfficialColumn& column : header_.columns) width += column.width;
        return width;
    }

    double note_height() const { return height_for(wrapped_lines(header_.note, table_width()), 0); }

    double title_height() const {
        const std::size_t lines = wrapped_lines(header_.title, table_width() * title_font_scale);
        return std::max(title_row_height,
                        title_line_height * static_cast<double>(lines) + row_padding);
    }

    double header_height(bool grouped) const {
        std::size_t lines = 1;
        for (const OfficialColumn& column : header_.columns) {
            if (grouped && column.group.empty()) continue;  // spans both rows
            lines = std::max(lines, wrapped_lines(column.header, column.width));
        }
        return height_for(lines, header_row_height);
    }

    void fit_row_height(const OfficialRow& row) {
        std::size_t lines = 1;
        for (std::size_t i = 0; i < columns() && i < row.size(); ++i) {
            const auto* text = std::get_if<std::string>(&row[i]);
            if (text == nullptr) continue;
            if (header_.columns[i].kind == ColumnKind::date && cell_date(*text)) continue;
            lines = std::max(lines, wrapped_lines(*text, header_.columns[i].width));
        }
        if (lines > 1) {
            check(worksheet_set_row(sheet_, row_, height_for(lines, default_row_height), nullptr));
        }
    }

    lxw_col_t columns() const { return static_cast<lxw_col_t>(header_.columns.size()); }
    lxw_col_t last_column() const { return columns() - 1; }

    void set_up_sheet() {
        for (lxw_col_t i = 0; i < columns(); ++i) {
            check(worksheet_set_column(sheet_, i, i, header_.columns[i].width, nullptr));
        }
        worksheet_set_landscape(sheet_);
        worksheet_set_paper(sheet_, paper_a4);
        worksheet_fit_to_pages(sheet_, 1, 0);
        worksheet_center_horizontally(sheet_);
        worksheet_set_margins(sheet_, 0.4, 0.4, 0.6, 0.6);
        check(worksheet_set_footer(sheet_, "&C第 &P 页,共 &N 页"));
        lxw_doc_properties properties{};
        properties.title = const_cast<char*>(header_.title.c_str());  // copied by the library
        if (header_.created) properties.created = static_cast<time_t>(*header_.created);
        check(workbook_set_properties(book_.get(), &properties));
    }

    void write_heading() {
        check(worksheet_set_row(sheet_, row_, title_height(), nullptr));
        write_merged(header_.title, formats_.title);
        if (!header_.subtitle.empty()) write_merged(header_.subtitle, formats_.subtitle);
        write_unit_line();
        const lxw_row_t first_header_row = row_;
        const std::vector<ColumnGroup> groups = column_groups(header_.columns);
        if (groups.empty()) {
            write_header_row(false);
        } else {
            write_group_row(groups);
            write_header_row(true);
            merge_header_cells();
        }
        worksheet_freeze_panes(sheet_, row_, 0);
        check(worksheet_repeat_rows(sheet_, first_header_row, row_ - 1));
    }

    void write_header_row(bool grouped) {
        check(worksheet_set_row(sheet_, row_, header_height(grouped), nullptr));
        for (lxw_col_t i = 0; i < columns(); ++i) {
            const OfficialColumn& column = header_.columns[i];
            write_text(i, grouped && column.group.empty() ? "" : column.header, formats_.header);
        }
        ++row_;
    }

    // The row above the headers: each group merged over its columns, and the headers of the
    // columns without a group (merged down over both rows by merge_header_cells).
    void write_group_row(const std::vector<ColumnGroup>& groups) {
        check(worksheet_set_row(sheet_, row_, header_row_height, nullptr));
        for (lxw_col_t i = 0; i < columns(); ++i) {
            if (header_.columns[i].group.empty()) {
                write_text(i, header_.columns[i].header, formats_.header);
            }
        }
        for (const ColumnGroup& group : groups) {
            write_range(static_cast<lxw_col_t>(group.first), static_cast<lxw_col_t>(group.last),
                        header_.columns[group.first].group, formats_.header);
        }
        ++row_;
    }

    // Called once the lower header row is current. In constant-memory mode a vertical merge made
    // while the upper row was current would move on to the lower row and flush the upper one
    // half-written. libxlsxwriter records a merge before it fills the range, and drops the fill
    // of a row already flushed, so the headers written in the upper row stay.
    void merge_header_cells() {
        const lxw_row_t top = row_ - 2;
        for (lxw_col_t i = 0; i < columns(); ++i) {
            if (!header_.columns[i].group.empty()) continue;
            check(worksheet_merge_range(sheet_, top, i, top + 1, i, "", formats_.header));
        }
    }

    void write_unit_line() {
        if (columns() < 2) {
            write_merged(unit_line(header_) + "  " + date_line(header_), formats_.unit_line);
            return;
        }
        const lxw_col_t split = (columns() + 1) / 2;
        write_range(0, split - 1, unit_line(header_), formats_.unit_line);
        write_range(split, last_column(), date_line(header_), formats_.date_line);
        ++row_;
    }

    void write_totals() {
        const std::size_t first_summed = totals_.first_summed();
        const lxw_col_t label_end =
            first_summed > 1 ? static_cast<lxw_col_t>(first_summed - 1) : 0;
        write_range(0, label_end, header_.totals_label, formats_.totals[0]);
        for (lxw_col_t i = label_end + 1; i < columns(); ++i) {
            const OfficialCell sum = totals_.sum(i);
            if (std::holds_alternative<std::monostate>(sum)) {
                check(worksheet_write_blank(sheet_, row_, i, formats_.totals[i]));
            } else {
                write_sum(i, sum);
            }
        }
        ++row_;
    }

    // A SUM formula over the data rows, with its value stored, so the total is right when the
    // file is opened and stays right when a person edits a number.
    void write_sum(lxw_col_t column, const OfficialCell& sum) {
        const double value = std::holds_alternative<long long>(sum)
                                 ? static_cast<double>(std::get<long long>(sum))
                                 : std::get<double>(sum);
        if (first_data_row_ == 0) {
            check(worksheet_write_number(sheet_, row_, column, value, formats_.totals[column]));
            return;
        }
        char range[64];
        lxw_rowcol_to_range(range, first_data_row_, column, row_ - 1, column);
        const std::string formula = std::string("=SUM(") + range + ")";
        check(worksheet_write_formula_num(sheet_, row_, column, formula.c_str(),
                                          formats_.totals[column], value));
    }

    void write_cell(lxw_col_t column, const OfficialCell& cell, lxw_format* format) {
        if (const auto* text = std::get_if<std::string>(&cell)) {
            if (header_.columns[column].kind == ColumnKind::date) {
                if (const auto date = cell_date(*text)) {
                    check(worksheet_write_number(sheet_, row_, column, excel_serial(*date), format));
                    return;
                }
            }
            write_text(column, *text, format);
        } else if (const auto* integer = std::get_if<long long>(&cell)) {
            check(worksheet_write_number(sheet_, row_, column, static_cast<double>(*integer),
                                         format));
        } else if (const auto* number = std::get_if<double>(&cell);
                   number != nullptr && std::isfinite(*number)) {
            // NaN and infinity have no XLSX form: written, they would break the file.
            check(worksheet_write_number(sheet_, row_, column, *number, format));
        } else {
            check(worksheet_write_blank(sheet_, row_, column, format));
        }
    }

    // Always a string cell: worksheet_write_string never makes a formula, so text from users
    // that starts with "=" (or +, -, @) is shown as typed and never evaluated.
    void write_text(lxw_col_t column, std::string_view text, lxw_format* format) {
        const std::string value = sheet_cell_text(text);
        check(worksheet_write_string(sheet_, row_, column, value.c_str(), format));
    }

    void write_range(lxw_col_t first, lxw_col_t last, std::string_view text, lxw_format* format) {
        if (first == last) {
            write_text(first, text, format);
            return;
        }
        const std::string value = sheet_cell_text(text);
        check(worksheet_merge_range(sheet_, row_, first, row_, last, value.c_str(), format));
    }

    void write_merged(std::string_view text, lxw_format* format) {
        write_range(0, last_column(), text, format);
        ++row_;
    }

    RemoveUnlessFinished guard_;
    OfficialTableHeader header_;
    ColumnTotals totals_;
    Book book_;
    lxw_worksheet* sheet_ = nullptr;
    OfficialTableFormats formats_;
    lxw_row_t row_ = 0;
    lxw_row_t first_data_row_ = 0;  // 0 until a data row is written (row 0 is the title)
};

}  // namespace

std::unique_ptr<OfficialTableWriter> open_xlsx_table(const std::filesystem::path& path,
                                                     const OfficialTableHeader& header) {
    return std::make_unique<XlsxTableWriter>(path, header);
}

}  // namespace wangju::tables
