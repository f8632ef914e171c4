// The routes of judging, registered by register_judging_routes (web/routes.h).
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::judging {

void register_judging_api(http::Router& router, WebContext& web);
// The judge's queue and scoring pages; the admin's judging, round and awards pages.
void register_judging_pages(http::Router& router, WebContext& web);
void register_judging_tables(http::Router& router, WebContext& web);

}  // namespace wangju::web::judging
