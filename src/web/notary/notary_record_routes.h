// Records for the notary over HTTP, registered from web/routes.cpp.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::notary {
// GET /api/v1/rounds/{id}/notary-record.pdf: issues a record of the round (its judging's admins);
// GET /api/v1/public-votes/{id}/notary-record.pdf: of the vote, once it has ended (its organisers).
void register_notary_record_routes(http::Router& router, WebContext& web);
}  // namespace wangju::web::notary
