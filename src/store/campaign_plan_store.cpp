#include "store/campaign_plan_store.h"

#include <fmt/format.h>

#include "domain/activity_report.h"
#include "domain/error.h"
#include "store/audit_log.h"
#include "store/metric_rows.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kPhases =
    "SELECT id, position, name, starts_on, ends_on FROM campaign_phases "
    "WHERE campaign_id = :c ORDER BY position";
constexpr const char* kDeletePhases = "DELETE FROM campaign_phases WHERE campaign_id = :c";
constexpr const char* kInsertPhase =
    "INSERT INTO campaign_phases (campaign_id, position, name, starts_on, ends_on) "
    "VALUES (:c, :position, :name, :starts_on, :ends_on)";
constexpr const char* kDeadlines =
    "SELECT id, duty, set_by_unit_id, due_on FROM campaign_deadlines WHERE campaign_id = :c "
    "ORDER BY duty, set_by_unit_id";
constexpr const char* kUpsertDeadline =
    "INSERT INTO campaign_deadlines (campaign_id, duty, set_by_unit_id, due_on) "
    "VALUES (:c, :duty, :unit, :due) ON CONFLICT (campaign_id, duty, set_by_unit_id) "
    "DO UPDATE SET due_on = excluded.due_on";
constexpr const char* kExtensions =
    "SELECT id, duty, unit_id, until_on, reason, granted_by, granted_at FROM campaign_extensions "
    "WHERE campaign_id = :c ORDER BY id";
constexpr const char* kExtension =
    "SELECT id, duty, unit_id, until_on, reason, granted_by, granted_at FROM campaign_extensions "
    "WHERE campaign_id = :c AND duty = :duty AND unit_id = :unit";
constexpr const char* kUpsertExtension =
    "INSERT INTO campaign_extensions (campaign_id, duty, unit_id, until_on, reason, granted_by, "
    "granted_at) VALUES (:c, :duty, :unit, :until, :reason, :by, :at) "
    "ON CONFLICT (campaign_id, duty, unit_id) DO UPDATE SET until_on = excluded.until_on, "
    "reason = excluded.reason, granted_by = excluded.granted_by, granted_at = excluded.granted_at";
constexpr const char* kUpsertQuota =
    "INSERT INTO campaign_quotas (campaign_id, unit_id, metric_id, target, updated_at) "
    "VALUES (:c, :unit, :metric, :target, :at) ON CONFLICT (campaign_id, unit_id, metric_id) "
    "DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at";
// The unit itself and its children: the rows a dashboard shows. CROSS JOIN makes SQLite start from
// the children (index on parent_id) and look each up by primary key, instead of scanning every
// row of the campaign; PostgreSQL reads it as an inner join.
#define WANGJU_FAMILY(table, columns)                                                           \
    "SELECT t.unit_id, t.metric_id, " columns " FROM units u CROSS JOIN " table " t "           \
    "WHERE u.parent_id = :parent AND t.campaign_id = :c AND t.unit_id = u.id "                  \
    "UNION ALL SELECT t.unit_id, t.metric_id, " columns " FROM " table " t "                    \
    "WHERE t.campaign_id = :c2 AND t.unit_id = :unit"
constexpr const char* kFamilyQuotas = WANGJU_FAMILY("campaign_quotas", "t.target");
constexpr const char* kFamilyTotals = WANGJU_FAMILY("campaign_totals", "t.approved");
#undef WANGJU_FAMILY
constexpr const char* kFamilyCounts =
    "SELECT t.unit_id, t.on_time, t.late FROM units u CROSS JOIN campaign_report_counts t "
    "WHERE u.parent_id = :parent AND t.campaign_id = :c AND t.unit_id = u.id "
    "UNION ALL SELECT t.unit_id, t.on_time, t.late FROM campaign_report_counts t "
    "WHERE t.campaign_id = :c2 AND t.unit_id = :unit";

struct PhaseRow {
    long long id = 0;
    int position = 0;
    std::string name, starts_on, ends_on;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(position), soci::into(name), soci::into(starts_on),
            soci::into(ends_on);
    }
    Phase phase(CampaignId c) const {
        return {id, c, position, name, *parse_date(starts_on), *parse_date(ends_on)};
    }
};

struct DeadlineRow {
    long long id = 0, set_by = 0;
    std::string duty, due_on;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(duty), soci::into(set_by), soci::into(due_on);
    }
    Deadline deadline(CampaignId c) const { return {id, c, duty, UnitId{set_by}, *parse_date(due_on)}; }
};

struct ExtensionRow {
    long long id = 0, unit = 0, by = 0;
    std::string duty, until, reason, at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(duty), soci::into(unit), soci::into(until), soci::into(reason),
            soci::into(by), soci::into(at);
    }
    Extension extension(CampaignId c) const {
        return {id, c, duty, UnitId{unit}, *parse_date(until), reason, UserId{by}, timestamp_from(at)};
    }
};

struct TripleRow {
    long long a = 0, b = 0, c = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(a), soci::into(b), soci::into(c); }
};

std::string campaign_object(CampaignId c) { return fmt::format("campaign:{}", c.value); }

}  // namespace

std::vector<Phase> CampaignPlanStore::phases(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Phase> out;
        for (const auto& r : fetch_all<PhaseRow>(s, kPhases, soci::use(campaign.value)))
            out.push_back(r.phase(campaign));
        return out;
    });
}

std::vector<Phase> CampaignPlanStore::set_phases(CampaignId campaign, std::vector<Phase> phases,
                                                 const AuditContext& ctx) {
    for (const auto& p : phases) check_phase(p);
    database_.write([&](soci::session& s) {
        nlohmann::json before = nlohmann::json::array(), after = nlohmann::json::array();
        for (const auto& r : fetch_all<PhaseRow>(s, kPhases, soci::use(campaign.value)))
            before.push_back(to_json(r.phase(campaign)));
        s << kDeletePhases, soci::use(campaign.value);
        int position = 0;
        for (auto& p : phases) {
            p.position = ++position;
            const std::string from = format_date(p.starts_on), to = format_date(p.ends_on);
            s << kInsertPhase, soci::use(campaign.value), soci::use(p.position), soci::use(p.name),
                soci::use(from), soci::use(to);
            after.push_back(to_json(p));
        }
        append_event(s, ctx, "campaign.phases", campaign_object(campaign), before, after);
    });
    return this->phases(campaign);
}

std::vector<Deadline> CampaignPlanStore::deadlines(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Deadline> out;
        for (const auto& r : fetch_all<DeadlineRow>(s, kDeadlines, soci::use(campaign.value)))
            out.push_back(r.deadline(campaign));
        return out;
    });
}

Deadline CampaignPlanStore::set_deadline(CampaignId campaign, const std::string& duty,
                                         UnitId set_by, Date due_on, const AuditContext& ctx) {
    check_duty_code(duty);
    return database_.write([&](soci::session& s) {
        const std::string due = format_date(due_on);
        s << kUpsertDeadline, soci::use(campaign.value), soci::use(duty), soci::use(set_by.value),
            soci::use(due);
        Deadline d{0, campaign, duty, set_by, due_on};
        for (const auto& r : fetch_all<DeadlineRow>(s, kDeadlines, soci::use(campaign.value))) {
            if (r.duty == duty && r.set_by == set_by.value) d.id = r.id;
        }
        append_event(s, ctx, "campaign.deadline", campaign_object(campaign), nullptr,
                     {{"duty", duty}, {"set_by", set_by.value}, {"due_on", due}});
        return d;
    });
}

std::optional<Extension> CampaignPlanStore::extension(CampaignId campaign, const std::string& duty,
                                                      UnitId unit) {
    return database_.read([&](soci::session& s) -> std::optional<Extension> {
        auto r = fetch_one<ExtensionRow>(s, kExtension, soci::use(campaign.value), soci::use(duty),
                                         soci::use(unit.value));
        if (!r) return std::nullopt;
        return r->extension(campaign);
    });
}

std::vector<Extension> CampaignPlanStore::extensions(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Extension> out;
        for (const auto& r : fetch_all<ExtensionRow>(s, kExtensions, soci::use(campaign.value)))
            out.push_back(r.extension(campaign));
        return out;
    });
}

Extension CampaignPlanStore::grant_extension(const Extension& e, const Unit& unit,
                                             const AuditContext& ctx) {
    check_duty_code(e.duty);
    check_reason(e.reason);
    auto deadline = deadline_for(deadlines(e.campaign), unit.path, e.duty);
    if (!deadline) throw_invalid("该单位没有这项截止时间,无需延期", {{"duty", "没有截止时间"}});
    if (e.until <= deadline->due_on)
        throw_invalid("延期日期应晚于原截止日期 " + format_date(deadline->due_on),
                      {{"until", "应晚于 " + format_date(deadline->due_on)}});
    return database_.write([&](soci::session& s) {
        const std::string until = format_date(e.until), at = stored(e.granted_at);
        s << kUpsertExtension, soci::use(e.campaign.value), soci::use(e.duty),
            soci::use(e.unit.value), soci::use(until), soci::use(e.reason),
            soci::use(e.granted_by.value), soci::use(at);
        auto row = fetch_one<ExtensionRow>(s, kExtension, soci::use(e.campaign.value),
                                           soci::use(e.duty), soci::use(e.unit.value));
        append_event(s, ctx, "campaign.extension", fmt::format("unit:{}", unit.code), nullptr,
                     {{"campaign", e.campaign.value}, {"duty", e.duty}, {"until", until},
                      {"reason", e.reason}});
        return row->extension(e.campaign);
    });
}

DutyWindow CampaignPlanStore::duty_window(CampaignId campaign, const std::string& duty,
                                          const Unit& unit, Timestamp now) {
    return wangju::duty_window(deadline_for(deadlines(campaign), unit.path, duty),
                               extension(campaign, duty, unit.id), now);
}

std::vector<Metric> CampaignPlanStore::metrics(CampaignId campaign) {
    return database_.read([&](soci::session& s) { return metrics_in(s, campaign); });
}

Metric CampaignPlanStore::add_metric(CampaignId campaign, Metric metric, const AuditContext& ctx) {
    check_metric(metric);
    return database_.write([&](soci::session& s) {
        const auto existing = metrics_in(s, campaign);
        for (const auto& m : existing) {
            if (m.code == metric.code) throw_conflict("指标编码“" + metric.code + "”已存在");
        }
        metric = insert_metric(s, campaign, metric,
                               existing.empty() ? 1 : existing.back().position + 1);
        append_event(s, ctx, "campaign.metric", campaign_object(campaign), nullptr, to_json(metric));
        return metric;
    });
}

void CampaignPlanStore::add_default_metrics(CampaignId campaign, const AuditContext& ctx) {
    const auto existing = metrics(campaign);
    for (const auto& m : default_metrics()) {
        bool have = false;
        for (const auto& e : existing) have = have || e.code == m.code;
        if (!have) add_metric(campaign, m, ctx);
    }
}

void CampaignPlanStore::set_quotas(CampaignId campaign, const std::vector<QuotaEntry>& entries,
                                   const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string at = stored(now_utc());
        nlohmann::json list = nlohmann::json::array();
        for (const auto& e : entries) {
            s << kUpsertQuota, soci::use(campaign.value), soci::use(e.unit.value),
                soci::use(e.metric.value), soci::use(e.target), soci::use(at);
            list.push_back({{"unit", e.unit.value}, {"metric", e.metric.value}, {"target", e.target}});
        }
        append_event(s, ctx, "campaign.quotas", campaign_object(campaign), nullptr, list);
    });
}

UnitFigures CampaignPlanStore::figures(CampaignId campaign, const Unit& unit) {
    return database_.read([&](soci::session& s) {
        UnitFigures f;
        const long long c = campaign.value, u = unit.id.value;
        for (const auto& r : fetch_all<TripleRow>(s, kFamilyTotals, soci::use(u), soci::use(c), soci::use(c), soci::use(u)))
            f.approved[{UnitId{r.a}, MetricId{r.b}}] = r.c;
        for (const auto& r : fetch_all<TripleRow>(s, kFamilyQuotas, soci::use(u), soci::use(c), soci::use(c), soci::use(u)))
            f.quotas[{UnitId{r.a}, MetricId{r.b}}] = r.c;
        for (const auto& r : fetch_all<TripleRow>(s, kFamilyCounts, soci::use(u), soci::use(c), soci::use(c), soci::use(u)))
            f.counts[UnitId{r.a}] = {r.b, r.c};
        return f;
    });
}

}  // namespace wangju::store
