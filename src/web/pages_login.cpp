// GET and POST /login, POST /logout.
#include "domain/error.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/votes/vote_pages.h"

namespace wangju::web {
namespace {

http::Response login_form(WebContext& web, const http::Request& r, const std::string& next,
                          const std::string& username, const Error* error) {
    nlohmann::json data = {{"next", next}, {"username", username}, {"done", done_notice(r)}};
    int status = 200;
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    auto response =
        show_page(r, web, nullptr, message("login.title"), "login", std::move(data), status);
    response.set_header("cache-control", "no-store");
    if (error && error->retry_after()) {
        response.set_header("retry-after", std::to_string(*error->retry_after()));
    }
    return response;
}

http::Response get_login(WebContext& web, http::Request& r) {
    auto next = local_path_or(r.query("next").value_or("/"), "/");
    if (current_user(web, r)) return http::Response::redirect(next);
    return login_form(web, r, next, "", nullptr);
}

http::Response post_login(WebContext& web, http::Request& r) {
    refuse_cross_site_login(r);
    auto form = r.form();
    auto next = local_path_or(form_value(form, "next"), "/");
    LoginRequest login{form_value(form, "username"), form_value(form, "password"),
                       form_value(form, "totp")};
    try {
        auto result =
            log_in(web, login, r.client_address, std::string(r.header("user-agent").value_or("")));
        auto target = pending_step(result.user) ? std::string("/account") : next;
        auto response = http::Response::redirect(target);
        response.set_cookie(session_cookie(result.token, r.secure));
        response.set_header("cache-control", "no-store");
        return response;
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input && e.kind() != ErrorKind::unauthenticated &&
            e.kind() != ErrorKind::too_many_requests) {
            throw;
        }
        // Voters log in here too: a name that is no staff account's may be a voter's.
        if (e.kind() == ErrorKind::unauthenticated) {
            try {
                if (auto voter = votes::voter_login(web, r, login.username, login.password, next))
                    return *voter;
            } catch (const Error& voter_error) {
                return login_form(web, r, next, login.username, &voter_error);
            }
        }
        return login_form(web, r, next, login.username, &e);
    }
}

http::Response post_logout(WebContext& web, http::Request& r) {
    auto response = http::Response::redirect("/?done=logged_out");
    if (auto user = current_user(web, r)) {
        require_csrf(r, *user);
        web.store.delete_session(user->session_token_hash, audit_context(r, *user));
    }
    response.set_cookie(expired_session_cookie(r.secure));
    return response;
}

}  // namespace

void register_login_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/login", page_handler(web, get_login));
    router.add("POST", "/login", page_handler(web, post_login));
    router.add("POST", "/logout", page_handler(web, post_logout));
}

}  // namespace wangju::web
