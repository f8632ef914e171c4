// The account forms on a unit's admin page: create an account, reset a password, disable or
// enable, change roles. Each answers with that unit's page again (named by the form's "unit").
#include "domain/error.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/user_admin.h"

namespace wangju::web {
namespace {

Roles roles_from(const FormFields& form) {
    Roles roles;
    for (const auto& value : form_values(form, "roles")) {
        auto role = parse_role(value);
        if (!role) throw_invalid("角色无法识别", {{"roles", "角色“" + value + "”无法识别"}});
        roles.add(*role);
    }
    return roles;
}

// The roles ticked on a refused form, to tick them again; unknown names are dropped.
Roles ticked_roles(const FormFields& form) {
    Roles roles;
    for (const auto& value : form_values(form, "roles")) {
        if (auto role = parse_role(value)) roles.add(*role);
    }
    return roles;
}

std::string page_of(const std::string& code, const char* done) {
    return "/admin/units/" + http::percent_encode(code) + "?done=" + done;
}

struct FormContext {
    CurrentUser user;
    FormFields form;
    std::string back;  // the unit whose page the form was on
};

// Runs `action`, which returns either a response (to show a one-time result) or the "done" key
// of a redirect to the unit's page. Errors a form can show are drawn above the form `form_name`.
// `back` is the unit whose page is shown again; empty: the form's field "unit", else the user's
// own.
template <typename Action>
http::Response user_form(WebContext& web, http::Request& r, const char* form_name, std::string back,
                         Action action) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto form = r.form();
    if (back.empty()) back = form_value(form, "unit");
    if (back.empty()) back = user.unit.code;
    FormContext ctx{user, form, back};
    try {
        return action(ctx);
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        auto extra = form_error_context(e, form_name, form);
        if (std::string(form_name) == "create_user") {
            extra["checked_roles"] = ticked_roles(form).mask();
        }
        return admin_unit_page(web, r, user, ctx.back, std::move(extra), http_status(e.kind()));
    }
}

http::Response post_create_user(WebContext& web, http::Request& r) {
    const auto code = r.params.at("code");
    return user_form(web, r, "create_user", code, [&](FormContext& c) {
        auto unit_code = form_value(c.form, "unit_code");
        NewAccount account{form_value(c.form, "username"), form_value(c.form, "display_name"),
                           unit_code.empty() ? code : unit_code, roles_from(c.form),
                           form_value(c.form, "password")};
        auto created = create_account(web, c.user, account, audit_context(r, c.user));
        if (created.temporary_password.empty()) {
            return http::Response::redirect(page_of(code, "user_created"));
        }
        nlohmann::json extra = {{"result",
                                 {{"username", created.user.username},
                                  {"temporary_password", created.temporary_password}}},
                                {"done", message("done.user_created")}};
        return admin_unit_page(web, r, c.user, code, std::move(extra))
            .set_header("cache-control", "no-store");
    });
}

http::Response post_reset_password(WebContext& web, http::Request& r) {
    return user_form(web, r, "users", "", [&](FormContext& c) {
        const auto& username = r.params.at("username");
        auto password = reset_password(web, c.user, username, audit_context(r, c.user));
        nlohmann::json extra = {
            {"result", {{"username", username}, {"temporary_password", password}}},
            {"done", message("done.password_reset")}};
        return admin_unit_page(web, r, c.user, c.back, std::move(extra))
            .set_header("cache-control", "no-store");
    });
}

http::Response post_disabled(WebContext& web, http::Request& r) {
    return user_form(web, r, "users", "", [&](FormContext& c) {
        bool disabled = form_value(c.form, "disabled") == "1";
        set_account_disabled(web, c.user, r.params.at("username"), disabled,
                             audit_context(r, c.user));
        return http::Response::redirect(
            page_of(c.back, disabled ? "account_disabled" : "account_enabled"));
    });
}

http::Response post_roles(WebContext& web, http::Request& r) {
    return user_form(web, r, "users", "", [&](FormContext& c) {
        change_roles(web, c.user, r.params.at("username"), roles_from(c.form),
                     audit_context(r, c.user));
        return http::Response::redirect(page_of(c.back, "roles_changed"));
    });
}

http::Response post_email(WebContext& web, http::Request& r) {
    return user_form(web, r, "users", "", [&](FormContext& c) {
        set_account_email(web, c.user, r.params.at("username"), form_value(c.form, "email"),
                          audit_context(r, c.user));
        return http::Response::redirect(page_of(c.back, "email_saved"));
    });
}

}  // namespace

void register_admin_user_pages(http::Router& router, WebContext& web) {
    router.add("POST", "/admin/units/{code}/users", page_handler(web, post_create_user));
    router.add("POST", "/admin/users/{username}/password-reset",
               page_handler(web, post_reset_password));
    router.add("POST", "/admin/users/{username}/disabled", page_handler(web, post_disabled));
    router.add("POST", "/admin/users/{username}/roles", page_handler(web, post_roles));
    router.add("POST", "/admin/users/{username}/email", page_handler(web, post_email));
}

}  // namespace wangju::web
