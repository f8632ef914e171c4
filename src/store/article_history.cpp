// The history of one article as its audit events tell it: who created, edited, submitted, sent
// back, published, corrected or withdrew it, when, and the reason given.
#include <fmt/format.h>

#include "store/article_store.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

constexpr const char* kEvents =
    "SELECT e.action, e.at, u.display_name, e.after_json FROM audit_events e "
    "LEFT JOIN users u ON u.id = e.actor_id WHERE e.object = :object ORDER BY e.seq";

struct EventRow {
    std::string action, at, after_json;
    NullableText actor;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(action), soci::into(at), soci::into(actor.value, actor.indicator),
            soci::into(after_json);
    }
};

std::string reason_in(const std::string& after_json) {
    auto after = nlohmann::json::parse(after_json, nullptr, false);
    if (!after.is_object()) return "";
    auto it = after.find("reason");
    return it != after.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::vector<ArticleEvent> ArticleStore::history(ArticleId id) {
    const std::string object = fmt::format("article:{}", id.value);
    return database_.read([&](soci::session& s) {
        std::vector<ArticleEvent> out;
        for (const auto& r : fetch_all<EventRow>(s, kEvents, soci::use(object))) {
            out.push_back({r.action, timestamp_from(r.at), r.actor.get().value_or(""),
                           reason_in(r.after_json)});
        }
        return out;
    });
}

}  // namespace wangju::store
