#include "domain/unit.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "domain/text.h"

namespace wangju {

namespace {

struct KindNames {
    UnitKind kind;
    std::string_view code;
    std::string_view label;
    std::string_view short_label;  // how tables and people often write it
    // Other names that offices write in their tables: the notice's own words ("各系统及直属单位
    // 工会"), and the usual forms for a county, a street or township, a trade.
    std::vector<std::string_view> aliases;
};

const std::array<KindNames, 9> kind_names{{
    {UnitKind::national, "national", "全国总工会", "全总", {"中华全国总工会", "全国"}},
    {UnitKind::city, "city", "市总工会", "市总", {"市级工会", "市工会", "地市总工会"}},
    {UnitKind::district,
     "district",
     "区总工会",
     "区总",
     {"区县总工会", "县总工会", "县（区）总工会", "县(区)总工会", "区县"}},
    {UnitKind::zone,
     "zone",
     "开发区总工会",
     "开发区",
     {"开发区工会", "功能区", "功能区总工会", "功能区工会", "园区", "园区工会"}},
    {UnitKind::town,
     "town",
     "街镇总工会",
     "街镇",
     {"街道", "乡镇", "街道总工会", "乡镇总工会", "镇总工会", "街道工会", "乡镇工会", "街乡"}},
    {UnitKind::sector, "sector", "系统工会", "系统", {"行业工会", "系统总工会"}},
    {UnitKind::direct, "direct", "直属单位工会", "直属", {"直属单位", "直属工会", "直属机关工会"}},
    {UnitKind::grassroots,
     "grassroots",
     "基层工会",
     "基层",
     {"基层单位", "基层单位工会", "企业工会", "单位工会", "联合基层工会", "联合工会", "分工会",
      "基层分工会"}},
    {UnitKind::group, "group", "工会小组", "小组", {"工会组"}},
}};

const KindNames& names_of(UnitKind kind) {
    for (const auto& names : kind_names) {
        if (names.kind == kind) return names;
    }
    throw std::invalid_argument("unknown unit kind");
}

constexpr std::size_t max_name_length = 100;

bool is_code_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// C0 and C1 controls and DEL; a name is shown on pages and printed in tables.
bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

}  // namespace

std::string_view to_string(UnitKind kind) {
    return names_of(kind).code;
}

std::string_view label_zh(UnitKind kind) {
    return names_of(kind).label;
}

std::optional<UnitKind> parse_unit_kind(std::string_view text) {
    const std::string_view trimmed = trim(text);
    const std::string lower = to_lower_ascii(trimmed);
    for (const auto& names : kind_names) {
        if (lower == names.code || trimmed == names.label || trimmed == names.short_label) {
            return names.kind;
        }
        for (const std::string_view alias : names.aliases) {
            if (trimmed == alias) return names.kind;
        }
    }
    return std::nullopt;
}

std::string accepted_kind_names() {
    std::vector<std::string> kinds;
    for (const auto& names : kind_names) {
        std::vector<std::string_view> others{names.short_label};
        others.insert(others.end(), names.aliases.begin(), names.aliases.end());
        others.push_back(names.code);
        kinds.push_back(fmt::format("{}({})", names.label, fmt::join(others, "、")));
    }
    return fmt::format("{}", fmt::join(kinds, ";"));
}

int kind_rank(UnitKind kind) {
    switch (kind) {
        case UnitKind::national:
            return 0;
        case UnitKind::city:
            return 1;
        case UnitKind::district:
            return 2;
        case UnitKind::zone:
        case UnitKind::town:
        case UnitKind::sector:
        case UnitKind::direct:
            return 3;
        case UnitKind::grassroots:
            return 4;
        case UnitKind::group:
            return 5;
    }
    throw std::invalid_argument("unknown unit kind");
}

bool Unit::is_open_on(Date day) const {
    const bool opened = !opens_on || *opens_on <= day;
    const bool closed = closes_on && *closes_on <= day;
    return opened && !closed;
}

std::string path_of_child(std::string_view parent_path, UnitId child) {
    return fmt::format("{}{}/", parent_path, child.value);
}

std::string root_path(UnitId id) {
    return fmt::format("/{}/", id.value);
}

bool is_within(std::string_view unit_path, std::string_view ancestor_path) {
    // Every path ends with '/', so "/1/40/" does not start with "/1/4/". A malformed ancestor
    // (empty, or without the final '/') would match too much and is refused.
    if (ancestor_path.empty() || ancestor_path.back() != '/') return false;
    return unit_path.starts_with(ancestor_path);
}

std::vector<UnitId> ids_on_path(std::string_view path) {
    if (path.size() < 3 || path.front() != '/' || path.back() != '/') {
        throw std::invalid_argument(fmt::format("malformed unit path \"{}\"", path));
    }
    std::vector<UnitId> ids;
    std::size_t start = 1;
    while (start < path.size()) {
        const std::size_t end = path.find('/', start);
        UnitId id;
        const auto [ptr, ec] = std::from_chars(path.data() + start, path.data() + end, id.value);
        if (ec != std::errc{} || ptr != path.data() + end || end == start) {
            throw std::invalid_argument(fmt::format("malformed unit path \"{}\"", path));
        }
        ids.push_back(id);
        start = end + 1;
    }
    return ids;
}

std::string check_unit_code(std::string_view code) {
    if (code.empty()) return "单位编码不能为空";
    if (code.size() < 2 || code.size() > 40) return "单位编码长度应为2到40个字符";
    for (const char c : code) {
        if (!is_code_char(c)) return "单位编码只能包含小写字母、数字、下划线和连字符";
    }
    return {};
}

std::string check_unit_name(std::string_view name) {
    const auto chars = decode_utf8(trim(name));
    if (!chars) return "单位名称含有无法识别的字符";
    if (chars->empty()) return "单位名称不能为空";
    if (chars->size() > max_name_length) return "单位名称不能超过100个字符";
    for (const char32_t cp : *chars) {
        if (is_control(cp)) return "单位名称不能包含换行符等控制字符";
    }
    return {};
}

std::string check_kind_under(UnitKind parent, UnitKind child) {
    if (kind_rank(child) > kind_rank(parent)) return {};
    if (parent == UnitKind::grassroots && child == UnitKind::grassroots) return {};
    return fmt::format("{}不能设在{}之下", label_zh(child), label_zh(parent));
}

}  // namespace wangju
