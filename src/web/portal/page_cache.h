// Rendered article pages for anonymous readers, kept in memory so that a hit is served on the I/O
// thread without the database. A page is stored split at the place of its view count, which is
// spliced in live on every hit. Entries are dropped when the article, its attachments, its
// column's neighbours or the layout data change (invalidate_all on any publication change).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "domain/article.h"

namespace wangju::web {

struct CachedPage {
    ArticleId article;
    long long stored_views = 0;  // the article's count when the page was rendered
    std::string before_views;    // the page up to the view count
    std::string after_views;     // the page after it
    std::chrono::steady_clock::time_point rendered_at = std::chrono::steady_clock::now();
};

class PageCache {
  public:
    // The marker that a rendered page carries where the view count goes.
    static constexpr const char* views_marker = "\x1F" "views" "\x1F";

    std::shared_ptr<const CachedPage> find(ArticleId article, bool large_text) const;
    // Splits `html` at the marker; stores nothing when the marker is missing.
    void put(ArticleId article, bool large_text, long long stored_views, const std::string& html);
    void invalidate(ArticleId article);
    void invalidate_all();
    std::size_t size() const;

  private:
    static std::int64_t key(ArticleId article, bool large_text) {
        return article.value * 2 + (large_text ? 1 : 0);
    }
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::int64_t, std::shared_ptr<const CachedPage>> pages_;
};

}  // namespace wangju::web
