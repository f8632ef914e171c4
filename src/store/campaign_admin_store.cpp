#include "store/campaign_admin_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "store/audit_log.h"
#include "store/metric_rows.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kSameName =
    "SELECT count(*) FROM campaigns WHERE year = :year AND name = :name";
constexpr const char* kInsertCampaign =
    "INSERT INTO campaigns (year, name, theme, created_at, owner_unit_id) "
    "VALUES (:year, :name, :theme, :created_at, :owner) RETURNING id";
constexpr const char* kOwner = "SELECT owner_unit_id FROM campaigns WHERE id = :id";
constexpr const char* kRenameMetric =
    "UPDATE campaign_metrics SET name = :name, measure = :measure, aliases = :aliases "
    "WHERE id = :id AND campaign_id = :c";
constexpr const char* kQuotaCount =
    "SELECT count(*) FROM campaign_quotas WHERE campaign_id = :c AND metric_id = :m";
constexpr const char* kApprovedCount =
    "SELECT count(*) FROM campaign_totals WHERE campaign_id = :c AND metric_id = :m AND approved "
    "<> 0";
constexpr const char* kDeleteTotals =
    "DELETE FROM campaign_totals WHERE campaign_id = :c AND metric_id = :m";
constexpr const char* kDeleteMetric =
    "DELETE FROM campaign_metrics WHERE id = :id AND campaign_id = :c";

struct OwnerRow {
    NullableId owner;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(owner.value, owner.indicator); }
};

Metric metric_or_404(soci::session& s, CampaignId campaign, MetricId metric) {
    for (const auto& m : metrics_in(s, campaign)) {
        if (m.id == metric) return m;
    }
    throw_not_found("找不到该指标");
}

void check_measure(const std::string& measure) {
    if (trim(measure).empty())
        throw_invalid("请填写计量单位", {{"measure", "请填写计量单位,例如“场”“人”"}});
}

std::string campaign_object(CampaignId c) {
    return fmt::format("campaign:{}", c.value);
}

}  // namespace

Campaign CampaignAdminStore::create_campaign(const NewCampaign& campaign, UnitId owner,
                                             const AuditContext& ctx) {
    check_new_campaign(campaign);
    return database_.write([&](soci::session& s) {
        long long same = 0;
        s << kSameName, soci::use(campaign.year), soci::use(campaign.name), soci::into(same);
        if (same > 0) {
            const auto reason =
                fmt::format("{} 年已有名为“{}”的活动", campaign.year, campaign.name);
            throw Error(ErrorKind::conflict, reason, {{"name", reason}});
        }
        const Timestamp now = now_utc();
        const std::string created_at = stored(now);
        long long id = 0;
        s << kInsertCampaign, soci::use(campaign.year), soci::use(campaign.name),
            soci::use(campaign.theme), soci::use(created_at), soci::use(owner.value),
            soci::into(id);
        Campaign created{CampaignId{id}, campaign.year, campaign.name, campaign.theme, now};
        auto after = to_json(created);
        after["owner_unit_id"] = owner.value;
        after["metrics"] = nlohmann::json::array();
        int position = 0;
        for (const auto& m : default_metrics())
            after["metrics"].push_back(to_json(insert_metric(s, created.id, m, ++position)));
        append_event(s, ctx, "campaign.create", campaign_object(created.id), nullptr, after);
        return created;
    });
}

std::optional<UnitId> CampaignAdminStore::owner(CampaignId campaign) {
    return database_.read([&](soci::session& s) -> std::optional<UnitId> {
        auto row = fetch_one<OwnerRow>(s, kOwner, soci::use(campaign.value));
        if (!row || !row->owner.get()) return std::nullopt;
        return UnitId{*row->owner.get()};
    });
}

Metric CampaignAdminStore::add_metric(CampaignId campaign, Metric metric, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const auto existing = metrics_in(s, campaign);
        if (metric.code.empty()) {
            int n = static_cast<int>(existing.size()) + 1;
            auto taken = [&](const std::string& code) {
                for (const auto& m : existing)
                    if (m.code == code) return true;
                return false;
            };
            while (taken(fmt::format("custom_{}", n))) ++n;
            metric.code = fmt::format("custom_{}", n);
        }
        check_metric(metric);
        check_measure(metric.measure);
        for (const auto& m : existing) {
            if (m.code == metric.code)
                throw Error(ErrorKind::conflict, "指标编码“" + m.code + "”已存在",
                            {{"code", "该活动已有此编码的指标"}});
        }
        check_metric_names_distinct(metric, existing);
        const int position = existing.empty() ? 1 : existing.back().position + 1;
        const Metric added = insert_metric(s, campaign, metric, position);
        append_event(s, ctx, "campaign.metric", campaign_object(campaign), nullptr, to_json(added));
        return added;
    });
}

Metric CampaignAdminStore::rename_metric(CampaignId campaign, MetricId metric,
                                         const MetricNames& names, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Metric before = metric_or_404(s, campaign, metric);
        Metric after = before;
        after.name = trim(names.name);
        after.measure = trim(names.measure);
        if (names.aliases) after.aliases = *names.aliases;
        check_metric(after);
        check_measure(after.measure);
        check_metric_names_distinct(after, metrics_in(s, campaign));
        const std::string aliases = aliases_json(after);
        s << kRenameMetric, soci::use(after.name), soci::use(after.measure), soci::use(aliases),
            soci::use(metric.value), soci::use(campaign.value);
        append_event(s, ctx, "campaign.metric_rename", campaign_object(campaign), to_json(before),
                     to_json(after));
        return after;
    });
}

void CampaignAdminStore::retire_metric(CampaignId campaign, MetricId metric,
                                       const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const Metric before = metric_or_404(s, campaign, metric);
        long long quotas = 0, approved = 0;
        s << kQuotaCount, soci::use(campaign.value), soci::use(metric.value), soci::into(quotas);
        s << kApprovedCount, soci::use(campaign.value), soci::use(metric.value),
            soci::into(approved);
        if (quotas > 0 || approved > 0) {
            const auto reason = fmt::format("指标“{}”已{},不能停用", before.name,
                                            quotas > 0 ? "下达了任务" : "有审核通过的数据");
            throw Error(ErrorKind::conflict, reason, {{"metric", reason}});
        }
        s << kDeleteTotals, soci::use(campaign.value), soci::use(metric.value);
        s << kDeleteMetric, soci::use(metric.value), soci::use(campaign.value);
        append_event(s, ctx, "campaign.metric_retire", campaign_object(campaign), to_json(before),
                     nullptr);
    });
}

}  // namespace wangju::store
