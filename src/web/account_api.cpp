// The user's own account over the API: password, two-factor login, sessions.
#include "domain/error.h"
#include "web/account.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/routes.h"

namespace wangju::web {
void register_account_api(http::Router& router, WebContext& web) {
    router.add("POST", "/api/v1/me/password", [&web](http::Request& r) {
        auto user = require_user(web, r, true);
        auto body = checked_body(r, user);
        change_password(web, user, required_string(body, "current_password", "当前密码"),
                        required_string(body, "new_password", "新密码"), audit_context(r, user));
        return http::Response::no_content();
    });
    router.add("POST", "/api/v1/me/totp", [&web](http::Request& r) {
        auto user = require_user(web, r, true);
        require_csrf(r, user);
        auto setup = begin_totp(user);
        return http::Response::json({{"secret", setup.secret}, {"uri", setup.uri}})
            .set_header("cache-control", "no-store");
    });
    router.add("POST", "/api/v1/me/totp/confirm", [&web](http::Request& r) {
        auto user = require_user(web, r, true);
        auto body = checked_body(r, user);
        confirm_totp(web, user, required_string(body, "secret", "密钥"),
                     required_string(body, "totp", "动态验证码"), audit_context(r, user));
        return http::Response::no_content();
    });
    router.add("DELETE", "/api/v1/me/totp", [&web](http::Request& r) {
        auto user = require_user(web, r);
        auto body = checked_body(r, user);
        disable_totp(web, user, required_string(body, "password", "密码"), audit_context(r, user));
        return http::Response::no_content();
    });
    router.add("GET", "/api/v1/me/sessions", [&web](http::Request& r) {
        auto user = require_user(web, r, true);
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : web.store.sessions_of(user.user.id)) {
            list.push_back(session_json(s, s.token_hash == user.session_token_hash));
        }
        return http::Response::json({{"sessions", list}});
    });
    router.add("DELETE", "/api/v1/me/sessions/{id}", [&web](http::Request& r) {
        auto user = require_user(web, r, true);
        require_csrf(r, user);
        end_session(web, user, r.params.at("id"), audit_context(r, user));
        return http::Response::no_content();
    });
}

}  // namespace wangju::web
