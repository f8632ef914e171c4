// Offline activity reports and activity news in the database. An approval adds the report's
// contribution to the approved totals and report counts of its unit and every ancestor in the
// same transaction (an unlock subtracts them), so that dashboards read a few rows instead of
// scanning reports. Same contract as CampaignStore: thread-safe; a change commits together with
// its audit event or not at all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity_report.h"
#include "domain/audit.h"
#include "store/database.h"

namespace wangju::store {

struct ReportQuery {
    CampaignId campaign;
    std::string subtree_path;                // reports of units at or below this path
    std::optional<ReportState> state;
    std::size_t limit = 50;
    std::size_t offset = 0;
};

// A report with the code and name of its unit, for lists and tables.
struct ReportListing {
    ActivityReport report;
    std::string unit_code;
    std::string unit_name;
    std::string unit_path;
};

struct NewsItem {
    std::int64_t id = 0;
    CampaignId campaign;
    UnitId unit;
    std::optional<ReportId> report;
    std::string title;
    std::string body;
    std::string state;  // "sent", "accepted" or "published" (on the portal)
    UserId created_by;
    Timestamp created_at{};
    std::optional<Timestamp> accepted_at;
};
nlohmann::json to_json(const NewsItem& item);
void check_news(const NewsItem& item);  // throws Error(invalid) naming the field

class ActivityReportStore {
  public:
    explicit ActivityReportStore(Database& database) : database_(database) {}

    ActivityReport create_report(CampaignId campaign, const Unit& unit, const ReportDraft& draft,
                                 UserId by, Timestamp now, const AuditContext& ctx);
    // Refuses (conflict) unless the report is a draft or returned.
    ActivityReport update_report(ReportId id, const ReportDraft& draft, Timestamp now,
                                 const AuditContext& ctx);
    // `late`: filed after the deadline, within an extension. Refuses unless editable.
    ActivityReport submit_report(ReportId id, bool late, Timestamp now, const AuditContext& ctx);
    // Adds the contribution to the metrics of the unit and every ancestor. Refuses unless submitted.
    ActivityReport approve_report(ReportId id, const std::vector<Metric>& metrics, Timestamp now,
                                  const AuditContext& ctx);
    ActivityReport return_report(ReportId id, const std::string& reason, Timestamp now,
                                 const AuditContext& ctx);
    // Subtracts what the approval added; the report becomes a draft again.
    ActivityReport unlock_report(ReportId id, const std::string& reason, Timestamp now,
                                 const AuditContext& ctx);

    std::optional<ReportListing> find_report(ReportId id);
    std::vector<ReportListing> reports(const ReportQuery& query);
    std::size_t count_reports(const ReportQuery& query);
    // Every report of the subtree in the given state (all states when empty), by unit path and
    // date, one at a time: memory does not grow with the number of reports.
    void for_each_report(CampaignId campaign, const std::string& subtree_path,
                         std::optional<ReportState> state,
                         const std::function<void(const ReportListing&)>& visit);

    // ---- activity news (信息报送)
    NewsItem send_news(NewsItem item, const AuditContext& ctx);
    NewsItem accept_news(std::int64_t id, UserId by, Timestamp now, const AuditContext& ctx);
    // Marks news ("sent" or "accepted") as published on the portal as article `article_id`;
    // refuses (conflict) news already published. Its audit event names the article.
    NewsItem mark_news_published(std::int64_t id, std::int64_t article_id,
                                 const AuditContext& ctx);
    std::optional<NewsItem> find_news(std::int64_t id);
    std::vector<NewsItem> news(CampaignId campaign, const std::string& subtree_path);

  private:
    Database& database_;
};

}  // namespace wangju::store
