// GET /admin and /admin/units/{code}: a unit with its breadcrumb, children and accounts, and the
// forms that change the unit tree.
#include <array>

#include "domain/error.h"
#include "web/messages.h"
#include "web/multipart_form.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/unit_admin.h"
#include "web/user_admin.h"

namespace wangju::web {
namespace {

constexpr std::array all_kinds = {UnitKind::national, UnitKind::city,      UnitKind::district,
                                  UnitKind::zone,     UnitKind::town,      UnitKind::sector,
                                  UnitKind::direct,   UnitKind::grassroots, UnitKind::group};

std::string date_text(const std::optional<Date>& d) {
    return d ? format_date(*d) : "";
}

nlohmann::json unit_summary(const Unit& unit, Date today) {
    return {{"code", unit.code},
            {"name", unit.name},
            {"kind", std::string(label_zh(unit.kind))},
            {"level", std::to_string(unit.level)},
            {"opens_on", date_text(unit.opens_on)},
            {"closes_on", date_text(unit.closes_on)},
            {"closed", !unit.is_open_on(today)}};
}

// The kinds a child of `parent` may have, the first selected unless the form said otherwise.
nlohmann::json kind_options(UnitKind parent, const std::string& selected) {
    nlohmann::json list = nlohmann::json::array();
    for (auto kind : all_kinds) {
        if (!check_kind_under(parent, kind).empty()) continue;
        list.push_back({{"value", std::string(to_string(kind))},
                        {"label", std::string(label_zh(kind))},
                        {"selected", selected == to_string(kind)}});
    }
    if (selected.empty() && !list.empty()) list[0]["selected"] = true;
    return list;
}

nlohmann::json role_options(const CurrentUser& admin, const Roles& checked, const std::string& id) {
    nlohmann::json list = nlohmann::json::array();
    for (auto role : all_roles()) {
        if (role == Role::sysadmin && !admin.user.roles.has(Role::sysadmin)) continue;
        std::string value(to_string(role));
        list.push_back({{"value", value},
                        {"label", std::string(label_zh(role))},
                        {"id", id + "-" + value},
                        {"checked", checked.has(role)}});
    }
    return list;
}

nlohmann::json users_json(WebContext& web, const CurrentUser& admin, const std::string& code) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : users_of_subtree(web, admin, code)) {
        nlohmann::json roles = nlohmann::json::array();
        for (auto role : m.user.roles.list()) roles.push_back(std::string(label_zh(role)));
        list.push_back(
            {{"username", m.user.username},
             {"display_name", m.user.display_name},
             {"unit_name", m.unit.name},
             {"unit_code", m.unit.code},
             {"roles", roles},
             {"disabled", m.user.disabled},
             {"email", m.user.email.value_or("")},
             {"is_self", m.user.id == admin.user.id},
             {"role_options", role_options(admin, m.user.roles, "roles-" + m.user.username)}});
    }
    return list;
}

const nlohmann::json& value_at(const nlohmann::json& extra, const char* form, const char* field) {
    static const nlohmann::json empty = "";
    auto values = extra.find("values");
    if (values == extra.end()) return empty;
    auto f = values->find(form);
    if (f == values->end()) return empty;
    auto v = f->find(field);
    return v == f->end() ? empty : *v;
}

http::Response get_admin(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    if (!user.user.roles.has(Role::unit_admin) && !user.user.roles.has(Role::sysadmin)) {
        throw_forbidden(message("admin.forbidden_admin"));
    }
    return http::Response::redirect("/admin/units/" + http::percent_encode(user.unit.code));
}

http::Response get_unit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return admin_unit_page(web, r, user, r.params.at("code"));
}

std::optional<Date> date_field(const FormFields& form, const char* name) {
    auto text = form_value(form, name);
    if (text.empty()) return std::nullopt;
    auto date = parse_date(text);
    if (!date)
        throw_invalid("日期格式应为YYYY-MM-DD", {{name, "日期格式应为YYYY-MM-DD,例如2023-06-01"}});
    return date;
}

// Runs a unit form's action; on an error a form can show, renders the unit page with the error
// and the submitted values under `form_name`; else 303 to the page named by the action's result.
template <typename Action>
http::Response unit_form(WebContext& web, http::Request& r, const char* form_name, Action action) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto form = r.form();
    const auto& code = r.params.at("code");
    try {
        return http::Response::redirect(action(user, form));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return admin_unit_page(web, r, user, code, form_error_context(e, form_name, form),
                               http_status(e.kind()));
    }
}

std::string page_of(const std::string& code, const char* done) {
    return "/admin/units/" + http::percent_encode(code) + "?done=" + done;
}

http::Response post_create_child(WebContext& web, http::Request& r) {
    return unit_form(web, r, "create_unit", [&](const CurrentUser& user, const FormFields& form) {
        require_unit_action(web, user, r.params.at("code"), UnitAction::manage);
        NewUnit unit;
        unit.code = form_value(form, "code");
        unit.name = form_value(form, "name");
        auto kind = parse_unit_kind(form_value(form, "kind"));
        if (!kind) throw_invalid("请选择单位类型", {{"kind", "请选择单位类型"}});
        unit.kind = *kind;
        unit.parent_code = r.params.at("code");
        unit.opens_on = date_field(form, "opens_on");
        create_unit(web, user, unit, audit_context(r, user));
        return page_of(r.params.at("code"), "unit_created");
    });
}

http::Response post_rename(WebContext& web, http::Request& r) {
    return unit_form(web, r, "rename", [&](const CurrentUser& user, const FormFields& form) {
        auto unit = rename_unit(web, user, r.params.at("code"), form_value(form, "name"),
                                audit_context(r, user));
        return page_of(unit.code, "unit_renamed");
    });
}

http::Response post_move(WebContext& web, http::Request& r) {
    return unit_form(web, r, "move", [&](const CurrentUser& user, const FormFields& form) {
        require_unit_action(web, user, r.params.at("code"), UnitAction::move_or_close);
        auto parent = form_value(form, "parent");
        if (parent.empty())
            throw_invalid("请填写新的上级单位编码", {{"parent", "请填写新的上级单位编码"}});
        auto unit = move_unit(web, user, r.params.at("code"), parent, audit_context(r, user));
        return page_of(unit.code, "unit_moved");
    });
}

http::Response post_close(WebContext& web, http::Request& r) {
    return unit_form(web, r, "close", [&](const CurrentUser& user, const FormFields& form) {
        auto day = date_field(form, "closes_on").value_or(shanghai_date(now_utc()));
        auto unit = close_unit(web, user, r.params.at("code"), day, audit_context(r, user));
        return page_of(unit.code, "unit_closed");
    });
}

http::Response post_import(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto& code = r.params.at("code");
    require_unit_action(web, user, code, UnitAction::import_units);
    try {
        auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
        require_csrf_token(user, form_value(form.fields, "csrf"));
        const UploadedFile* file = nullptr;
        for (const auto& f : form.files) {
            if (f.field == "file") file = &f;
        }
        if (!file || file->bytes.empty()) {
            throw_invalid("请选择要导入的文件", {{"file", "请选择CSV或XLSX文件"}});
        }
        import_units(web, user, file->bytes, audit_context(r, user));
        return http::Response::redirect(page_of(code, "units_imported"));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        nlohmann::json extra;
        extra["form_error"]["import"] = error_json(e);
        return admin_unit_page(web, r, user, code, std::move(extra), http_status(e.kind()));
    }
}

}  // namespace

http::Response admin_unit_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                               const std::string& code, nlohmann::json extra, int status) {
    auto view = view_unit(web, user, code);
    Date today = shanghai_date(now_utc());
    nlohmann::json ancestors = nlohmann::json::array();
    for (const auto& a : view.ancestors) ancestors.push_back({{"code", a.code}, {"name", a.name}});
    nlohmann::json children = nlohmann::json::array();
    for (const auto& c : view.children) children.push_back(unit_summary(c, today));
    bool manage_users = may(user.actor, UnitAction::manage_users, view.unit);

    nlohmann::json data = {
        {"unit", unit_summary(view.unit, today)},
        {"ancestors", ancestors},
        {"has_ancestors", !ancestors.empty()},
        {"children", children},
        {"has_children", !children.empty()},
        {"can_manage", view.can_manage},
        {"can_move_or_close", view.can_move_or_close},
        {"can_import", may(user.actor, UnitAction::import_units, view.unit)},
        {"can_manage_users", manage_users},
        {"kinds",
         kind_options(view.unit.kind, value_at(extra, "create_unit", "kind").get<std::string>())},
        {"today", format_date(today)},
        {"csrf", user.session.csrf_token},
        {"done", done_notice(r)},
    };
    if (manage_users) {
        auto users = users_json(web, user, view.unit.code);
        data["has_users"] = !users.empty();
        data["users"] = std::move(users);
        Roles checked{Role::worker};
        if (auto it = extra.find("checked_roles"); it != extra.end()) {
            checked = Roles(it->get<unsigned>());
        }
        data["new_user_roles"] = role_options(user, checked, "new-user-role");
    }
    if (!extra.is_object()) extra = nlohmann::json::object();
    data.update(extra);
    if (!data.contains("values")) data["values"] = nlohmann::json::object();
    return show_page(r, web, &user, view.unit.name + " - " + message("admin.title"), "admin_unit",
                     std::move(data), status);
}

void register_admin_unit_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/admin", page_handler(web, get_admin));
    router.add("GET", "/admin/units/{code}", page_handler(web, get_unit));
    router.add("POST", "/admin/units/{code}/children", page_handler(web, post_create_child));
    router.add("POST", "/admin/units/{code}/rename", page_handler(web, post_rename));
    router.add("POST", "/admin/units/{code}/move", page_handler(web, post_move));
    router.add("POST", "/admin/units/{code}/close", page_handler(web, post_close));
    router.add("POST", "/admin/units/{code}/import", page_handler(web, post_import),
               {.max_body = 20 * 1024 * 1024, .too_large = "导入的表格不能超过 20 MB"});
}

}  // namespace wangju::web
