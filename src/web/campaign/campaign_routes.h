// The campaign feature's routes, registered by web::register_campaign_routes.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::campaign {

void register_campaign_api(http::Router& router, WebContext& web);
void register_campaign_pages(http::Router& router, WebContext& web);
void register_campaign_tables(http::Router& router, WebContext& web);
void register_report_pages(http::Router& router, WebContext& web);
void register_quota_pages(http::Router& router, WebContext& web);
void register_campaign_admin_api(http::Router& router, WebContext& web);
void register_campaign_admin_pages(http::Router& router, WebContext& web);
void register_organisation_award_api(http::Router& router, WebContext& web);
void register_organisation_award_pages(http::Router& router, WebContext& web);

}  // namespace wangju::web::campaign
