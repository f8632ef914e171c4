#include "web/shared_changes.h"

#include <charconv>
#include <set>
#include <string_view>

#include "web/portal/portal_pages.h"
#include "web/web_context.h"

namespace wangju::web {

namespace {

constexpr std::size_t kPage = 500;

// "article:42" -> 42; 0 for any other object.
std::int64_t article_of(std::string_view object) {
    constexpr std::string_view prefix = "article:";
    if (!object.starts_with(prefix)) return 0;
    object.remove_prefix(prefix.size());
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(object.data(), object.data() + object.size(), id);
    return error == std::errc() && end == object.data() + object.size() ? id : 0;
}

bool changes_exhibition(std::string_view action) {
    return action == "awards.publish" || action.starts_with("certificate.");
}

}  // namespace

SharedChanges::SharedChanges(WebContext& web)
    : web_(web), last_seq_(static_cast<std::int64_t>(web.store.count_audit_events())) {}

std::size_t SharedChanges::follow() {
    std::size_t read = 0;
    std::set<std::int64_t> articles;
    bool all_pages = false, exhibition = false;
    while (true) {
        const auto events = web_.store.audit_events(last_seq_, kPage);
        for (const auto& e : events) {
            last_seq_ = e.seq;
            if (e.action.starts_with("article.") || e.action.starts_with("attachment.")) {
                if (const auto id = article_of(e.object)) articles.insert(id);
            } else if (e.action.starts_with("column.")) {
                all_pages = true;
            } else if (changes_exhibition(e.action)) {
                exhibition = true;
            }
        }
        read += events.size();
        if (events.size() < kPage) break;
    }
    if (all_pages) web_.portal.pages.invalidate_all();
    for (const auto id : articles) portal_changed(web_, ArticleId{id});
    if (exhibition) web_.exhibition.changed();
    return read;
}

}  // namespace wangju::web
