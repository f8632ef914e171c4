// GET /campaigns/{id}/review: the works waiting at the admin's unit with recommend, do not
// recommend and return, the works it already decided on, and the counts per state per track of
// its subtree with its quota.
#include "domain/error.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"
#include "web/works/works_routes.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

Json queue_json(const std::vector<QueueItem>& queue, bool actionable) {
    Json list = Json::array();
    for (const auto& item : queue) {
        if (item.actionable != actionable) continue;
        Json j = work_page_json(item.work, item.track);
        std::string path;
        for (const auto& name : item.path) path += (path.empty() ? "" : " → ") + name;
        j["path"] = path;
        j["unit_name"] = item.unit_name;
        j["duplicates"] = item.duplicates;
        j["has_duplicates"] = !item.duplicates.empty();
        list.push_back(j);
    }
    return list;
}

Json counts_rows(const std::vector<TrackCounts>& counts) {
    Json rows = Json::array();
    for (const auto& c : counts) {
        Json states = Json::array();
        for (auto s : all_work_states()) {
            auto it = c.by_state.find(s);
            states.push_back(it == c.by_state.end() ? 0 : it->second);
        }
        rows.push_back({{"track", c.track.name},
                        {"states", states},
                        {"recommended", c.recommended_here},
                        {"quota", c.level ? std::to_string(c.level->quota) : "—"},
                        {"deadline", c.level ? local_time(c.level->deadline) : "—"}});
    }
    return rows;
}

http::Response get_review(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    auto queue = review_queue(web, user, campaign);
    auto waiting = queue_json(queue, true);
    auto decided = queue_json(queue, false);
    Json state_names = Json::array();
    for (auto s : all_work_states()) state_names.push_back(label_zh(s));
    Json data{{"campaign", to_json(campaign)},
              {"unit", user.unit.name},
              {"csrf", user.session.csrf_token},
              {"waiting", waiting},
              {"has_waiting", !waiting.empty()},
              {"decided", decided},
              {"has_decided", !decided.empty()},
              {"state_names", state_names},
              {"counts", counts_rows(work_counts(web, user, campaign, ""))},
              {"unit_code", user.unit.code},
              {"done", r.query("done") ? Json("审核意见已保存。") : Json(nullptr)}};
    return show_page(r, web, &user, "作品审核推荐", "works_review", data);
}

}  // namespace

void register_review_page(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/review", page_handler(web, get_review));
}

}  // namespace wangju::web::works
