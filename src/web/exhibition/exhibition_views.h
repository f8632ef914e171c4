// The JSON forms of the exhibition, shared by the API and the pages' view data.
#pragma once

#include <nlohmann/json.hpp>

#include "web/exhibition/exhibition_service.h"

namespace wangju::web::exhibition {

// One award as the public sees it: work, tier, track, unit, judging unit, links.
nlohmann::json award_json(const GalleryItem& item);
// The public URL of a stored file of an exhibited work, and of its preview.
std::string file_url(const std::string& sha256);
std::string preview_url(const std::string& sha256);

}  // namespace wangju::web::exhibition
