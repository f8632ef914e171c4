// The server-rendered HTML pages, one file per area. Each page works without JavaScript; forms
// post back as application/x-www-form-urlencoded (multipart for file uploads) with the session's
// CSRF token in the field "csrf".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web {

void register_portal_pages(http::Router& router, WebContext& web);
void register_login_pages(http::Router& router, WebContext& web);
void register_account_pages(http::Router& router, WebContext& web);
void register_admin_unit_pages(http::Router& router, WebContext& web);
void register_admin_user_pages(http::Router& router, WebContext& web);

// Renders `view` in the layout for `user` (may be null) with the site of `web`.
http::Response show_page(const http::Request& request, WebContext& web, const CurrentUser* user,
                         std::string title, std::string_view view, nlohmann::json data,
                         int status = 200);

// The admin page of a unit (/admin/units/{code}); `extra` adds a form's error, its submitted values
// or a one-time result (a temporary password) to the data. Both admin page files render it.
http::Response admin_unit_page(WebContext& web, const http::Request& request,
                               const CurrentUser& user, const std::string& code,
                               nlohmann::json extra = nlohmann::json::object(), int status = 200);

// Binds a handler of the form f(web, request) into the router's handler type.
template <typename F>
http::Handler page_handler(WebContext& web, F f) {
    return [&web, f](http::Request& request) { return f(web, request); };
}

}  // namespace wangju::web
