// How the portal shows articles to templates and to the API: one function per shape.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/article.h"
#include "web/web_context.h"

namespace wangju::web {

// {id, url, title, date, time, column, column_name, unit_name}
nlohmann::json article_summary_json(const Article& article);
nlohmann::json summaries_json(const std::vector<Article>& articles);
// {id, url, file_name, media_type, size, size_text}
nlohmann::json attachment_json(const Attachment& attachment);
// The API's article: the summary with body (Markdown), body_html, state, version, unit,
// published_at (UTC), views (as shown) and attachments.
nlohmann::json article_api_json(WebContext& web, const Article& article);

// "?page=N" as a page number from 1; anything else is 1.
int page_number(const std::string& text);
// {page, pages, total, prev_url, next_url} for links to `base` + "?page=N" (+ `extra`).
nlohmann::json paging_json(long long total, int page, int per_page, const std::string& base,
                           const std::string& extra = "");
// An article id from a path segment; not_found for anything but a positive number.
ArticleId article_id_param(const std::string& text);

// The first day (Asia/Shanghai) of the popular window: 30 days up to today.
std::string popular_since();

}  // namespace wangju::web
