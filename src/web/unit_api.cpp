// GET /api/v1/units/{code} with its children, and the admin actions on units.
#include "domain/error.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/routes.h"
#include "web/unit_admin.h"

namespace wangju::web {
namespace {

std::optional<Date> optional_date(const nlohmann::json& body, const char* field) {
    auto text = optional_string(body, field);
    if (text.empty()) return std::nullopt;
    auto date = parse_date(text);
    if (!date) throw_invalid("日期格式应为YYYY-MM-DD", {{field, "日期格式应为YYYY-MM-DD"}});
    return date;
}

nlohmann::json unit_view_json(const UnitView& view) {
    nlohmann::json j = unit_json(view.unit);
    j["ancestors"] = nlohmann::json::array();
    for (const auto& a : view.ancestors) {
        j["ancestors"].push_back({{"code", a.code}, {"name", a.name}});
    }
    j["children"] = nlohmann::json::array();
    for (const auto& c : view.children) j["children"].push_back(unit_json(c));
    j["can_manage"] = view.can_manage;
    return j;
}

http::Response get_unit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return http::Response::json(unit_view_json(view_unit(web, user, r.params.at("code"))));
}

http::Response post_unit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_any_admin(user);
    auto body = checked_body(r, user);
    NewUnit unit;
    unit.code = required_string(body, "code", "单位编码");
    unit.name = required_string(body, "name", "单位名称");
    auto kind_text = required_string(body, "kind", "单位类型");
    auto kind = parse_unit_kind(kind_text);
    if (!kind) {
        throw_invalid("单位类型无法识别", {{"kind", "单位类型“" + kind_text + "”无法识别,可填写:" +
                                                       accepted_kind_names()}});
    }
    unit.kind = *kind;
    unit.parent_code = required_string(body, "parent", "上级单位");
    unit.opens_on = optional_date(body, "opens_on");
    unit.closes_on = optional_date(body, "closes_on");
    auto created = create_unit(web, user, unit, audit_context(r, user));
    return http::Response::json(unit_json(created), 201)
        .set_header("location", "/api/v1/units/" + created.code);
}

http::Response patch_unit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_unit_action(web, user, r.params.at("code"), UnitAction::manage);
    auto body = checked_body(r, user);
    auto unit = rename_unit(web, user, r.params.at("code"), required_string(body, "name", "单位名称"),
                            audit_context(r, user));
    return http::Response::json(unit_json(unit));
}

http::Response post_move(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_unit_action(web, user, r.params.at("code"), UnitAction::move_or_close);
    auto body = checked_body(r, user);
    auto unit = move_unit(web, user, r.params.at("code"),
                          required_string(body, "parent", "新的上级单位"), audit_context(r, user));
    return http::Response::json(unit_json(unit));
}

http::Response post_close(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto day = optional_date(body, "closes_on").value_or(shanghai_date(now_utc()));
    auto unit = close_unit(web, user, r.params.at("code"), day, audit_context(r, user));
    return http::Response::json(unit_json(unit));
}

http::Response post_import(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto units = import_units(web, user, r.body, audit_context(r, user));
    nlohmann::json list = nlohmann::json::array();
    for (const auto& u : units) list.push_back(unit_json(u));
    return http::Response::json({{"imported", units.size()}, {"units", list}}, 201);
}

}  // namespace

void register_unit_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("GET", "/api/v1/units/{code}", bind(get_unit));
    router.add("POST", "/api/v1/units", bind(post_unit));
    router.add("PATCH", "/api/v1/units/{code}", bind(patch_unit));
    router.add("POST", "/api/v1/units/{code}/move", bind(post_move));
    router.add("POST", "/api/v1/units/{code}/close", bind(post_close));
    // The body is the CSV or XLSX file itself.
    router.add("POST", "/api/v1/units/import", bind(post_import),
               {.max_body = 20 * 1024 * 1024, .too_large = "导入的表格不能超过 20 MB"});
}

}  // namespace wangju::web
