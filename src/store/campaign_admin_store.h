// Administration of campaigns in the database: creating one with the unit that owns it and the
// metrics of the 12351+ plan, renaming and retiring metrics. Phases are set through
// CampaignPlanStore::set_phases. Same contract as CampaignStore: thread-safe; a change commits
// together with its audit event or not at all.
#pragma once

#include <optional>
#include <string>

#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/campaign_metric.h"
#include "store/database.h"

namespace wangju::store {

class CampaignAdminStore {
  public:
    explicit CampaignAdminStore(Database& database) : database_(database) {}

    // Creates the campaign owned by `owner` with the default metrics, in one transaction.
    // Refuses (conflict, field "name") a second campaign of the same year and name.
    Campaign create_campaign(const NewCampaign& campaign, UnitId owner, const AuditContext& ctx);
    // The unit that created the campaign; none for one made by the system.
    std::optional<UnitId> owner(CampaignId campaign);

    // Adds a metric entered on each report; an empty code becomes "custom_<n>". Refuses a code
    // the campaign already has, or a name or alias that names another of its metrics (conflict
    // naming the field).
    Metric add_metric(CampaignId campaign, Metric metric, const AuditContext& ctx);
    // New name, measure and (when given) aliases of a metric of `campaign` (not found otherwise);
    // refused as add_metric refuses.
    Metric rename_metric(CampaignId campaign, MetricId metric, const MetricNames& names,
                         const AuditContext& ctx);
    // Removes a metric that has no quota and no approved figure; conflict otherwise.
    void retire_metric(CampaignId campaign, MetricId metric, const AuditContext& ctx);

  private:
    Database& database_;
};

}  // namespace wangju::store
