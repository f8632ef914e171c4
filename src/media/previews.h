// The picture that stands for a stored file: a video's poster frame or a photo's thumbnail, a
// JPEG at most 640 pixels wide made by ffmpeg, itself stored as a blob and linked to its source
// in `blob_previews`.
#pragma once

#include <optional>
#include <string>

#include "media/blob_store.h"
#include "domain/media_facts.h"
#include "store/database.h"

namespace wangju::media {

// Makes and records the preview of blob `sha256` when its kind has one (video, image); returns
// the preview's blob. Throws std::runtime_error when ffmpeg fails.
std::optional<BlobRecord> make_preview(BlobStore& blobs, store::Database& database,
                                       const std::string& sha256, const MediaFacts& facts);
// The preview of blob `sha256`, if one was made.
std::optional<std::string> preview_of(store::Database& database, const std::string& sha256);

}  // namespace wangju::media
