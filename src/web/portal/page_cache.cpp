#include "web/portal/page_cache.h"

#include <mutex>

namespace wangju::web {

std::shared_ptr<const CachedPage> PageCache::find(ArticleId article, bool large_text) const {
    std::shared_lock lock(mutex_);
    auto it = pages_.find(key(article, large_text));
    return it == pages_.end() ? nullptr : it->second;
}

void PageCache::put(ArticleId article, bool large_text, long long stored_views,
                    const std::string& html) {
    auto at = html.find(views_marker);
    if (at == std::string::npos) return;
    auto page = std::make_shared<CachedPage>();
    page->article = article;
    page->stored_views = stored_views;
    page->before_views = html.substr(0, at);
    page->after_views = html.substr(at + std::string_view(views_marker).size());
    std::unique_lock lock(mutex_);
    pages_[key(article, large_text)] = std::move(page);
}

void PageCache::invalidate(ArticleId article) {
    std::unique_lock lock(mutex_);
    pages_.erase(key(article, false));
    pages_.erase(key(article, true));
}

void PageCache::invalidate_all() {
    std::unique_lock lock(mutex_);
    pages_.clear();
}

std::size_t PageCache::size() const {
    std::shared_lock lock(mutex_);
    return pages_.size();
}

}  // namespace wangju::web
