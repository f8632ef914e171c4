// Registers every route of the program. Each feature area has its own function and file.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web {

void register_routes(http::Router& router, WebContext& web);

void register_health_routes(http::Router& router, WebContext& web);
void register_session_api(http::Router& router, WebContext& web);
void register_account_api(http::Router& router, WebContext& web);
void register_unit_api(http::Router& router, WebContext& web);
void register_user_api(http::Router& router, WebContext& web);
void register_campaign_routes(http::Router& router, WebContext& web);
void register_pages(http::Router& router, WebContext& web);
void register_works_routes(http::Router& router, WebContext& web);
void register_judging_routes(http::Router& router, WebContext& web);  // web/judging/
void register_vote_routes(http::Router& router, WebContext& web);     // web/votes/
void register_exhibition_routes(http::Router& router, WebContext& web);  // web/exhibition/
void register_portal_routes(http::Router& router, WebContext& web);
void register_mailbox_routes(http::Router& router, WebContext& web);
void register_upload_routes(http::Router& router, WebContext& web);  // web/uploads/

}  // namespace wangju::web
