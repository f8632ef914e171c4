// The routes of tracks and works, registered by register_works_routes (web/routes.h).
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::works {

void register_works_api(http::Router& router, WebContext& web);
void register_works_pages(http::Router& router, WebContext& web);
void register_review_page(http::Router& router, WebContext& web);
// The admin's form of a track's rules and of its levels' quotas and deadlines.
void register_track_admin_pages(http::Router& router, WebContext& web);
void register_works_tables(http::Router& router, WebContext& web);
// Attaching uploads to works, reading works' blobs, the recommended works as a ZIP.
void register_works_files(http::Router& router, WebContext& web);
void register_recommended_zip(http::Router& router, WebContext& web);

}  // namespace wangju::web::works
