#include "domain/campaign_rollup.h"

namespace wangju {

void add_along_path(std::map<UnitId, long long>& totals, std::string_view unit_path,
                    long long delta) {
    for (const auto id : ids_on_path(unit_path)) totals[id] += delta;
}

double Completeness::percent() const {
    if (expected == 0) return 100.0;
    return 100.0 * (on_time + late) / expected;
}

Completeness completeness(const std::vector<Unit>& children,
                          const std::map<UnitId, ReportCounts>& counts, Date due) {
    Completeness c;
    for (const auto& child : children) {
        if (!child.is_open_on(due)) continue;
        ++c.expected;
        auto it = counts.find(child.id);
        if (it == counts.end()) continue;
        if (it->second.on_time > 0) ++c.on_time;
        else if (it->second.late > 0) ++c.late;
    }
    c.missing = c.expected - c.on_time - c.late;
    return c;
}

QuotaSplit quota_split(std::optional<long long> own, const std::vector<long long>& children) {
    QuotaSplit s{own, 0, SplitStatus::none};
    for (auto q : children) s.children_sum += q;
    if (children.empty() || !own) return s;
    s.status = s.children_sum < *own   ? SplitStatus::under
               : s.children_sum == *own ? SplitStatus::exact
                                        : SplitStatus::over;
    return s;
}

std::string_view label_zh(SplitStatus status) {
    switch (status) {
        case SplitStatus::none: return "未分解";
        case SplitStatus::under: return "下级任务合计少于本级任务";
        case SplitStatus::exact: return "已全部分解";
        case SplitStatus::over: return "下级任务合计超过本级任务";
    }
    return "";
}

double progress_percent(long long approved, std::optional<long long> quota) {
    if (!quota || *quota <= 0 || approved <= 0) return 0.0;
    return 100.0 * static_cast<double>(approved) / static_cast<double>(*quota);
}

}  // namespace wangju
