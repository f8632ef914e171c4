// Column administration for unit admins and system admins: GET /admin/columns (the columns as a
// tree, with their public addresses) and POST /admin/columns (name, slug, parent), through the
// same add_column as the API.
#include <fmt/format.h>

#include "domain/error.h"
#include "web/pages.h"
#include "web/portal/article_service.h"
#include "web/portal/desk_routes.h"
#include "web/portal/desk_views.h"

namespace wangju::web::desk {
namespace {

using Json = nlohmann::json;

CurrentUser require_column_admin(WebContext& web, const http::Request& r) {
    auto user = require_user(web, r);
    if (!may_manage_columns(user.actor)) {
        throw_forbidden("只有单位管理员或系统管理员可以管理栏目");
    }
    return user;
}

std::string public_url(const Column& c) {
    if (c.slug == "notices" || c.slug == "news") return "/" + c.slug;
    return "/columns/" + c.slug;
}

http::Response columns_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                            const FormFields& values, const Error* error) {
    Json columns = Json::array();
    Json parents = Json::array();
    const std::string parent = form_value(values, "parent");
    for (const auto& c : web.articles.columns()) {
        columns.push_back({{"slug", c.slug},
                           {"name", c.name},
                           {"is_child", c.parent.has_value()},
                           {"url", public_url(c)}});
        parents.push_back({{"slug", c.slug},
                           {"label", c.parent ? "\u3000└ " + c.name : c.name},
                           {"selected", c.slug == parent}});
    }
    Json data{{"columns", columns},
              {"parents", parents},
              {"values", {{"name", form_value(values, "name")}, {"slug", form_value(values, "slug")}}},
              {"errors", Json::object()},
              {"csrf", user.session.csrf_token},
              {"done", desk_done_notice(r)}};
    int status = 200;
    if (error) {
        data["form_error"] = error_json(*error);
        for (const auto& [name, text] : error->fields()) data["errors"][name] = text;
        status = http_status(error->kind());
    }
    return show_page(r, web, &user, "栏目管理", "portal_columns", data, status);
}

http::Response get_columns(WebContext& web, http::Request& r) {
    auto user = require_column_admin(web, r);
    return columns_page(web, r, user, {}, nullptr);
}

http::Response post_column(WebContext& web, http::Request& r) {
    auto user = require_column_admin(web, r);
    require_csrf(r, user);
    auto form = r.form();
    NewColumn column{form_value(form, "slug"), form_value(form, "name"), std::nullopt};
    if (auto parent = form_value(form, "parent"); !parent.empty()) column.parent = parent;
    try {
        add_column(web, user, column, audit_context(r, user));
        return http::Response::redirect("/admin/columns?done=column_added");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return columns_page(web, r, user, form, &e);
    }
}

}  // namespace

void register_column_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/admin/columns", page_handler(web, get_columns));
    router.add("POST", "/admin/columns", page_handler(web, post_column));
}

}  // namespace wangju::web::desk
