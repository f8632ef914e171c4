#include "domain/quota_import.h"

#include <charconv>
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

// "开展线下活动(场)" and "开展线下活动（场）" both name metric "开展线下活动".
std::string without_measure(std::string_view h) {
    for (std::string_view open : {"(", "（"}) {
        auto pos = h.find(open);
        if (pos != std::string_view::npos && pos > 0) return std::string(trim(h.substr(0, pos)));
    }
    return std::string(h);
}

struct Layout {
    std::size_t header_row = 0;
    std::optional<std::size_t> code_col, name_col;
    std::vector<std::pair<std::size_t, const Metric*>> metric_cols;
};

std::optional<Layout> find_layout(const std::vector<std::vector<std::string>>& rows,
                                  const std::vector<Metric>& metrics) {
    for (std::size_t r = 0; r < rows.size() && r < 10; ++r) {
        Layout l{r, {}, {}, {}};
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string h(trim(rows[r][c]));
            if (is_code_header(h)) l.code_col = c;
            else if (is_name_header(h)) l.name_col = c;
            else {
                for (const auto& m : metrics) {
                    if (without_measure(h) == m.name || h == m.code) l.metric_cols.push_back({c, &m});
                }
            }
        }
        if (l.code_col || l.name_col) return l;
    }
    return std::nullopt;
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
    auto layout = find_layout(rows, metrics);
    if (!layout) {
        plan.errors.push_back({1, "找不到表头:需要“单位名称”或“单位编码”一列"});
        return plan;
    }
    if (layout->metric_cols.empty()) {
        plan.errors.push_back({static_cast<int>(layout->header_row) + 1,
                               "表头中没有可识别的指标列(列名应为指标名称,如“开展线下活动”)"});
        return plan;
    }
    std::set<std::int64_t> seen;
    for (std::size_t r = layout->header_row + 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const int number = static_cast<int>(r) + 1;
        if (is_blank(row)) continue;
        const std::string code = layout->code_col ? cell(row, *layout->code_col) : "";
        const std::string name = layout->name_col ? cell(row, *layout->name_col) : "";
        if (name == "合计" || name == "总计" || code == "合计") continue;
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
        for (const auto& [col, metric] : layout->metric_cols) {
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
        plan.errors.push_back({static_cast<int>(layout->header_row) + 1, "表中没有任务数据"});
    return plan;
}

}  // namespace wangju
