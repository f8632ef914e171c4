// Accounts of a subtree over the API.
#include "domain/error.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/routes.h"
#include "web/unit_admin.h"
#include "web/user_admin.h"

namespace wangju::web {
namespace {

Roles roles_from(const nlohmann::json& body) {
    auto it = body.find("roles");
    if (it == body.end() || !it->is_array()) {
        throw_invalid("请至少选择一个角色", {{"roles", "应为角色名的数组"}});
    }
    Roles roles;
    for (const auto& item : *it) {
        auto role = item.is_string() ? parse_role(item.get<std::string>()) : std::nullopt;
        if (!role) throw_invalid("角色无法识别", {{"roles", "角色“" + item.dump() + "”无法识别"}});
        roles.add(*role);
    }
    return roles;
}

}  // namespace

void register_user_api(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/units/{code}/users", [&web](http::Request& r) {
        auto admin = require_user(web, r);
        nlohmann::json list = nlohmann::json::array();
        for (const auto& m : users_of_subtree(web, admin, r.params.at("code"))) {
            list.push_back(user_json(m.user, m.unit));
        }
        return http::Response::json({{"users", list}});
    });
    router.add("POST", "/api/v1/users", [&web](http::Request& r) {
        auto admin = require_user(web, r);
        require_any_admin(admin);
        auto body = checked_body(r, admin);
        NewAccount account{required_string(body, "username", "用户名"),
                           required_string(body, "display_name", "姓名"),
                           required_string(body, "unit", "所属单位"), roles_from(body),
                           optional_string(body, "password")};
        const auto email = optional_string(body, "email");
        if (auto reason = check_email(email); !email.empty() && !reason.empty())
            throw_invalid(reason, {{"email", reason}});
        auto created = create_account(web, admin, account, audit_context(r, admin));
        if (!email.empty())
            created.user = web.store.set_email(created.user.id, email, audit_context(r, admin));
        auto unit = web.store.find_unit(created.user.unit);
        nlohmann::json answer = user_json(created.user, *unit);
        if (!created.temporary_password.empty()) {
            answer["temporary_password"] = created.temporary_password;
        }
        return http::Response::json(answer, 201).set_header("cache-control", "no-store");
    });
    router.add("PATCH", "/api/v1/users/{username}", [&web](http::Request& r) {
        auto admin = require_user(web, r);
        auto body = checked_body(r, admin);
        const auto& username = r.params.at("username");
        auto ctx = audit_context(r, admin);
        // The address is checked before anything changes, and stored last.
        std::optional<std::string> email;
        if (auto it = body.find("email"); it != body.end()) {
            if (!it->is_string() && !it->is_null())
                throw_invalid("电子邮箱应为文本", {{"email", "应为文本,或 null 表示清除"}});
            email = it->is_null() ? "" : it->get<std::string>();
            if (auto reason = check_email(*email); !email->empty() && !reason.empty())
                throw_invalid(reason, {{"email", reason}});
        }
        if (body.contains("roles")) change_roles(web, admin, username, roles_from(body), ctx);
        if (auto it = body.find("disabled"); it != body.end()) {
            if (!it->is_boolean()) throw_invalid("字段格式不正确", {{"disabled", "应为true或false"}});
            set_account_disabled(web, admin, username, it->get<bool>(), ctx);
        }
        if (email) set_account_email(web, admin, username, *email, ctx);
        auto m = load_managed_user(web, admin, username);
        return http::Response::json(user_json(m.user, m.unit));
    });
    router.add("POST", "/api/v1/users/{username}/password-reset", [&web](http::Request& r) {
        auto admin = require_user(web, r);
        require_csrf(r, admin);
        auto password = reset_password(web, admin, r.params.at("username"), audit_context(r, admin));
        return http::Response::json({{"temporary_password", password}})
            .set_header("cache-control", "no-store");
    });
}

}  // namespace wangju::web
