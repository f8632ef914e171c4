// What the works pages hand to their templates: tracks with their rules in words, form fields
// with their values and errors, works with their state and path.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/works/works_service.h"

namespace wangju::web::works {

// The rules of a track as sentences a worker reads ("视频时长不超过 5分钟").
std::vector<std::string> describe_rules(const TrackRules& rules);

nlohmann::json track_page_json(const Track& track, const std::vector<LevelSetting>& levels);

// One entry per form field: label, type flags, choices, the value and the field's error.
nlohmann::json form_fields_json(const std::vector<FormField>& fields,
                                const std::map<std::string, std::string>& values,
                                const std::map<std::string, std::string>& errors);

nlohmann::json work_page_json(const Work& work, const Track& track);

// "2026-12-08 17:00"
std::string local_time(Timestamp t);

}  // namespace wangju::web::works
