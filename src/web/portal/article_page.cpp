// GET /articles/{id}: the article page, and GET /attachments/{id}: a download.
//
// Anonymous readers are served from PageCache on the I/O thread: a lookup, the view count
// spliced in, no database. A miss (the first view after a change, or an article beyond the
// warmed set) renders from the database; on that route that happens on the I/O thread too,
// which the cache warm-up at start and after each change keeps rare. Logged-in users get the
// page with their own header and are never cached.
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "web/pages.h"
#include "web/portal/attachment_files.h"
#include "web/portal/markdown.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_views.h"
#include "web/view.h"

namespace wangju::web {
namespace {

// A cached page is rendered again after this long, for the popular list beside the article.
constexpr auto kPageLifetime = std::chrono::minutes(5);

nlohmann::json article_page_data(WebContext& web, const Article& article) {
    nlohmann::json data = article_summary_json(article);
    data["body_html"] = render_markdown(article.body);
    data["views"] = PageCache::views_marker;
    data["corrected"] = article.version > 1 && article.state == ArticleState::published;
    data["preview"] = article.state != ArticleState::published;
    data["state_label"] = std::string(label_zh(article.state));
    data["column_url"] = article.column == "notices" || article.column == "news"
                             ? "/" + article.column
                             : "/columns/" + article.column;
    nlohmann::json attachments = nlohmann::json::array();
    for (const auto& a : web.articles.attachments(article.id)) attachments.push_back(attachment_json(a));
    data["has_attachments"] = !attachments.empty();
    data["attachments"] = attachments;
    auto [older, newer] = web.articles.neighbours(article);
    if (older) data["previous"] = article_summary_json(*older);
    if (newer) data["next"] = article_summary_json(*newer);
    data["latest_news"] = summaries_json(web.articles.published("news", 1, 6).items);
    data["popular"] = summaries_json(web.articles.popular(popular_since(), 6));
    return data;
}

std::string render_article(WebContext& web, const http::Request& request,
                           const CurrentUser* user, const Article& article) {
    auto response = show_page(request, web, user, article.title, "portal_article",
                              article_page_data(web, article));
    return std::move(response.body);
}

http::Response with_views(std::string_view before, long long views, std::string_view after) {
    std::string body;
    auto count = std::to_string(views);
    body.reserve(before.size() + count.size() + after.size());
    body.append(before).append(count).append(after);
    return http::Response::html(std::move(body));
}

std::string visitor_of(const http::Request& r) {
    return ViewCounter::visitor_key(r.client_address, r.header("user-agent").value_or(""));
}

// An anonymous reader's page from the cache, counting the view; empty when it is not cached
// (then article_page renders it on the worker pool). Runs on the I/O thread: memory only.
std::optional<http::Response> cached_article_page(WebContext& web, http::Request& r) {
    const bool anonymous = !r.cookie(session_cookie_name);
    if (!anonymous || !r.query_string.empty()) return std::nullopt;
    const ArticleId id = article_id_param(r.params.at("id"));
    auto page = web.portal.pages.find(id, large_text_requested(r));
    if (!page || std::chrono::steady_clock::now() - page->rendered_at >= kPageLifetime)
        return std::nullopt;
    web.portal.views.record(id, visitor_of(r));
    return with_views(page->before_views, web.portal.views.shown(id, page->stored_views),
                      page->after_views);
}

http::Response article_page(WebContext& web, http::Request& r) {
    if (auto cached = cached_article_page(web, r)) return std::move(*cached);
    const ArticleId id = article_id_param(r.params.at("id"));
    const bool anonymous = !r.cookie(session_cookie_name);
    const bool cacheable = anonymous && r.query_string.empty();
    const bool large = large_text_requested(r);
    auto article = web.articles.find_article(id);
    if (!article) throw_not_found("文章不存在");
    std::optional<CurrentUser> user = anonymous ? std::nullopt : current_user(web, r);
    if (article->state != ArticleState::published) {
        // Editors and approvers may preview what is not published; nobody else learns it exists.
        if (!user || !may(user->actor, ArticleAction::view, article->unit_path)) {
            throw_not_found("文章不存在");
        }
    }
    std::string html = render_article(web, r, user ? &*user : nullptr, *article);
    const bool published = article->state == ArticleState::published;
    if (cacheable && published) web.portal.pages.put(id, large, article->views, html);
    if (published) {
        web.portal.views.seed(id, article->views);
        web.portal.views.record(id, visitor_of(r));
    }
    auto at = html.find(PageCache::views_marker);
    if (at == std::string::npos) return http::Response::html(std::move(html));
    auto response = with_views(std::string_view(html).substr(0, at),
                               web.portal.views.shown(id, article->views),
                               std::string_view(html).substr(at + std::string_view(PageCache::views_marker).size()));
    if (user) response.set_header("cache-control", "no-store");
    return response;
}

// Attachments of published articles are public; others only for those who may view the article.
http::Response download(WebContext& web, http::Request& r) {
    long long raw = 0;
    const auto& text = r.params.at("id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
    if (ec != std::errc() || end != text.data() + text.size()) throw_not_found("附件不存在");
    auto attachment = web.articles.find_attachment(AttachmentId{raw});
    if (!attachment) throw_not_found("附件不存在");
    auto article = web.articles.find_article(attachment->article);
    if (!article) throw_not_found("附件不存在");
    if (article->state != ArticleState::published) {
        auto user = current_user(web, r);
        if (!user || !may(user->actor, ArticleAction::view, article->unit_path)) {
            throw_not_found("附件不存在");
        }
    }
    auto path = web.portal.files.path_of(attachment->sha256);
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    if (error) throw_not_found("附件文件已丢失,请联系网站管理员");
    http::Response response;
    response.file = http::FileBody{path, 0, size, nullptr, nullptr};
    // Never text/html, never inline: a file can only be saved, not run in the site's origin.
    response.set_header("content-type", attachment->media_type);
    response.set_header("content-disposition", attachment_disposition(attachment->file_name));
    response.set_header("x-content-type-options", "nosniff");
    response.set_header("content-security-policy", "default-src 'none'; sandbox");
    response.set_header("cache-control", "private, max-age=300");
    return response;
}

}  // namespace

void register_article_page(http::Router& router, WebContext& web) {
    // Cached pages of published articles are answered on the I/O thread; the rest on the pool.
    http::RouteOptions fast;
    fast.from_memory = [&web](http::Request& r) { return cached_article_page(web, r); };
    router.add("GET", "/articles/{id}", page_handler(web, article_page), fast);
    router.add("GET", "/attachments/{id}", page_handler(web, download));
}

namespace {

void warm_one(WebContext& web, const Article& article) {
    for (bool large : {false, true}) {
        http::Request request;
        request.method = "GET";
        request.target = request.path = fmt::format("/articles/{}", article.id.value);
        if (large) {
            request.headers.emplace_back("cookie", std::string(text_size_cookie_name) + "=large");
        }
        web.portal.views.seed(article.id, article.views);
        web.portal.pages.put(article.id, large, article.views,
                             render_article(web, request, nullptr, article));
    }
}

}  // namespace

void warm_article_pages(WebContext& web, int limit) {
    for (const auto& article : web.articles.all_published(limit)) warm_one(web, article);
}

void portal_changed(WebContext& web, ArticleId changed) {
    auto article = web.articles.find_article(changed);
    web.portal.pages.invalidate(changed);
    if (!article) return;
    auto [older, newer] = web.articles.neighbours(*article);
    std::vector<Article> affected{*article};
    for (const auto& n : {older, newer}) {
        if (n) {
            web.portal.pages.invalidate(n->id);
            affected.push_back(*n);
        }
    }
    for (const auto& a : affected) {
        if (a.state == ArticleState::published) warm_one(web, a);
    }
}

}  // namespace wangju::web
