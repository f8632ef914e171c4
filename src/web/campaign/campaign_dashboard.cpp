#include "web/campaign/campaign_dashboard.h"

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/campaign_plan.h"
#include "domain/campaign_rollup.h"

namespace wangju::web::campaign {

namespace {

std::string percent_text(double p) { return fmt::format("{:.1f}%", p); }

// One row of the table: a unit's quota and approved figure for each metric.
nlohmann::json unit_row(const Unit& u, const std::vector<Metric>& metrics,
                        const store::UnitFigures& f, bool& behind) {
    nlohmann::json cells = nlohmann::json::array();
    behind = false;
    for (const auto& m : metrics) {
        auto q = f.quotas.find({u.id, m.id});
        auto a = f.approved.find({u.id, m.id});
        const long long approved = a == f.approved.end() ? 0 : a->second;
        std::optional<long long> quota;
        if (q != f.quotas.end()) quota = q->second;
        const double p = progress_percent(approved, quota);
        const bool short_of = quota && approved < *quota;
        behind = behind || short_of;
        cells.push_back({{"metric", m.code},
                         {"name", m.name},
                         {"measure", m.measure},
                         {"approved", approved},
                         {"quota", quota ? nlohmann::json(*quota) : nlohmann::json(nullptr)},
                         {"has_quota", quota.has_value()},
                         {"percent", p},
                         {"percent_text", quota ? percent_text(p) : "—"},
                         {"bar", std::min(100.0, p)},
                         {"behind", short_of}});
    }
    return {{"code", u.code}, {"name", u.name}, {"kind", std::string(label_zh(u.kind))},
            {"cells", cells}, {"behind", behind}};
}

nlohmann::json split_json(const Unit& unit, const std::vector<Unit>& children,
                          const std::vector<Metric>& metrics, const store::UnitFigures& f) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : metrics) {
        std::optional<long long> own;
        if (auto q = f.quotas.find({unit.id, m.id}); q != f.quotas.end()) own = q->second;
        std::vector<long long> child_quotas;
        for (const auto& c : children)
            if (auto q = f.quotas.find({c.id, m.id}); q != f.quotas.end()) child_quotas.push_back(q->second);
        const auto s = quota_split(own, child_quotas);
        list.push_back({{"metric", m.code},
                        {"name", m.name},
                        {"own", own ? nlohmann::json(*own) : nlohmann::json(nullptr)},
                        {"children_sum", s.children_sum},
                        {"status", std::string(label_zh(s.status))},
                        {"warn", s.status == SplitStatus::under}});
    }
    return list;
}

}  // namespace

nlohmann::json dashboard_json(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                              const Unit& unit, Timestamp now) {
    const auto metrics = web.campaign_plans.metrics(campaign.id);
    const auto figures = web.campaign_plans.figures(campaign.id, unit);
    const auto children = web.store.children(unit.id);
    const auto deadlines = web.campaign_plans.deadlines(campaign.id);
    const auto due = deadline_below(deadlines, unit.path, duty_activity_report);

    nlohmann::json j;
    j["campaign"] = to_json(campaign);
    j["unit"] = {{"code", unit.code}, {"name", unit.name}, {"kind", std::string(label_zh(unit.kind))}};
    nlohmann::json crumbs = nlohmann::json::array();
    for (const auto& a : web.store.ancestors(unit)) {
        if (may_view_campaign_unit(user.actor, a)) crumbs.push_back({{"code", a.code}, {"name", a.name}});
    }
    j["ancestors"] = crumbs;
    nlohmann::json ms = nlohmann::json::array();
    for (const auto& m : metrics) ms.push_back(to_json(m));
    j["metrics"] = ms;
    j["deadline"] = due ? to_json(*due, now) : nlohmann::json(nullptr);

    bool behind = false;
    j["self"] = unit_row(unit, metrics, figures, behind);
    nlohmann::json rows = nlohmann::json::array(), behind_list = nlohmann::json::array();
    const Date due_day = due ? due->due_on : shanghai_date(now);
    for (const auto& c : children) {
        nlohmann::json row = unit_row(c, metrics, figures, behind);
        const bool expected = c.is_open_on(due_day);
        auto counts = figures.counts.find(c.id);
        const ReportCounts rc = counts == figures.counts.end() ? ReportCounts{} : counts->second;
        row["expected"] = expected;
        row["reports_on_time"] = rc.on_time;
        row["reports_late"] = rc.late;
        row["reporting"] = !expected          ? "不在统计范围"
                           : rc.on_time > 0   ? "按时报送"
                           : rc.late > 0      ? "逾期报送"
                                              : "未报送";
        row["closed"] = !c.is_open_on(shanghai_date(now));
        if (behind && expected) behind_list.push_back({{"code", c.code}, {"name", c.name}});
        rows.push_back(row);
    }
    j["children"] = rows;
    j["has_children"] = !children.empty();
    j["behind"] = behind_list;
    j["has_behind"] = !behind_list.empty();
    const auto comp = completeness(children, figures.counts, due_day);
    j["completeness"] = {{"expected", comp.expected}, {"on_time", comp.on_time},
                         {"late", comp.late},         {"missing", comp.missing},
                         {"percent", comp.percent()}, {"percent_text", percent_text(comp.percent())}};
    j["split"] = split_json(unit, children, metrics, figures);
    return j;
}

}  // namespace wangju::web::campaign
