// Administration of campaigns as the API and the pages both do it: create a campaign, set its
// phases, add, rename and retire metrics. Each checks the permission (domain/campaign_admin.h)
// before it stores anything.
#pragma once

#include <string>
#include <vector>

#include "domain/campaign_admin.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web::campaign {

// The year as typed; invalid (field "year") when it is not a number.
int year_from(const std::string& text);

Campaign create_campaign(WebContext& web, const CurrentUser& user, const NewCampaign& campaign,
                         const AuditContext& ctx);
bool may_edit(WebContext& web, const CurrentUser& user, const Campaign& campaign);
// Throws forbidden unless may_edit: asked before a body is read.
void require_edit(WebContext& web, const CurrentUser& user, const Campaign& campaign);
std::vector<Phase> set_phases(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                              const std::vector<PhaseInput>& phases, const AuditContext& ctx);
Metric add_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                  const std::string& code, const MetricNames& names, const AuditContext& ctx);
// A metric of the campaign named by its id in the path; not found otherwise.
Metric metric_of(WebContext& web, const Campaign& campaign, const std::string& id_text);
Metric rename_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                     const std::string& id_text, const MetricNames& names, const AuditContext& ctx);
void retire_metric(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                   const std::string& id_text, const AuditContext& ctx);

}  // namespace wangju::web::campaign
