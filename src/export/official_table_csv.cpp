// The official tables as CSV: UTF-8 with a byte order mark (without it Excel on Chinese Windows
// reads the file as GBK), fields quoted as RFC 4180 says, lines ended by CRLF. The rows are those
// of the XLSX table, so a person sees the same title, unit line, headers and totals.
//
// Written by hand rather than with a library: Debian packages no CSV writer for C++, and the
// format is a few lines once quoting and the formula guard are settled.
#include <algorithm>
#include <array>
#include <fstream>
#include <stdexcept>

#include "export/official_table_cells.h"
#include "export/official_table_writers.h"

namespace wangju::tables {

namespace {

class CsvTableWriter final : public OfficialTableWriter {
  public:
    CsvTableWriter(const std::filesystem::path& path, const OfficialTableHeader& header)
        : guard_(path), path_(path), totals_(header.columns), header_(header) {
        out_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        out_.open(path, std::ios::binary | std::ios::trunc);
        if (!out_) throw std::runtime_error("cannot write " + path.string());
        out_ << "\xEF\xBB\xBF";
        write_heading();
    }

    void add_row(const OfficialRow& row) override {
        check_row_width(row, header_.columns.size());
        totals_.add(row);
        std::vector<std::string> fields;
        fields.reserve(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) fields.push_back(cell_field(row[i]));
        write_line(fields);
    }

    void finish() override {
        if (header_.totals_row) write_totals();
        if (!header_.note.empty()) write_line({text_field(header_.note)});
        out_.flush();
        out_.close();
        if (!out_) throw std::runtime_error("cannot write " + path_.string());
        guard_.finished();
    }

  private:
    void write_heading() {
        write_line({text_field(header_.title)});
        if (!header_.subtitle.empty()) write_line({text_field(header_.subtitle)});
        if (header_.columns.size() < 2) {
            write_line({text_field(unit_line(header_) + "  " + date_line(header_))});
        } else {
            std::vector<std::string> line(header_.columns.size());
            // Where the XLSX table starts the merged date cell, so both read back alike.
            line.front() = text_field(unit_line(header_));
            line[(header_.columns.size() + 1) / 2] = text_field(date_line(header_));
            write_line(line);
        }
        const bool grouped = !column_groups(header_.columns).empty();
        if (grouped) write_group_line();
        std::vector<std::string> headers;
        for (const OfficialColumn& column : header_.columns) {
            headers.push_back(grouped && column.group.empty() ? "" : text_field(column.header));
        }
        write_line(headers);
    }

    // The line above the headers: each group named over its first column, and the headers of
    // columns without a group (the XLSX table merges them down over both lines).
    void write_group_line() {
        std::vector<std::string> fields;
        for (std::size_t i = 0; i < header_.columns.size(); ++i) {
            const OfficialColumn& column = header_.columns[i];
            const bool starts_group =
                !column.group.empty() && (i == 0 || header_.columns[i - 1].group != column.group);
            if (column.group.empty()) {
                fields.push_back(text_field(column.header));
            } else {
                fields.push_back(starts_group ? text_field(column.group) : "");
            }
        }
        write_line(fields);
    }

    void write_totals() {
        std::vector<std::string> fields(header_.columns.size());
        for (std::size_t i = 0; i < header_.columns.size(); ++i) fields[i] = cell_field(totals_.sum(i));
        fields.front() = text_field(header_.totals_label);
        write_line(fields);
    }

    // Text a spreadsheet would run as a formula gets a leading apostrophe: Excel then shows it as
    // text (and hides the apostrophe when the value is typed back), and no formula ever runs.
    static std::string text_field(std::string_view text) {
        std::string field = clean_text(text);
        if (looks_like_formula(field)) field.insert(0, 1, '\'');
        return field;
    }

    static std::string cell_field(const OfficialCell& cell) {
        if (const auto* text = std::get_if<std::string>(&cell)) return text_field(*text);
        if (const auto* integer = std::get_if<long long>(&cell)) return std::to_string(*integer);
        if (const auto* number = std::get_if<double>(&cell)) return number_text(*number);
        return "";
    }

    // Every line has one field per column, as RFC 4180 asks, so that a reader which guesses the
    // separator from the first line (the title) finds commas there.
    void write_line(const std::vector<std::string>& fields) {
        const std::size_t count = std::max(fields.size(), header_.columns.size());
        for (std::size_t i = 0; i < count; ++i) {
            if (i > 0) out_ << ',';
            if (i < fields.size()) write_field(fields[i]);
        }
        out_ << "\r\n";
        if (!out_) throw std::runtime_error("cannot write " + path_.string());
    }

    void write_field(const std::string& field) {
        // Tabs and semicolons are quoted too: they are separators for readers that guess one.
        if (field.find_first_of(",\"\r\n\t;") == std::string::npos) {
            out_ << field;
            return;
        }
        out_ << '"';
        for (const char c : field) {
            if (c == '"') out_ << '"';
            out_ << c;
        }
        out_ << '"';
    }

    RemoveUnlessFinished guard_;
    std::filesystem::path path_;
    ColumnTotals totals_;
    OfficialTableHeader header_;
    std::array<char, 1 << 16> buffer_{};
    std::ofstream out_;
};

}  // namespace

std::unique_ptr<OfficialTableWriter> open_csv_table(const std::filesystem::path& path,
                                                    const OfficialTableHeader& header) {
    return std::make_unique<CsvTableWriter>(path, header);
}

}  // namespace wangju::tables
