#include "domain/unit_import.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "domain/text.h"
#include "domain/time.h"

namespace wangju {

namespace {

// ---- the header -------------------------------------------------------------------------------

enum class Column { code, name, kind, parent_code, opens_on, closes_on };

struct ColumnNames {
    Column column;
    std::string_view english;
    std::string_view label;       // the name used in messages
    std::string_view long_label;  // the other Chinese name accepted
    bool required;
};

constexpr std::array<ColumnNames, 6> column_names{{
    {Column::code, "code", "编码", "单位编码", true},
    {Column::name, "name", "名称", "单位名称", true},
    {Column::kind, "kind", "类型", "单位类型", true},
    {Column::parent_code, "parent_code", "上级编码", "上级单位编码", true},
    {Column::opens_on, "opens_on", "成立日期", "启用日期", false},
    {Column::closes_on, "closes_on", "撤销日期", "停用日期", false},
}};

// Where each column is in the table, by Column.
using ColumnPositions = std::array<std::optional<std::size_t>, column_names.size()>;

std::optional<Column> column_named(std::string_view header_cell) {
    const std::string_view name = trim(header_cell);
    const std::string lower = to_lower_ascii(name);
    for (const auto& names : column_names) {
        if (lower == names.english || name == names.label || name == names.long_label) {
            return names.column;
        }
    }
    return std::nullopt;
}

// Unknown columns (a remark, a serial number) are ignored.
std::optional<ColumnPositions> read_header(const std::vector<std::string>& header,
                                           std::vector<RowError>& errors) {
    ColumnPositions positions;
    bool duplicated = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto column = column_named(header[i]);
        if (!column) continue;
        auto& position = positions[static_cast<std::size_t>(*column)];
        if (position) {
            errors.push_back({1, fmt::format("列“{}”重复出现", trim(header[i]))});
            duplicated = true;
        }
        position = i;
    }
    std::vector<std::string_view> missing;
    for (const auto& names : column_names) {
        if (names.required && !positions[static_cast<std::size_t>(names.column)]) {
            missing.push_back(names.label);
        }
    }
    if (!missing.empty()) {
        errors.push_back({1, fmt::format("缺少必需的列:{}", fmt::join(missing, "、"))});
    }
    if (duplicated || !missing.empty()) return std::nullopt;
    return positions;
}

// ---- cell values ------------------------------------------------------------------------------

std::string_view cell_of(const std::vector<std::string>& row, const ColumnPositions& positions,
                         Column column) {
    const auto position = positions[static_cast<std::size_t>(column)];
    if (!position || *position >= row.size()) return {};
    return trim(row[*position]);
}

bool is_blank(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const auto& cell) { return trim(cell).empty(); });
}

// Built into a new string: std::string::replace in a loop makes g++ 12 at -O2 report an
// overlapping memcpy inside libstdc++ (GCC bug 105329, a false positive).
std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0;;) {
        const std::size_t at = text.find(from, start);
        out.append(
            text.substr(start, at == std::string_view::npos ? text.size() - start : at - start));
        if (at == std::string_view::npos) return out;
        out.append(to);
        start = at + from.size();
    }
}

// Reads up to `max_digits` digits at `pos`, moving `pos` past them.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t max_digits) {
    const std::size_t start = pos;
    int value = 0;
    while (pos < text.size() && pos - start < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    if (pos == start) return std::nullopt;
    return value;
}

// "8:30" or "08:30:00": a time of day, hours 0-23.
bool is_time_of_day(std::string_view text) {
    std::size_t pos = 0;
    const auto hours = read_number(text, pos, 2);
    if (!hours || *hours > 23 || pos >= text.size() || text[pos] != ':') return false;
    for (int part = 0; part < 2 && pos < text.size(); ++part) {
        if (text[pos] != ':') return false;
        const std::size_t start = ++pos;
        const auto value = read_number(text, pos, 2);
        if (!value || pos - start != 2 || *value > 59) return false;
    }
    return pos == text.size();
}

// A date with its time, as Excel shows a date-time cell ("2020/1/2 8:30") and as the reader
// gives one ("2020-01-02 08:30:00"): the date, when what follows it is a time of day.
std::string_view without_time_of_day(std::string_view text) {
    const std::size_t space = text.find_first_of(" T");
    if (space == std::string_view::npos) return text;
    const std::string_view time = trim(text.substr(space + 1));
    return is_time_of_day(time) ? text.substr(0, space) : text;
}

// A date cell whose date format was lost (a format that a program saving the file did not know
// falls back to General) shows the spreadsheet's day number: 43832.35 is 2 January 2020, 8:24.
// Taken only between 1950 and 2100, where no other number in a date column is likely; "20200102"
// typed as a number is read as its digits. Day 1 of the 1900 date system is 1900-01-01, counted
// from 1899-12-30 past Excel's 29 February 1900 that never was.
std::optional<Date> date_of_number(std::string_view text) {
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    if (whole.empty() || whole.size() > 8) return std::nullopt;
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    const auto all_digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!all_digits(whole) || !all_digits(fraction)) return std::nullopt;
    if (whole.size() == 8 && fraction.empty()) {
        return parse_date(
            fmt::format("{}-{}-{}", whole.substr(0, 4), whole.substr(4, 2), whole.substr(6, 2)));
    }
    constexpr int first_day = 18264;  // 1950-01-01
    constexpr int last_day = 73415;   // 2100-12-31
    std::size_t pos = 0;
    const auto day = read_number(whole, pos, 8);
    if (!day || *day < first_day || *day > last_day) return std::nullopt;
    using namespace std::chrono;
    return Date{sys_days{1899y / December / 30} + days{*day}};
}

// People type dates in tables as "2023-06-01", "2023-6-1", "2023/6/1", "2023.6.1" or
// "2023年6月1日", at times with a time after them; all become the one form that parse_date reads.
std::optional<Date> parse_table_date(std::string_view text) {
    if (auto date = date_of_number(text)) return date;
    text = without_time_of_day(text);
    std::string normal = replace_all(replace_all(text, "年", "-"), "月", "-");
    if (normal.ends_with("日")) normal.resize(normal.size() - std::string_view("日").size());
    std::size_t pos = 0;
    const auto year = read_number(normal, pos, 4);
    if (!year || pos != 4 || pos >= normal.size()) return std::nullopt;
    const char separator = normal[pos];
    if (separator != '-' && separator != '/' && separator != '.') return std::nullopt;
    const auto month = read_number(normal, ++pos, 2);
    if (!month || pos >= normal.size() || normal[pos] != separator) return std::nullopt;
    const auto day = read_number(normal, ++pos, 2);
    if (!day || pos != normal.size()) return std::nullopt;
    return parse_date(fmt::format("{:04}-{:02}-{:02}", *year, *month, *day));
}

// ---- rows -------------------------------------------------------------------------------------

struct ImportRow {
    int row = 0;  // as the spreadsheet numbers it
    NewUnit unit;
    bool kind_known = false;
    std::optional<std::size_t> parent_in_file;  // index into the rows of the file
    std::size_t depth = 0;  // rows of the file between this one and an existing unit
};

class ImportPlanner {
  public:
    ImportPlanner(const Actor& actor, const UnitLookup& lookup, std::vector<RowError>& errors)
        : actor_(actor), lookup_(lookup), errors_(errors) {}

    void read_row(const std::vector<std::string>& cells, int row_number,
                  const ColumnPositions& positions);
    void check_codes();
    void resolve_parents();
    void check_cycles();
    std::vector<NewUnit> parents_first() const;

  private:
    void fail(int row, std::string reason) { errors_.push_back({row, std::move(reason)}); }
    std::optional<Date> read_date(int row, std::string_view label, std::string_view text);
    const std::optional<Unit>& existing(const std::string& code);
    void resolve_parent(ImportRow& row);
    void check_parent_in_file(const ImportRow& row, const ImportRow& parent);
    void check_existing_parent(const ImportRow& row, const Unit& parent);

    const Actor& actor_;
    const UnitLookup& lookup_;
    std::vector<RowError>& errors_;
    std::vector<ImportRow> rows_;
    std::map<std::string, std::size_t, std::less<>> first_row_of_code_;
    std::map<std::string, std::optional<Unit>, std::less<>> existing_;  // lookups, cached
};

std::string with_value(std::string_view label, std::string_view value, const std::string& reason) {
    if (value.empty()) return reason;
    return fmt::format("{}“{}”不符合要求:{}", label, value, reason);
}

void ImportPlanner::read_row(const std::vector<std::string>& cells, int row_number,
                             const ColumnPositions& positions) {
    ImportRow row;
    row.row = row_number;
    const auto cell = [&](Column column) { return cell_of(cells, positions, column); };
    row.unit.code = std::string(cell(Column::code));
    row.unit.name = std::string(cell(Column::name));
    if (auto reason = check_unit_code(row.unit.code); !reason.empty()) {
        fail(row_number, with_value("编码", row.unit.code, reason));
    }
    if (auto reason = check_unit_name(row.unit.name); !reason.empty()) {
        fail(row_number, with_value("名称", row.unit.name, reason));
    }
    const std::string_view kind = cell(Column::kind);
    if (kind.empty()) {
        fail(row_number, "缺少单位类型");
    } else if (const auto parsed = parse_unit_kind(kind)) {
        row.unit.kind = *parsed;
        row.kind_known = true;
    } else {
        fail(row_number,
             fmt::format("单位类型“{}”无法识别,可填写:{}", kind, accepted_kind_names()));
    }
    const std::string_view parent = cell(Column::parent_code);
    if (parent.empty()) {
        fail(row_number, "缺少上级编码");
    } else {
        row.unit.parent_code = std::string(parent);
    }
    row.unit.opens_on = read_date(row_number, "成立日期", cell(Column::opens_on));
    row.unit.closes_on = read_date(row_number, "撤销日期", cell(Column::closes_on));
    if (row.unit.opens_on && row.unit.closes_on && *row.unit.closes_on <= *row.unit.opens_on) {
        fail(row_number,
             fmt::format("撤销日期“{}”应晚于成立日期“{}”", format_date(*row.unit.closes_on),
                         format_date(*row.unit.opens_on)));
    }
    rows_.push_back(std::move(row));
}

std::optional<Date> ImportPlanner::read_date(int row, std::string_view label,
                                             std::string_view text) {
    if (text.empty()) return std::nullopt;
    const auto date = parse_table_date(text);
    if (!date) fail(row, fmt::format("{}“{}”无法识别,应写成2023-06-01这样的日期", label, text));
    return date;
}

const std::optional<Unit>& ImportPlanner::existing(const std::string& code) {
    auto found = existing_.find(code);
    if (found == existing_.end()) {
        // A code that breaks the rules cannot belong to a stored unit; it is not looked up.
        std::optional<Unit> unit;
        if (check_unit_code(code).empty()) unit = lookup_(code);
        found = existing_.emplace(code, std::move(unit)).first;
    }
    return found->second;
}

void ImportPlanner::check_codes() {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const ImportRow& row = rows_[i];
        if (row.unit.code.empty()) continue;
        const auto [first, inserted] = first_row_of_code_.emplace(row.unit.code, i);
        if (!inserted) {
            fail(row.row,
                 fmt::format("编码“{}”与第{}行重复", row.unit.code, rows_[first->second].row));
        } else if (existing(row.unit.code)) {
            fail(row.row, fmt::format("编码“{}”已存在", row.unit.code));
        }
    }
}

void ImportPlanner::resolve_parents() {
    for (ImportRow& row : rows_) {
        if (row.unit.parent_code) resolve_parent(row);
    }
}

// A parent that is already stored wins over a row of the file with the same code: that row is
// refused anyway, as its code exists.
void ImportPlanner::resolve_parent(ImportRow& row) {
    const std::string& parent_code = *row.unit.parent_code;
    if (parent_code == row.unit.code) {
        fail(row.row, fmt::format("上级编码“{}”是本单位自己的编码", parent_code));
    } else if (const auto& parent = existing(parent_code)) {
        check_existing_parent(row, *parent);
    } else if (const auto in_file = first_row_of_code_.find(parent_code);
               in_file != first_row_of_code_.end()) {
        row.parent_in_file = in_file->second;
        check_parent_in_file(row, rows_[in_file->second]);
    } else {
        fail(row.row, fmt::format("上级编码“{}”不存在", parent_code));
    }
}

void ImportPlanner::check_existing_parent(const ImportRow& row, const Unit& parent) {
    if (!may(actor_, UnitAction::import_units, parent)) {
        fail(row.row, fmt::format("无权在“{}”下导入单位", parent.name));
    }
    if (row.kind_known) {
        if (auto reason = check_kind_under(parent.kind, row.unit.kind); !reason.empty()) {
            fail(row.row, std::move(reason));
        }
    }
}

void ImportPlanner::check_parent_in_file(const ImportRow& row, const ImportRow& parent) {
    if (!row.kind_known || !parent.kind_known) return;
    if (auto reason = check_kind_under(parent.unit.kind, row.unit.kind); !reason.empty()) {
        fail(row.row, std::move(reason));
    }
}

// Follows each row's parents within the file. A chain that comes back to itself never reaches a
// stored unit: every row on the loop is refused. On the way, each row learns its depth.
void ImportPlanner::check_cycles() {
    enum class State { unvisited, on_path, done };
    std::vector<State> states(rows_.size(), State::unvisited);
    for (std::size_t start = 0; start < rows_.size(); ++start) {
        std::vector<std::size_t> path;
        std::size_t at = start;
        while (states[at] == State::unvisited) {
            states[at] = State::on_path;
            path.push_back(at);
            if (!rows_[at].parent_in_file) break;
            at = *rows_[at].parent_in_file;
        }
        if (states[at] == State::on_path && rows_[at].parent_in_file) {
            const auto loop_start = std::find(path.begin(), path.end(), at);
            std::vector<std::string> codes;
            for (auto i = loop_start; i != path.end(); ++i) codes.push_back(rows_[*i].unit.code);
            codes.push_back(rows_[at].unit.code);
            const std::string reason = fmt::format("上级编码形成循环:{}", fmt::join(codes, " → "));
            for (auto i = loop_start; i != path.end(); ++i) fail(rows_[*i].row, reason);
        }
        for (auto i = path.rbegin(); i != path.rend(); ++i) {
            ImportRow& row = rows_[*i];
            if (row.parent_in_file) row.depth = rows_[*row.parent_in_file].depth + 1;
            states[*i] = State::done;
        }
    }
}

std::vector<NewUnit> ImportPlanner::parents_first() const {
    std::vector<const ImportRow*> ordered;
    for (const ImportRow& row : rows_) ordered.push_back(&row);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const ImportRow* a, const ImportRow* b) { return a->depth < b->depth; });
    std::vector<NewUnit> units;
    for (const ImportRow* row : ordered) units.push_back(row->unit);
    return units;
}

}  // namespace

UnitImportPlan plan_unit_import(const std::vector<std::vector<std::string>>& rows,
                                const Actor& actor, const UnitLookup& lookup) {
    UnitImportPlan plan;
    if (rows.empty()) {
        plan.errors.push_back({1, "表格是空的,第一行应为列名"});
        return plan;
    }
    const auto positions = read_header(rows.front(), plan.errors);
    if (!positions) return plan;
    ImportPlanner planner(actor, lookup, plan.errors);
    bool any_unit = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (is_blank(rows[i])) continue;
        planner.read_row(rows[i], static_cast<int>(i) + 1, *positions);
        any_unit = true;
    }
    if (!any_unit) {
        plan.errors.push_back({2, "表格中没有要导入的单位"});
        return plan;
    }
    planner.check_codes();
    planner.resolve_parents();
    planner.check_cycles();
    std::stable_sort(plan.errors.begin(), plan.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.row < b.row; });
    if (plan.errors.empty()) plan.units = planner.parents_first();
    return plan;
}

}  // namespace wangju
