// MediaFacts as stored JSON (uploads.facts) and as shown by the API.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/media_facts.h"

namespace wangju::media {

std::string_view kind_name(MediaKind kind);  // "video", "audio", ...
nlohmann::json to_json(const MediaFacts& facts);
MediaFacts facts_from_json(const nlohmann::json& json);

}  // namespace wangju::media
