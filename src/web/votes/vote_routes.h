// The public vote's routes, registered by register_vote_routes (web/routes.h): the JSON API and
// the pages.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::votes {
void register_vote_api(http::Router& router, WebContext& web);
}  // namespace wangju::web::votes
