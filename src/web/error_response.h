// The one place where a typed error becomes what the client sees: the API's JSON error, or for
// pages a redirect to the log-in or account page, or an error page in the layout.
#pragma once

#include "domain/error.h"
#include "http/message.h"
#include "http/server.h"
#include "web/web_context.h"

namespace wangju::web {

// - API (/api/...): {"error": {"code", "message", "fields"}} with http_status(kind).
// - Pages: unauthenticated -> 303 to /login?next=<this page>; password_change_required -> 303 to
//   /account; anything else -> an error page with the status, the message and field messages.
// The page is drawn with the default site name and without the user's name.
http::Response render_error(const http::Request& request, const Error& error);

// As render_error, but the error page shows the configured site and, when logged in, the user
// in the header (so that a 403 or 404 does not look like a logged-out page).
http::ErrorRenderer page_error_renderer(WebContext& web);

// "/admin/units/x?y=1" for GET requests, "/" otherwise; only paths of this site.
std::string login_redirect_target(const http::Request& request);

}  // namespace wangju::web
