// The routes of the exhibition, registered by register_exhibition_routes (web/routes.h).
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::exhibition {

// /api/v1/campaigns/{id}/awards, the certificates' API and the exhibited works' files.
void register_exhibition_api(http::Router& router, WebContext& web);
// /campaigns/{id}/exhibition, /exhibition/works/{id}, /certificates/{code}.
void register_exhibition_pages(http::Router& router, WebContext& web);
// /campaigns/{id}/certificates: downloads, the layout and re-issue.
void register_certificate_pages(http::Router& router, WebContext& web);

// A certificate's PDF as a download named `file_name`, never cached (a re-issue replaces it).
http::Response certificate_response(std::string pdf, const std::string& file_name);

}  // namespace wangju::web::exhibition
