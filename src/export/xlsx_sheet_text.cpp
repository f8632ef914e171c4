#include "export/xlsx_sheet_text.h"

#include <cctype>

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

}  // namespace

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
