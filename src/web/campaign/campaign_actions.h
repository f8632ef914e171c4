// What the campaign pages and the campaign API both do: find the campaign, unit or report a
// request names, check the permission (domain/campaign_permission.h), call the store. Handlers
// of both kinds stay thin adapters over these functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/quota_import.h"
#include "http/message.h"
#include "store/activity_report_store.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web::campaign {

Campaign campaign_or_404(WebContext& web, const std::string& id_text);
Unit unit_or_404(WebContext& web, const std::string& code);
// The unit of ?unit=CODE, or the user's own unit; the user must be allowed to view it.
Unit viewed_unit(WebContext& web, const http::Request& request, const CurrentUser& user);
// A report of `campaign` that the user may view.
store::ReportListing report_or_404(WebContext& web, const CurrentUser& user,
                                   const Campaign& campaign, const std::string& id_text);

ActivityReport file_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const std::string& unit_code, const ReportDraft& draft,
                           const AuditContext& ctx);
ActivityReport edit_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const std::string& id_text, const ReportDraft& draft,
                           const AuditContext& ctx);
// Refused with deadline_passed after the unit's deadline, unless it was granted an extension.
ActivityReport submit_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                             const std::string& id_text, const AuditContext& ctx);
// decision: "approve", "return" or "unlock" (the last two need a reason).
ActivityReport decide_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                             const std::string& id_text, const std::string& decision,
                             const std::string& reason, const AuditContext& ctx);

// Quotas typed by hand for the children of `parent_code`: "q_<unit code>_<metric id>" -> text.
void set_quotas_by_hand(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                        const std::map<std::string, std::string>& cells, const AuditContext& ctx);
// A CSV or XLSX table laid out like 附件2; all rows or none. Returns what was set and which
// column went to which metric.
QuotaImportPlan import_quotas(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          std::string_view bytes, const AuditContext& ctx);

Deadline set_deadline(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                      const std::string& duty, const std::string& unit_code,
                      const std::string& due_text, const AuditContext& ctx);
Extension grant_extension(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          const std::string& duty, const std::string& unit_code,
                          const std::string& until_text, const std::string& reason,
                          const AuditContext& ctx);

store::NewsItem send_news(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          const std::string& unit_code, const std::string& title,
                          const std::string& body, const std::string& report_id_text,
                          const AuditContext& ctx);
store::NewsItem accept_news(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                            const std::string& id_text, const AuditContext& ctx);

// Notices in the inbox of every unit below `root` that is behind its quota while its deadline is
// at most `days_ahead` days away (and not passed). At most one per unit, deadline and day.
// Returns how many were sent.
// Publishes activity news on the portal in one step: a news article (column 基层动态) of the
// user's unit, written from the news and published at once. The user must be an approver
// (ArticleAction::publish) of a unit above or at the news's unit.
Article publish_news_on_portal(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                               const std::string& id_text, const AuditContext& ctx);
std::size_t send_reminders(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const Unit& root, int days_ahead, const AuditContext& ctx);

}  // namespace wangju::web::campaign
