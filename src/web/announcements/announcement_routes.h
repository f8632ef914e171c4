// Public notices' routes, registered by register_announcement_routes (web/routes.h): the JSON
// API and the pages.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::announcements {
// Registers the API and the pages of public notices.
void register_announcement_routes(http::Router& router, WebContext& web);
void register_announcement_api(http::Router& router, WebContext& web);
void register_announcement_pages(http::Router& router, WebContext& web);
}  // namespace wangju::web::announcements
