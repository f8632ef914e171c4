// CSV as RFC 4180 describes it and Excel writes it. Hand-written: no CSV library is packaged for
// Debian 12, and the format is small enough that a state machine over the text is clearer than a
// dependency vendored for it.
#include <fmt/format.h>

#include "domain/error.h"
#include "export/table_reader.h"
#include "export/table_rows.h"
#include "export/text_encoding.h"

namespace wangju::tables {

namespace {

bool is_line_end(char c) {
    return c == '\n' || c == '\r';
}

// The separator that occurs most often outside quotes on the header line: Excel writes commas,
// or semicolons where the decimal mark is a comma; "Unicode text" is tab-separated.
char detect_separator(std::string_view text) {
    std::size_t commas = 0, tabs = 0, semicolons = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (is_line_end(c)) break;
        commas += c == ',';
        tabs += c == '\t';
        semicolons += c == ';';
    }
    if (tabs > commas && tabs >= semicolons) return '\t';
    if (semicolons > commas && semicolons > tabs) return ';';
    return ',';
}

class CsvParser {
  public:
    CsvParser(std::string_view text, char separator, RowsBuilder& rows)
        : text_(text), separator_(separator), rows_(rows) {}

    void parse() {
        std::size_t column = 0;
        while (pos_ < text_.size()) {
            rows_.put_cell(column, text_[pos_] == '"' ? read_quoted_field() : read_plain_field());
            if (pos_ == text_.size()) break;
            if (text_[pos_] == separator_) {
                ++pos_;
                ++column;
            } else {
                skip_line_end();
                rows_.start_row(rows_.row_number() + 1);
                column = 0;
            }
        }
    }

  private:
    std::string read_plain_field() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != separator_ && !is_line_end(text_[pos_])) {
            ++pos_;
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    // A field in quotes: a doubled quote stands for one quote; separators and line ends inside
    // belong to the field. Text between the closing quote and the separator is kept as Excel does.
    std::string read_quoted_field() {
        std::string field;
        ++pos_;
        while (true) {
            const std::size_t quote = text_.find('"', pos_);
            if (quote == std::string_view::npos) {
                throw_invalid(fmt::format("第{}行:引号未闭合", rows_.row_number()));
            }
            field.append(text_.substr(pos_, quote - pos_));
            pos_ = quote + 1;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                field.push_back('"');
                ++pos_;
                continue;
            }
            break;
        }
        field.append(read_plain_field());
        return field;
    }

    void skip_line_end() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
    }

    std::string_view text_;
    char separator_;
    RowsBuilder& rows_;
    std::size_t pos_ = 0;
};

}  // namespace

Rows read_csv(std::string_view bytes, const ReadLimits& limits) {
    const std::string text = text_as_utf8(bytes);
    RowsBuilder rows(limits);
    CsvParser(text, detect_separator(text), rows).parse();
    return rows.finish();
}

}  // namespace wangju::tables
