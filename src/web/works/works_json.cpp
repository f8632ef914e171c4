#include "web/works/works_json.h"

#include "domain/work_file_rules.h"

namespace wangju::web::works {

nlohmann::json level_json(const LevelSetting& level) {
    return {{"level", to_string(level.level)},
            {"level_label", label_zh(level.level)},
            {"quota", level.quota},
            {"deadline", format_utc(level.deadline)},
            {"deadline_local", format_shanghai(level.deadline)}};
}

nlohmann::json track_json(const Track& track, const std::vector<LevelSetting>& levels) {
    nlohmann::json j = to_json(track);
    j["levels"] = nlohmann::json::array();
    for (const auto& l : levels) j["levels"].push_back(level_json(l));
    return j;
}

nlohmann::json work_json(const Work& work) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : work.content.files) files.push_back(work_file_json(f));
    return {{"id", work.id.value},
            {"campaign_id", work.campaign.value},
            {"track_id", work.track.value},
            {"title", work.content.title},
            {"authors", work.content.authors},
            {"form_values", form_values_json(work.content.form_values)},
            {"files", files},
            {"state", to_string(work.state)},
            {"state_label", label_zh(work.state)},
            {"return_reason", work.return_reason},
            {"version", work.version},
            {"created_at", format_utc(work.created_at)},
            {"updated_at", format_utc(work.updated_at)},
            {"submitted_at", work.submitted_at ? nlohmann::json(format_utc(*work.submitted_at))
                                               : nlohmann::json(nullptr)}};
}

nlohmann::json queue_item_json(const QueueItem& item) {
    nlohmann::json j = work_json(item.work);
    j["track_code"] = item.track.code;
    j["track_name"] = item.track.name;
    j["actionable"] = item.actionable;
    j["unit_name"] = item.unit_name;
    j["path"] = item.path;
    j["duplicates"] = item.duplicates;
    return j;
}

nlohmann::json counts_json(const std::vector<TrackCounts>& counts) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : counts) {
        nlohmann::json states = nlohmann::json::object();
        for (auto s : all_work_states()) {
            auto it = c.by_state.find(s);
            states[std::string(to_string(s))] = it == c.by_state.end() ? 0 : it->second;
        }
        list.push_back({{"track", c.track.code},
                        {"track_name", c.track.name},
                        {"states", states},
                        {"recommended_here", c.recommended_here},
                        {"quota", c.level ? nlohmann::json(c.level->quota) : nlohmann::json(nullptr)}});
    }
    return list;
}

}  // namespace wangju::web::works
