// The portal's API: GET /api/v1/articles?column=notices&page=N (published; with ?scope=mine the
// articles of the caller's subtree in every state), GET /api/v1/articles/{id}, the editor's and
// approver's actions, attachments and columns.
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/search_text.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/multipart_form.h"
#include "web/pages.h"
#include "web/portal/article_service.h"
#include "web/portal/attachment_type.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_views.h"

namespace wangju::web {
namespace {

constexpr int kPerPage = 20;

Article article_of(WebContext& web, const http::Request& r) {
    return require_article(web, article_id_param(r.params.at("id")));
}

ArticleText text_of(const nlohmann::json& body) {
    return {required_string(body, "column", "栏目"), required_string(body, "title", "标题"),
            required_string(body, "body", "正文"),
            parse_publication_time(optional_string(body, "published_at"))};
}

nlohmann::json list_json(const store::ArticleList& list, int page) {
    return {{"items", summaries_json(list.items)},
            {"page", page},
            {"per_page", kPerPage},
            {"total", list.total}};
}

http::Response list_articles(WebContext& web, http::Request& r) {
    const int page = page_number(r.query("page").value_or("1"));
    if (r.query("scope").value_or("") == "mine") {
        auto user = require_user(web, r);
        std::optional<ArticleState> state;
        if (auto s = r.query("state"); s && !s->empty()) {
            state = parse_article_state(*s);
            if (!state) throw_invalid("状态无法识别", {{"state", "状态应为 draft、pending、published 或 withdrawn"}});
        }
        auto list = web.articles.in_subtree(user.unit.path, state, page, kPerPage);
        nlohmann::json j = list_json(list, page);
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            j["items"][i]["state"] = std::string(to_string(list.items[i].state));
            j["items"][i]["state_label"] = std::string(label_zh(list.items[i].state));
        }
        return http::Response::json(j);
    }
    const std::string column = r.query("column").value_or("notices");
    if (!web.articles.find_column(column)) {
        throw_invalid("栏目不存在", {{"column", fmt::format("没有代码为“{}”的栏目", column)}});
    }
    return http::Response::json(list_json(web.articles.published(column, page, kPerPage), page));
}

http::Response get_article(WebContext& web, http::Request& r) {
    Article article = article_of(web, r);
    if (article.state != ArticleState::published) {
        auto user = current_user(web, r);
        if (!user || !may(user->actor, ArticleAction::view, article.unit_path)) {
            throw_not_found("文章不存在");
        }
    }
    return http::Response::json(article_api_json(web, article));
}

http::Response versions(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    Article article = article_of(web, r);
    require(user.actor, ArticleAction::view, article.unit_path);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : web.articles.versions(article.id)) {
        list.push_back({{"version", v.version}, {"column", v.column}, {"title", v.title},
                        {"body", v.body}, {"edited_at", format_utc(v.edited_at)},
                        {"edited_by", v.edited_by ? nlohmann::json(v.edited_by->value) : nlohmann::json(nullptr)}});
    }
    return http::Response::json({{"versions", list}});
}

http::Response create(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_writer(user);
    auto body = checked_body(r, user);
    auto created = write_article(web, user, text_of(body), optional_string(body, "unit"),
                                 audit_context(r, user));
    return http::Response::json(article_api_json(web, created), 201)
        .set_header("location", fmt::format("/api/v1/articles/{}", created.id.value));
}

http::Response edit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const ArticleId id = article_id_param(r.params.at("id"));
    require_text_right(web, user, id);
    auto body = checked_body(r, user);
    auto changed = rewrite_article(web, user, id, text_of(body), optional_string(body, "unit"),
                                   audit_context(r, user));
    return http::Response::json(article_api_json(web, changed));
}

http::Response act(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const ArticleId id = article_id_param(r.params.at("id"));
    const std::string& name = r.params.at("action");
    std::optional<ArticleAction> action;
    if (name == "submit") action = ArticleAction::submit;
    if (name == "publish") action = ArticleAction::publish;
    if (name == "reject") action = ArticleAction::reject;
    if (name == "withdraw") action = ArticleAction::withdraw;
    if (!action) throw_not_found("没有这个操作");
    auto changed = move_article(web, user, id, *action, optional_string(body, "reason"),
                                audit_context(r, user));
    return http::Response::json(article_api_json(web, changed));
}

http::Response add_attachment(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const ArticleId id = article_id_param(r.params.at("id"));
    require_text_right(web, user, id);
    auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
    auto csrf = form.fields.find("csrf");
    if (!r.header("x-csrf-token")) {
        require_csrf_token(user, csrf == form.fields.end() ? "" : csrf->second);
    } else {
        require_csrf(r, user);
    }
    if (form.files.size() != 1) throw_invalid("请选择一个文件", {{"file", "请选择一个文件"}});
    const auto& file = form.files.front();
    auto created = attach_file(web, user, id, file.filename, file.bytes, audit_context(r, user));
    return http::Response::json(attachment_json(created), 201);
}

http::Response remove_attachment(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    long long raw = 0;
    const auto& text = r.params.at("id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
    if (ec != std::errc() || end != text.data() + text.size()) throw_not_found("附件不存在");
    detach_file(web, user, AttachmentId{raw}, audit_context(r, user));
    return http::Response::no_content();
}

http::Response list_columns(WebContext& web, http::Request&) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : web.articles.columns()) list.push_back(to_json(c));
    return http::Response::json({{"columns", list}});
}

http::Response create_column(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    if (!may_manage_columns(user.actor)) {
        throw_forbidden("只有单位管理员或系统管理员可以添加栏目");
    }
    auto body = checked_body(r, user);
    NewColumn column{required_string(body, "slug", "栏目代码"), required_string(body, "name", "栏目名称"),
                     std::nullopt};
    if (auto parent = optional_string(body, "parent"); !parent.empty()) column.parent = parent;
    auto created = add_column(web, user, column, audit_context(r, user));
    return http::Response::json(to_json(created), 201);
}

http::Response search_api(WebContext& web, http::Request& r) {
    auto terms = search_terms(r.query("q").value_or(""));
    if (terms.empty() || shortest_term_length(terms) < 2) {
        throw_invalid("每个搜索词请至少输入两个字", {{"q", "每个搜索词请至少输入两个字"}});
    }
    const int page = page_number(r.query("page").value_or("1"));
    auto results = web.articles.search(terms, page, kPerPage);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : results.hits) {
        auto j = article_summary_json(hit.article);
        j["in_title"] = hit.in_title;
        items.push_back(j);
    }
    return http::Response::json({{"items", items},
                                 {"total", results.total},
                                 {"total_exact", results.total_is_exact},
                                 {"ranked", results.ranked},
                                 {"page", page}});
}

}  // namespace

void register_article_api(http::Router& router, WebContext& web) {
    http::RouteOptions text;
    text.max_body = 1024 * 1024;
    http::RouteOptions upload;
    upload.max_body = largest_attachment_bytes() + 64 * 1024;
    upload.too_large = attachment_too_large_message();
    router.add("GET", "/api/v1/articles", page_handler(web, list_articles));
    router.add("POST", "/api/v1/articles", page_handler(web, create), text);
    router.add("GET", "/api/v1/articles/{id}", page_handler(web, get_article));
    router.add("PATCH", "/api/v1/articles/{id}", page_handler(web, edit), text);
    router.add("GET", "/api/v1/articles/{id}/versions", page_handler(web, versions));
    router.add("POST", "/api/v1/articles/{id}/attachments", page_handler(web, add_attachment),
               upload);
    router.add("POST", "/api/v1/articles/{id}/{action}", page_handler(web, act));
    router.add("DELETE", "/api/v1/attachments/{id}", page_handler(web, remove_attachment));
    router.add("GET", "/api/v1/columns", page_handler(web, list_columns));
    router.add("POST", "/api/v1/columns", page_handler(web, create_column));
    router.add("GET", "/api/v1/search", page_handler(web, search_api));
}

}  // namespace wangju::web
