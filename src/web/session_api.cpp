// POST /api/v1/session logs in, DELETE logs out, GET /api/v1/me says who is logged in.
#include "domain/error.h"
#include "web/auth.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/routes.h"

namespace wangju::web {
namespace {

http::Response log_in_api(WebContext& web, http::Request& request) {
    refuse_cross_site_login(request);
    auto body = json_object_body(request);
    LoginRequest login{optional_string(body, "username"), optional_string(body, "password"),
                       optional_string(body, "totp")};
    auto result = log_in(web, login, request.client_address,
                         std::string(request.header("user-agent").value_or("")));
    auto unit = web.store.find_unit(result.user.unit);
    nlohmann::json answer = {{"user", user_json(result.user, *unit)},
                             {"csrf_token", result.csrf_token}};
    if (auto step = pending_step(result.user)) answer["pending"] = *step;
    auto response = http::Response::json(answer);
    response.set_cookie(session_cookie(result.token, request.secure));
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response log_out_api(WebContext& web, http::Request& request) {
    auto user = current_user(web, request);
    if (user) {
        require_csrf(request, *user);
        web.store.delete_session(user->session_token_hash, audit_context(request, *user));
    }
    auto response = http::Response::no_content();
    response.set_cookie(expired_session_cookie(request.secure));
    return response;
}

http::Response me_api(WebContext& web, http::Request& request) {
    auto user = require_user(web, request, true);
    nlohmann::json answer = {{"user", user_json(user.user, user.unit)},
                             {"csrf_token", user.session.csrf_token}};
    if (auto step = pending_step(user.user)) answer["pending"] = *step;
    return http::Response::json(answer).set_header("cache-control", "no-store");
}

}  // namespace

void register_session_api(http::Router& router, WebContext& web) {
    router.add("POST", "/api/v1/session", [&web](http::Request& r) { return log_in_api(web, r); });
    router.add("DELETE", "/api/v1/session",
               [&web](http::Request& r) { return log_out_api(web, r); });
    router.add("GET", "/api/v1/me", [&web](http::Request& r) { return me_api(web, r); });
}

}  // namespace wangju::web
