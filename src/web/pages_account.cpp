// GET /account and the forms on it: password, two-factor login, sessions. All of them are open to
// a user with a pending step (allow_pending), since this is where the step is done.
#include "domain/error.h"
#include "domain/secret.h"
#include "web/account.h"
#include "web/json_views.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"

namespace wangju::web {
namespace {

nlohmann::json roles_text(const Roles& roles) {
    nlohmann::json list = nlohmann::json::array();
    for (auto role : roles.list()) list.push_back(std::string(label_zh(role)));
    return list;
}

nlohmann::json sessions_of(WebContext& web, const CurrentUser& user) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : web.store.sessions_of(user.user.id)) {
        list.push_back({{"id", session_id(s)},
                        {"created", format_shanghai(s.created_at)},
                        {"seen", format_shanghai(s.last_seen_at)},
                        {"address", s.client_address},
                        {"agent", s.user_agent},
                        {"current", s.token_hash == user.session_token_hash}});
    }
    return list;
}

// The account page; `extra` adds a form's error or the two-factor set-up to the data.
http::Response account_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                            nlohmann::json extra = nlohmann::json::object(), int status = 200) {
    auto step = pending_step(user.user);
    bool sysadmin = user.user.roles.has(Role::sysadmin);
    bool totp_on = user.user.totp_secret.has_value();
    nlohmann::json data = {{"account",
                            {{"username", user.user.username},
                             {"display_name", user.user.display_name},
                             {"unit_name", user.unit.name},
                             {"unit_code", user.unit.code},
                             {"roles", roles_text(user.user.roles)},
                             {"email", user.user.email.value_or("")}}},
                           {"pending_password", step == "password"},
                           {"pending_totp", step == "totp"},
                           {"totp_on", totp_on},
                           {"can_disable_totp", totp_on && !sysadmin},
                           {"totp_required", totp_on && sysadmin},
                           {"sessions", sessions_of(web, user)},
                           {"csrf", user.session.csrf_token},
                           {"done", done_notice(r)}};
    data.update(extra);
    return show_page(r, web, &user, message("account.title"), "account", std::move(data), status);
}

// Runs `action`; on an error a form can show, renders the account page with it under `form`.
template <typename Action>
http::Response account_form(WebContext& web, http::Request& r, const char* form_name,
                            const char* done, Action action) {
    auto user = require_user(web, r, true);
    require_csrf(r, user);
    auto form = r.form();
    nlohmann::json extra = nlohmann::json::object();
    try {
        action(user, form, extra);
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        extra["form_error"][form_name] = error_json(e);
        return account_page(web, r, user, std::move(extra), http_status(e.kind()));
    }
    if (!done) return account_page(web, r, user, std::move(extra));
    return http::Response::redirect(std::string("/account?done=") + done);
}

http::Response get_account(WebContext& web, http::Request& r) {
    auto user = require_user(web, r, true);
    return account_page(web, r, user);
}

http::Response post_password(WebContext& web, http::Request& r) {
    return account_form(web, r, "password", "password_changed",
                        [&](const CurrentUser& user, const FormFields& form, nlohmann::json&) {
                            change_password(web, user, form_value(form, "current_password"),
                                            form_value(form, "new_password"),
                                            audit_context(r, user));
                        });
}

http::Response post_totp_begin(WebContext& web, http::Request& r) {
    auto response =
        account_form(web, r, "totp", nullptr,
                     [&](const CurrentUser& user, const FormFields&, nlohmann::json& extra) {
                         auto setup = begin_totp(user);
                         extra["totp_setup"] = {{"secret", setup.secret}, {"uri", setup.uri}};
                     });
    return response.set_header("cache-control", "no-store");
}

http::Response post_totp_confirm(WebContext& web, http::Request& r) {
    return account_form(
        web, r, "totp", "totp_enabled",
        [&](const CurrentUser& user, const FormFields& form, nlohmann::json& extra) {
            auto secret = form_value(form, "secret");
            // Shown again if the code is refused, so that the user need not start over.
            extra["totp_setup"] = {{"secret", secret},
                                   {"uri", totp_uri(secret, user.user.username)}};
            confirm_totp(web, user, secret, form_value(form, "totp"), audit_context(r, user));
        });
}

http::Response post_totp_disable(WebContext& web, http::Request& r) {
    return account_form(web, r, "totp_disable", "totp_disabled",
                        [&](const CurrentUser& user, const FormFields& form, nlohmann::json&) {
                            disable_totp(web, user, form_value(form, "password"),
                                         audit_context(r, user));
                        });
}

http::Response post_email(WebContext& web, http::Request& r) {
    return account_form(web, r, "email", "email_saved",
                        [&](const CurrentUser& user, const FormFields& form, nlohmann::json&) {
                            // A browser always sends the field, empty to remove the address: a
                            // form without it is not this page's.
                            if (!form.count("email")) {
                                throw_invalid("表单缺少电子邮箱一栏", {{"email", "缺少此栏"}});
                            }
                            set_own_email(web, user, form_value(form, "email"),
                                          audit_context(r, user));
                        });
}

http::Response post_end_session(WebContext& web, http::Request& r) {
    return account_form(web, r, "sessions", "session_ended",
                        [&](const CurrentUser& user, const FormFields&, nlohmann::json&) {
                            end_session(web, user, r.params.at("id"), audit_context(r, user));
                        });
}

}  // namespace

void register_account_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/account", page_handler(web, get_account));
    router.add("POST", "/account/password", page_handler(web, post_password));
    router.add("POST", "/account/totp/begin", page_handler(web, post_totp_begin));
    router.add("POST", "/account/totp/confirm", page_handler(web, post_totp_confirm));
    router.add("POST", "/account/totp/disable", page_handler(web, post_totp_disable));
    router.add("POST", "/account/sessions/{id}/end", page_handler(web, post_end_session));
    router.add("POST", "/account/email", page_handler(web, post_email));
}

}  // namespace wangju::web
