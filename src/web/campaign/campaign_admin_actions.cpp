#include "web/campaign/campaign_admin_actions.h"

#include <charconv>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju::web::campaign {

void require_edit(WebContext& web, const CurrentUser& user, const Campaign& campaign) {
    if (!may_edit(web, user, campaign)) require_edit_campaign(user.actor, user.unit, std::nullopt);
}

int year_from(const std::string& text) {
    const auto t = trim(text);
    int year = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), year);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size())
        throw_invalid("请填写年度,例如 2023", {{"year", "请填写四位数的年度,例如 2023"}});
    return year;
}

Campaign create_campaign(WebContext& web, const CurrentUser& user, const NewCampaign& campaign,
                         const AuditContext& ctx) {
    require_create_campaign(user.actor, user.unit);
    NewCampaign c{campaign.year, std::string(trim(campaign.name)),
                  std::string(trim(campaign.theme))};
    return web.campaign_admin.create_campaign(c, user.unit.id, ctx);
}

bool may_edit(WebContext& web, const CurrentUser& user, const Campaign& campaign) {
    std::optional<Unit> owner;
    if (auto id = web.campaign_admin.owner(campaign.id)) owner = web.store.find_unit(*id);
    return may_edit_campaign(user.actor, user.unit, owner);
}

std::vector<Phase> set_phases(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                              const std::vector<PhaseInput>& phases, const AuditContext& ctx) {
    require_edit(web, user, campaign);
    return web.campaign_plans.set_phases(campaign.id, checked_phases(campaign.id, phases), ctx);
}

Metric add_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                  const std::string& code, const MetricNames& names, const AuditContext& ctx) {
    require_edit(web, user, campaign);
    Metric metric = new_entered_metric(campaign.id, code, names.name, names.measure);
    metric.aliases = names.aliases.value_or(std::vector<std::string>{});
    return web.campaign_admin.add_metric(campaign.id, metric, ctx);
}

Metric metric_of(WebContext& web, const Campaign& campaign, const std::string& id_text) {
    for (const auto& m : web.campaign_plans.metrics(campaign.id)) {
        if (std::to_string(m.id.value) == id_text) return m;
    }
    throw_not_found("找不到该指标");
}

Metric rename_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                     const std::string& id_text, const MetricNames& names, const AuditContext& ctx) {
    require_edit(web, user, campaign);
    const auto m = metric_of(web, campaign, id_text);
    return web.campaign_admin.rename_metric(campaign.id, m.id, names, ctx);
}

void retire_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                   const std::string& id_text, const AuditContext& ctx) {
    require_edit(web, user, campaign);
    web.campaign_admin.retire_metric(campaign.id, metric_of(web, campaign, id_text).id, ctx);
}

}  // namespace wangju::web::campaign
