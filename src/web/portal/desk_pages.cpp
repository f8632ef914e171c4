// The editor's desk (编辑部 / 稿件管理): GET /desk/articles (the articles of the user's unit
// subtree by state, with paging), GET /desk/queue (the approver's queue: awaiting approval), and
// the article form: GET /desk/articles/new, POST /desk/articles, GET|POST
// /desk/articles/{id}/edit. The form's "预览" button renders the body as the public page would
// and stores nothing; "保存" goes through article_service.h like the API.
#include <fmt/format.h>

#include "domain/error.h"
#include "web/pages.h"
#include "web/portal/article_service.h"
#include "web/portal/desk_routes.h"
#include "web/portal/desk_views.h"
#include "web/portal/portal_views.h"

namespace wangju::web::desk {
namespace {

using Json = nlohmann::json;

constexpr int kPerPage = 20;

struct StateTab {
    const char* code;  // "" for every state
    const char* label;
};
constexpr StateTab kTabs[] = {{"", "全部"},
                              {"draft", "草稿"},
                              {"pending", "待审核"},
                              {"published", "已发布"},
                              {"withdrawn", "已撤回"}};

Json tabs_json(const std::string& selected) {
    Json list = Json::array();
    for (const auto& tab : kTabs) {
        std::string url = "/desk/articles";
        if (*tab.code) url += std::string("?state=") + tab.code;
        list.push_back({{"label", tab.label}, {"url", url}, {"current", selected == tab.code}});
    }
    return list;
}

Json rows_json(const std::vector<Article>& articles) {
    Json rows = Json::array();
    for (const auto& a : articles) rows.push_back(desk_row_json(a));
    return rows;
}

bool is_approver(const CurrentUser& user) {
    return user.user.roles.has(Role::approver) || user.user.roles.has(Role::sysadmin);
}

bool is_editor(const CurrentUser& user) {
    return user.user.roles.has(Role::editor) || user.user.roles.has(Role::sysadmin);
}

Json desk_common(const CurrentUser& user, const http::Request& r) {
    return {{"unit_name", user.unit.name},
            {"is_editor", is_editor(user)},
            {"is_approver", is_approver(user)},
            {"may_manage_columns", may_manage_columns(user.actor)},
            {"done", desk_done_notice(r)}};
}

http::Response get_home(WebContext&, http::Request&) {
    return http::Response::redirect("/desk/articles");
}

http::Response get_list(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    const std::string filter = r.query("state").value_or("");
    std::optional<ArticleState> state;
    if (!filter.empty()) {
        state = parse_article_state(filter);
        if (!state) throw_invalid("状态无法识别", {{"state", "状态应为草稿、待审核、已发布或已撤回"}});
    }
    const int page = page_number(r.query("page").value_or("1"));
    auto list = web.articles.in_subtree(user.unit.path, state, page, kPerPage);
    Json data = desk_common(user, r);
    data["tabs"] = tabs_json(filter);
    data["rows"] = rows_json(list.items);
    data["has_rows"] = !list.items.empty();
    data["paging"] = paging_json(list.total, page, kPerPage, "/desk/articles",
                                 filter.empty() ? "" : "&state=" + filter);
    return show_page(r, web, &user, "稿件管理", "portal_desk_list", data);
}

http::Response get_queue(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    const int page = page_number(r.query("page").value_or("1"));
    auto list = web.articles.in_subtree(user.unit.path, ArticleState::pending, page, kPerPage);
    Json data = desk_common(user, r);
    data["rows"] = rows_json(list.items);
    data["has_rows"] = !list.items.empty();
    data["paging"] = paging_json(list.total, page, kPerPage, "/desk/queue");
    return show_page(r, web, &user, "待审核稿件", "portal_desk_queue", data);
}

http::Response form_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const ArticleFormValues& values, const std::optional<Article>& article,
                         const Error* error, bool preview) {
    Json data = article_form_json(web, user, values, error, preview);
    data.update(desk_common(user, r));
    if (article) {
        data["action"] = desk_url(article->id) + "/edit";
        data["article"] = desk_row_json(*article);
        data["correction"] = article->state == ArticleState::published;
    } else {
        data["action"] = "/desk/articles";
        data["is_new"] = true;
    }
    const int status = error ? http_status(error->kind()) : 200;
    return show_page(r, web, &user, article ? "修改稿件" : "撰写稿件", "portal_desk_form", data,
                     status);
}

ArticleText text_of(const ArticleFormValues& v) {
    return {v.column, v.title, v.body, parse_publication_time(v.published_at)};
}

http::Response get_new(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    ArticleFormValues blank;
    blank.column = r.query("column").value_or("notices");
    return form_page(web, r, user, blank, std::nullopt, nullptr, false);
}

http::Response post_new(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    require_csrf(r, user);
    auto form = r.form();
    auto values = form_values_of(form);
    if (form_value(form, "do") == "preview") {
        return form_page(web, r, user, values, std::nullopt, nullptr, true);
    }
    try {
        auto created = write_article(web, user, text_of(values), values.unit,
                                     audit_context(r, user));
        return http::Response::redirect(desk_url(created.id) + "?done=saved");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return form_page(web, r, user, values, std::nullopt, &e, false);
    }
}

http::Response get_edit(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    const Article article = visible_article(web, user, r.params.at("id"));
    return form_page(web, r, user, form_values_of(web, article), article, nullptr, false);
}

http::Response post_edit(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    require_csrf(r, user);
    const Article article = visible_article(web, user, r.params.at("id"));
    auto form = r.form();
    auto values = form_values_of(form);
    if (form_value(form, "do") == "preview") {
        return form_page(web, r, user, values, article, nullptr, true);
    }
    try {
        rewrite_article(web, user, article.id, text_of(values), values.unit,
                        audit_context(r, user));
        const bool corrected = article.state == ArticleState::published;
        return http::Response::redirect(desk_url(article.id) +
                                        (corrected ? "?done=corrected" : "?done=saved"));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return form_page(web, r, user, values, article, &e, false);
    }
}

}  // namespace

void register_desk_pages(http::Router& router, WebContext& web) {
    http::RouteOptions text;
    text.max_body = 1024 * 1024;  // a Markdown body of up to 512 KB, percent-encoded
    router.add("GET", "/desk", page_handler(web, get_home));
    router.add("GET", "/desk/articles", page_handler(web, get_list));
    router.add("GET", "/desk/queue", page_handler(web, get_queue));
    router.add("GET", "/desk/articles/new", page_handler(web, get_new));
    router.add("POST", "/desk/articles", page_handler(web, post_new), text);
    router.add("GET", "/desk/articles/{id}/edit", page_handler(web, get_edit));
    router.add("POST", "/desk/articles/{id}/edit", page_handler(web, post_edit), text);
    register_desk_article_page(router, web);
    register_column_pages(router, web);
}

}  // namespace wangju::web::desk
