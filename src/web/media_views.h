// The files of a work as a public page plays them: videos with their poster, audio, photos with
// their thumbnails and other files as links, each under `base` + its SHA-256 (a preview under
// + "/preview"). Shared by the exhibition and the public vote, which serve the files of the works
// they show under their own routes.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/work.h"

namespace wangju::web {

// {videos, audios, photos, others, has_* for each, photo_count}: the view data of _work_media.
nlohmann::json work_media_json(const Work& work, const std::string& base);

// The work's first video or image, whose preview stands for the work in a list.
std::optional<WorkFile> work_cover(const Work& work);

}  // namespace wangju::web
