#include "domain/quota_import.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

namespace {

constexpr long long kMaxQuota = 1'000'000'000;

bool is_code_header(std::string_view h) { return h == "单位编码" || h == "编码" || h == "code"; }
bool is_name_header(std::string_view h) { return h == "单位名称" || h == "单位" || h == "名称"; }

// Columns of 附件2 that hold no quota.
bool is_other_header(std::string_view h) {
    return h == "序号" || h == "编号" || h == "备注";
}

struct Layout {
    std::size_t header_row = 0;
    std::optional<std::size_t> code_col, name_col;
    std::vector<std::pair<std::size_t, const Metric*>> metric_cols;
};

// The header row is the first of the top rows that names the unit column (a title may stand
// above it).
std::optional<std::size_t> find_header_row(const std::vector<std::vector<std::string>>& rows) {
    for (std::size_t r = 0; r < rows.size() && r < 10; ++r) {
        for (const auto& cell : rows[r]) {
            const std::string_view h = trim(cell);
            if (is_code_header(h) || is_name_header(h)) return r;
        }
    }
    return std::nullopt;
}

std::string metric_list(const std::vector<Metric>& metrics) {
    std::vector<std::string> names;
    for (const auto& m : metrics) {
        names.push_back(m.aliases.empty()
                            ? m.name
                            : fmt::format("{}(也可写作{})", m.name, fmt::join(m.aliases, "、")));
    }
    return fmt::format("{}", fmt::join(names, "、"));
}

// Every column of the header names the unit, numbers the rows or is a remark, or names exactly
// one metric that no other column names. Anything else would be data silently dropped.
Layout read_header(const std::vector<std::string>& header, std::size_t header_row,
                   const std::vector<Metric>& metrics, std::vector<RowError>& errors) {
    Layout l{header_row, {}, {}, {}};
    const int row_number = static_cast<int>(header_row) + 1;
    std::map<const Metric*, std::string> taken;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string h(trim(header[c]));
        if (h.empty() || is_other_header(h)) continue;
        if (is_code_header(h)) {
            l.code_col = c;
            continue;
        }
        if (is_name_header(h)) {
            l.name_col = c;
            continue;
        }
        const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                         [&](const Metric& m) { return names_metric(h, m); });
        if (metric == metrics.end()) {
            errors.push_back({row_number, fmt::format("列“{}”不是本活动的指标;本活动的指标有:{}", h,
                                                      metric_list(metrics))});
        } else if (const auto [first, inserted] = taken.emplace(&*metric, h); !inserted) {
            errors.push_back({row_number, fmt::format("列“{}”和列“{}”都对应指标“{}”", first->second,
                                                      h, metric->name)});
        } else {
            l.metric_cols.push_back({c, &*metric});
        }
    }
    return l;
}

std::optional<long long> parse_count(std::string_view text) {
    text = trim(text);
    if (text.ends_with(".0")) text.remove_suffix(2);  // Excel shows whole numbers so at times
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0 || v > kMaxQuota)
        return std::nullopt;
    return v;
}

bool is_blank(const std::vector<std::string>& row) {
    for (const auto& c : row)
        if (!trim(c).empty()) return false;
    return true;
}

// The totals row under the units: its first filled cell says 合计 or 总计 (under 序号 or 单位).
bool is_totals_row(const std::vector<std::string>& row) {
    for (const auto& c : row) {
        std::string text(trim(c));
        std::erase(text, ' ');
        if (text.empty()) continue;
        return text == "合计" || text == "总计";
    }
    return false;
}

std::string cell(const std::vector<std::string>& row, std::size_t c) {
    return c < row.size() ? std::string(trim(row[c])) : std::string();
}

}  // namespace

long long parse_quota(std::string_view text, const std::string& field) {
    auto v = parse_count(text);
    if (!v) throw_invalid("任务数应为 0 至 1000000000 之间的整数", {{field, "应为 0 至 1000000000 之间的整数"}});
    return *v;
}

QuotaImportPlan plan_quota_import(const std::vector<std::vector<std::string>>& rows,
                                  const std::vector<Metric>& metrics, const Actor& actor,
                                  const QuotaLookups& lookups) {
    QuotaImportPlan plan;
    const auto header_row = find_header_row(rows);
    if (!header_row) {
        plan.errors.push_back({1, "找不到表头:需要“单位名称”或“单位编码”一列"});
        return plan;
    }
    const auto layout = read_header(rows[*header_row], *header_row, metrics, plan.errors);
    if (!plan.errors.empty()) return plan;
    if (layout.metric_cols.empty()) {
        plan.errors.push_back({static_cast<int>(layout.header_row) + 1,
                               "表头中没有可识别的指标列(列名应为指标名称,如“开展线下活动”)"});
        return plan;
    }
    for (const auto& [col, metric] : layout.metric_cols) {
        plan.columns.push_back({std::string(trim(rows[*header_row][col])), *metric});
    }
    std::set<std::int64_t> seen;
    for (std::size_t r = layout.header_row + 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const int number = static_cast<int>(r) + 1;
        if (is_blank(row) || is_totals_row(row)) continue;
        const std::string code = layout.code_col ? cell(row, *layout.code_col) : "";
        const std::string name = layout.name_col ? cell(row, *layout.name_col) : "";
        std::optional<Unit> unit = !code.empty()   ? lookups.by_code(code)
                                   : !name.empty() ? lookups.by_name(name)
                                                   : std::nullopt;
        if (!unit) {
            plan.errors.push_back({number, code.empty() && name.empty()
                                               ? "缺少单位"
                                               : fmt::format("找不到单位“{}”", code.empty() ? name : code)});
            continue;
        }
        if (!may_decide_for(actor, *unit)) {
            plan.errors.push_back({number, fmt::format("无权为“{}”下达任务(只能为下级单位下达)", unit->name)});
            continue;
        }
        if (!seen.insert(unit->id.value).second) {
            plan.errors.push_back({number, fmt::format("单位“{}”重复出现", unit->name)});
            continue;
        }
        for (const auto& [col, metric] : layout.metric_cols) {
            const std::string text = cell(row, col);
            if (text.empty()) continue;
            auto v = parse_count(text);
            if (!v) {
                plan.errors.push_back({number, fmt::format("“{}”应为 0 至 1000000000 之间的整数,而不是“{}”",
                                                           metric->name, text)});
                continue;
            }
            plan.entries.push_back({unit->id, metric->id, *v});
        }
    }
    if (plan.entries.empty() && plan.errors.empty())
        plan.errors.push_back({static_cast<int>(layout.header_row) + 1, "表中没有任务数据"});
    return plan;
}

}  // namespace wangju
