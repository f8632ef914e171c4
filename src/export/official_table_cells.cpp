#include "export/official_table_cells.h"

#include <cmath>
#include <cstdio>

#include "domain/error.h"
#include "export/text_encoding.h"

namespace wangju::tables {

namespace {

constexpr std::string_view unit_label = "填报单位:";
constexpr std::string_view date_label = "填报日期:";

bool is_iso_date_shape(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

}  // namespace

void check_header(const OfficialTableHeader& header) {
    if (header.columns.empty()) throw_invalid("统计表至少需要一列");
    if (!header.date.empty() && !cell_date(header.date)) {
        throw_invalid("填报日期格式应为YYYY-MM-DD,例如2023-08-05", {{"date", "日期格式不正确"}});
    }
}

std::string unit_line(const OfficialTableHeader& header) {
    const std::string name = clean_text(header.unit_name);
    if (name.starts_with("填报单位")) return name;
    return std::string(unit_label) + (name.empty() ? std::string(16, ' ') : name);
}

std::string date_line(const OfficialTableHeader& header) {
    if (header.date.empty()) return std::string(date_label) + "      年    月    日";
    return std::string(date_label) + chinese_date(*cell_date(header.date));
}

std::string chinese_date(Date date) {
    return std::to_string(static_cast<int>(date.year())) + "年" +
           std::to_string(static_cast<unsigned>(date.month())) + "月" +
           std::to_string(static_cast<unsigned>(date.day())) + "日";
}

std::string clean_text(std::string_view text) {
    std::string out = repair_utf8(text);
    // XML 1.0 cannot carry C0 controls other than tab, LF and CR, not even escaped; a cell with
    // one would make Excel refuse the whole file.
    for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
    }
    return out;
}

bool looks_like_formula(std::string_view text) {
    if (text.empty()) return false;
    switch (text.front()) {
        case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
        default: return false;
    }
}

std::string number_text(double value) {
    if (!std::isfinite(value)) return "";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

std::optional<Date> cell_date(std::string_view text) {
    if (!is_iso_date_shape(text)) return std::nullopt;
    return parse_date(text);
}

ColumnTotals::ColumnTotals(const std::vector<OfficialColumn>& columns) : sums_(columns.size()) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        sums_[i].summed = columns[i].total && columns[i].kind != ColumnKind::text &&
                          columns[i].kind != ColumnKind::date;
    }
}

void ColumnTotals::add(const OfficialRow& row) {
    for (std::size_t i = 0; i < row.size() && i < sums_.size(); ++i) {
        Sum& sum = sums_[i];
        if (!sum.summed) continue;
        if (const auto* integer = std::get_if<long long>(&row[i])) {
            sum.integer += *integer;
            sum.number += static_cast<double>(*integer);
        } else if (const auto* number = std::get_if<double>(&row[i])) {
            if (!std::isfinite(*number)) continue;
            sum.fractional = true;
            sum.number += *number;
        }
    }
}

OfficialCell ColumnTotals::sum(std::size_t index) const {
    const Sum& sum = sums_.at(index);
    if (!sum.summed) return std::monostate{};
    if (sum.fractional) return sum.number;
    return sum.integer;
}

std::size_t ColumnTotals::first_summed() const {
    for (std::size_t i = 0; i < sums_.size(); ++i) {
        if (sums_[i].summed) return i;
    }
    return sums_.size();
}

std::vector<ColumnGroup> column_groups(const std::vector<OfficialColumn>& columns) {
    std::vector<ColumnGroup> groups;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].group.empty()) continue;
        if (!groups.empty() && groups.back().last + 1 == i &&
            columns[groups.back().first].group == columns[i].group) {
            groups.back().last = i;
        } else {
            groups.push_back({i, i});
        }
    }
    return groups;
}

void check_row_width(const OfficialRow& row, std::size_t columns) {
    if (row.size() > columns) {
        throw_invalid("统计表的一行有" + std::to_string(row.size()) + "个单元格,但表格只有" +
                      std::to_string(columns) + "列");
    }
}

}  // namespace wangju::tables
