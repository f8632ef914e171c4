// How the works API shows tracks, level settings, works and counts as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "web/works/works_service.h"

namespace wangju::web::works {

nlohmann::json level_json(const LevelSetting& level);
nlohmann::json track_json(const Track& track, const std::vector<LevelSetting>& levels);
nlohmann::json work_json(const Work& work);
nlohmann::json queue_item_json(const QueueItem& item);
nlohmann::json counts_json(const std::vector<TrackCounts>& counts);

}  // namespace wangju::web::works
