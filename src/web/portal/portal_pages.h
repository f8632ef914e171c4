// The portal's public pages (home, columns, article, search, feeds, sitemap, downloads) and its
// API (articles, columns, the editor's and approver's actions).
#pragma once

#include "domain/article.h"
#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web {

http::Response portal_home(WebContext& web, http::Request& request);

void register_article_page(http::Router& router, WebContext& web);
void register_portal_lists(http::Router& router, WebContext& web);
void register_portal_feeds(http::Router& router, WebContext& web);
void register_article_api(http::Router& router, WebContext& web);

// Renders and caches the page of every published article (newest first, at most `limit`), so
// that readers are served from memory from the first request. Run at start in the background.
void warm_article_pages(WebContext& web, int limit);

// To call after a change of an article or its attachments: renders again the cached pages of
// the article and of its neighbours (whose previous/next links name it). The lists beside every
// article page (latest news, popular) follow within the cache's page lifetime.
void portal_changed(WebContext& web, ArticleId changed);

}  // namespace wangju::web
