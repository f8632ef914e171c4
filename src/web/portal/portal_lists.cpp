// The home page, the column lists (通知公告, 新闻中心 and its sub-columns, the campaign topic),
// 热门信息 and the search page.
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/search_text.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/portal/highlight.h"
#include "web/portal/markdown.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_views.h"

namespace wangju::web {
namespace {

constexpr int kPerPage = 20;

const CurrentUser* user_ptr(const std::optional<CurrentUser>& user) {
    return user ? &*user : nullptr;
}

std::string column_url(const Column& column) {
    if (column.slug == "notices" || column.slug == "news") return "/" + column.slug;
    return "/columns/" + column.slug;
}

nlohmann::json sub_columns_json(WebContext& web, const Column& column) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : web.articles.columns()) {
        if (c.parent == column.slug) {
            list.push_back({{"name", c.name}, {"url", column_url(c)}});
        }
    }
    return list;
}

http::Response column_page(WebContext& web, http::Request& r, const std::string& slug) {
    auto column = web.articles.find_column(slug);
    if (!column) throw_not_found("栏目不存在");
    const int page = page_number(r.query("page").value_or("1"));
    auto list = web.articles.published(slug, page, kPerPage);
    const std::string url = column_url(*column);
    nlohmann::json data = {{"column", {{"name", column->name}, {"slug", column->slug}, {"url", url}}},
                           {"articles", summaries_json(list.items)},
                           {"sub_columns", sub_columns_json(web, *column)},
                           {"has_sub_columns", !sub_columns_json(web, *column).empty()},
                           {"paging", paging_json(list.total, page, kPerPage, url)},
                           {"feed_url", fmt::format("/feeds/{}.atom", column->slug)}};
    if (column->parent) {
        if (auto parent = web.articles.find_column(*column->parent)) {
            data["parent"] = {{"name", parent->name}, {"url", column_url(*parent)}};
        }
    }
    auto user = current_user(web, r);
    return show_page(r, web, user_ptr(user), column->name, "portal_column", std::move(data));
}

http::Response notices(WebContext& web, http::Request& r) { return column_page(web, r, "notices"); }
http::Response news(WebContext& web, http::Request& r) { return column_page(web, r, "news"); }
http::Response any_column(WebContext& web, http::Request& r) {
    return column_page(web, r, r.params.at("slug"));
}

http::Response popular(WebContext& web, http::Request& r) {
    nlohmann::json data = {{"column", {{"name", "热门信息"}, {"url", "/popular"}}},
                           {"articles", summaries_json(web.articles.popular(popular_since(), 30))},
                           {"note", "近30天点击量最多的文章"},
                           {"sub_columns", nlohmann::json::array()},
                           {"paging", paging_json(0, 1, kPerPage, "/popular")}};
    auto user = current_user(web, r);
    return show_page(r, web, user_ptr(user), "热门信息", "portal_column", std::move(data));
}

// The plain text of the bodies that search results show, kept for the process: parsing their
// Markdown again on every search was a tenth of its time. Found by the body's hash and then
// compared whole, so an edited body is never given an old text; at the bound of bytes kept, all go.
class PlainTexts {
  public:
    std::string of(const std::string& markdown) {
        const std::size_t hash = std::hash<std::string>{}(markdown);
        {
            std::lock_guard lock(mutex_);
            auto it = texts_.find(hash);
            if (it != texts_.end() && it->second.first == markdown) return it->second.second;
        }
        std::string text = markdown_plain_text(markdown);
        std::lock_guard lock(mutex_);
        if (bytes_ + markdown.size() + text.size() > kMaxBytes) {
            texts_.clear();
            bytes_ = 0;
        }
        if (texts_.try_emplace(hash, markdown, text).second)
            bytes_ += markdown.size() + text.size();
        return text;
    }

  private:
    static constexpr std::size_t kMaxBytes = 32 << 20;
    std::mutex mutex_;
    std::unordered_map<std::size_t, std::pair<std::string, std::string>> texts_;
    std::size_t bytes_ = 0;
};

nlohmann::json hit_json(const store::SearchHit& hit, const std::vector<std::string>& terms) {
    static PlainTexts plain_texts;
    nlohmann::json j = article_summary_json(hit.article);
    j["title_html"] = highlight(hit.article.title, terms, 200);
    j["snippet_html"] = highlight(plain_texts.of(hit.article.body), terms, 120);
    nlohmann::json names = nlohmann::json::array();
    for (const auto& n : hit.attachment_names) names.push_back(highlight(n, terms, 200));
    j["has_attachments"] = !names.empty();
    j["attachments_html"] = names;
    j["in_title"] = hit.in_title;
    return j;
}

http::Response search(WebContext& web, http::Request& r) {
    const std::string q = r.query("q").value_or("");
    const int page = page_number(r.query("page").value_or("1"));
    nlohmann::json data = {{"q", q}, {"hits", nlohmann::json::array()}, {"searched", false}};
    auto terms = search_terms(q);
    if (!terms.empty() && shortest_term_length(terms) < 2) {
        data["error"] = "每个搜索词请至少输入两个字";
    } else if (terms.size() > 8 || q.size() > 200) {
        data["error"] = "搜索词太多,请精简后再试";
    } else if (!terms.empty()) {
        auto results = web.articles.search(terms, page, kPerPage);
        for (const auto& hit : results.hits) data["hits"].push_back(hit_json(hit, terms));
        data["searched"] = true;
        data["total"] = results.total;
        data["total_more"] = !results.total_is_exact;
        data["ranked"] = results.ranked;
        data["partial"] = results.ranked < results.total || !results.total_is_exact;
        data["paging"] =
            paging_json(results.ranked, page, kPerPage, "/search", "&q=" + http::percent_encode(q));
    }
    auto user = current_user(web, r);
    return show_page(r, web, user_ptr(user), q.empty() ? "搜索" : "搜索:" + q, "portal_search",
                     std::move(data));
}

}  // namespace

http::Response portal_home(WebContext& web, http::Request& r) {
    auto campaign = summaries_json(web.articles.published("campaign", 1, 4).items);
    nlohmann::json data = {
        {"has_campaign", !campaign.empty()},
        {"notices", summaries_json(web.articles.published("notices", 1, 8).items)},
        {"news", summaries_json(web.articles.published("news", 1, 8).items)},
        {"popular", summaries_json(web.articles.popular(popular_since(), 8))},
        {"campaign", campaign},
        {"done", done_notice(r)}};
    // The exhibition of the newest campaign whose awards are public.
    for (const auto& c : web.campaigns.campaigns()) {
        if (!web.exhibition.has_public_awards(c.id, now_utc())) continue;
        data["exhibition"] = {{"url", "/campaigns/" + std::to_string(c.id.value) + "/exhibition"},
                              {"year", c.year}};
        break;
    }
    auto user = current_user(web, r);
    return show_page(r, web, user_ptr(user), message("home.title"), "home", std::move(data));
}

void register_portal_lists(http::Router& router, WebContext& web) {
    router.add("GET", "/notices", page_handler(web, notices));
    router.add("GET", "/news", page_handler(web, news));
    router.add("GET", "/columns/{slug}", page_handler(web, any_column));
    router.add("GET", "/popular", page_handler(web, popular));
    router.add("GET", "/search", page_handler(web, search));
}

}  // namespace wangju::web
