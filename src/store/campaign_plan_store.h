// The plan of a campaign in the database: phases, per-level deadlines and extensions, metrics and
// quotas, and the figures a dashboard reads (approved totals and report counts of a unit and its
// children, kept up to date by ActivityReportStore). Same contract as CampaignStore: thread-safe;
// a change commits together with its audit event or not at all.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/audit.h"
#include "domain/campaign_metric.h"
#include "domain/campaign_plan.h"
#include "domain/campaign_rollup.h"
#include "domain/quota_import.h"
#include "store/database.h"

namespace wangju::store {

using QuotaKey = std::pair<UnitId, MetricId>;

// What the dashboard of one unit needs: rows for the unit itself and its children only.
struct UnitFigures {
    std::map<QuotaKey, long long> approved;   // subtree totals of approved reports
    std::map<QuotaKey, long long> quotas;
    std::map<UnitId, ReportCounts> counts;    // approved reports of each subtree
};

class CampaignPlanStore {
  public:
    explicit CampaignPlanStore(Database& database) : database_(database) {}

    // ---- phases: replaced as a whole, ordered by position
    std::vector<Phase> phases(CampaignId campaign);
    std::vector<Phase> set_phases(CampaignId campaign, std::vector<Phase> phases,
                                  const AuditContext& ctx);

    // ---- deadlines and extensions
    std::vector<Deadline> deadlines(CampaignId campaign);
    // Creates or moves the deadline that `set_by`'s descendants must meet for `duty`.
    Deadline set_deadline(CampaignId campaign, const std::string& duty, UnitId set_by, Date due_on,
                          const AuditContext& ctx);
    std::optional<Extension> extension(CampaignId campaign, const std::string& duty, UnitId unit);
    std::vector<Extension> extensions(CampaignId campaign);
    // Creates or replaces the unit's extension of `duty`. Refuses (invalid) a date that is not
    // after the deadline the unit has.
    Extension grant_extension(const Extension& extension, const Unit& unit, const AuditContext& ctx);
    // The deadline, extension and state of `duty` for `unit` at `now`.
    DutyWindow duty_window(CampaignId campaign, const std::string& duty, const Unit& unit,
                           Timestamp now);

    // ---- metrics: ordered by position
    std::vector<Metric> metrics(CampaignId campaign);
    Metric add_metric(CampaignId campaign, Metric metric, const AuditContext& ctx);
    // Adds the metrics of the 12351+ plan that the campaign does not have yet.
    void add_default_metrics(CampaignId campaign, const AuditContext& ctx);

    // ---- quotas
    // Stores all entries or none (one audit event for the batch).
    void set_quotas(CampaignId campaign, const std::vector<QuotaEntry>& entries,
                    const AuditContext& ctx);
    // The figures of `unit` and each of its children.
    UnitFigures figures(CampaignId campaign, const Unit& unit);

  private:
    Database& database_;
};

}  // namespace wangju::store
