// The portal's home page and the reader's preferences (the larger text mode).
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/portal/portal_pages.h"
#include "web/view.h"

namespace wangju::web {
namespace {

http::Response home(WebContext& web, http::Request& r) {
    return portal_home(web, r);
}

// GET, so that the switch is a plain link that works without JavaScript; it only sets a display
// preference and is harmless when followed from elsewhere.
http::Response text_size(WebContext&, http::Request& r) {
    bool large = r.query("large").value_or("") == "1";
    auto response =
        http::Response::redirect(local_path_or(r.query("next").value_or("/"), "/"), 303);
    http::Cookie cookie;
    cookie.name = text_size_cookie_name;
    cookie.value = large ? "large" : "";
    cookie.max_age = large ? 365 * 24 * 3600 : 0;
    cookie.http_only = false;  // site.js switches the mode in place and keeps the cookie in step
    cookie.secure = r.secure;
    response.set_cookie(cookie);
    return response;
}

}  // namespace

void register_portal_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/", page_handler(web, home));
    router.add("GET", "/prefs/text-size", page_handler(web, text_size));
}

}  // namespace wangju::web
