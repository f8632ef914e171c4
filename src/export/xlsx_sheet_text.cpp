#include "export/xlsx_sheet_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "export/official_table_cells.h"

namespace wangju::tables {

namespace {

constexpr std::size_t max_cell_characters = 32767;
constexpr std::size_t max_sheet_name_characters = 31;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` (valid UTF-8) cut after `limit` code points.
std::string cut_to_characters(std::string text, std::size_t limit) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_continuation_byte(text[i])) continue;
        if (count == limit) {
            text.resize(i);
            break;
        }
        ++count;
    }
    return text;
}

bool is_ooxml_escape_at(std::string_view text, std::size_t i) {
    if (i + 7 > text.size() || text[i + 1] != 'x' || text[i + 6] != '_') return false;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
        if (!std::isxdigit(static_cast<unsigned char>(text[k]))) return false;
    }
    return true;
}

// Lays out one paragraph (no line feeds) greedily, a word at a time.
class LineFiller {
  public:
    explicit LineFiller(std::size_t width) : width_(width) {}

    void word(std::size_t length) {
        if (length == 0) return;
        if (used_ > 0 && used_ + length > width_) new_line();
        while (length > width_) {  // a word wider than the line is cut at the line's end
            length -= width_;
            new_line();
        }
        used_ += length;
    }
    // A space that does not fit ends the line without starting the next one.
    void space() {
        if (used_ < width_) ++used_;
    }
    std::size_t lines() const { return lines_; }

  private:
    void new_line() {
        ++lines_;
        used_ = 0;
    }
    std::size_t width_;
    std::size_t used_ = 0;
    std::size_t lines_ = 1;
};

}  // namespace

std::size_t wrapped_lines(std::string_view text, double width) {
    // One width of the cell goes to its margins.
    const auto usable = static_cast<std::size_t>(std::max(1.0, std::floor(width - 1)));
    std::size_t lines = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        LineFiller filler(usable);
        std::size_t word = 0;  // the narrow characters of the word being read
        for (std::size_t i = start; i < end; ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (is_continuation_byte(text[i])) continue;
            if (byte == ' ') {
                filler.word(word);
                word = 0;
                filler.space();
            } else if (byte < 0x80) {
                ++word;
            } else {
                filler.word(word);
                word = 0;
                filler.word(2);
            }
        }
        filler.word(word);
        lines += filler.lines();
        if (end == text.size()) return lines;
        start = end + 1;
    }
}

std::string sheet_cell_text(std::string_view text) {
    const std::string clean = cut_to_characters(clean_text(text), max_cell_characters);
    if (clean.find("_x") == std::string::npos) return clean;
    std::string out;
    out.reserve(clean.size() + 14);
    for (std::size_t i = 0; i < clean.size(); ++i) {
        if (clean[i] == '_' && is_ooxml_escape_at(clean, i)) {
            out += "_x005F";
        }
        out += clean[i];
    }
    return out;
}

std::string sheet_name(std::string_view wanted) {
    std::string name = clean_text(wanted);
    for (char& c : name) {
        if (std::string_view("[]:*?/\\\t\r\n").find(c) != std::string_view::npos) c = '_';
    }
    name = cut_to_characters(std::move(name), max_sheet_name_characters);
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    return name.empty() ? "统计表" : name;
}

}  // namespace wangju::tables
