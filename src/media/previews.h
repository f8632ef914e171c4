// The picture that stands for a stored file: a video's poster frame or a photo's thumbnail, a
// JPEG at most 640 pixels wide made by ffmpeg, itself stored as a blob and linked to its source
// in `blob_previews`. And a photo's thumbnails at the widths a viewer picks from (srcset), made the
// first time they are asked for and kept the same way.
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
// The preview of blob `sha256`: the one made, or else made now (and recorded) from the facts an
// upload of it measured. Uploads answer their last PATCH before the preview is made, so the first
// viewer (or the upload's preview queue, media/uploads.h) makes it. nullopt when the blob is not
// an upload's video or image, or ffmpeg cannot make a picture of it.
std::optional<std::string> preview_or_make(BlobStore& blobs, store::Database& database,
                                           const std::string& sha256);

// The widths of a photo's thumbnails, in pixels.
inline constexpr int thumbnail_widths[] = {320, 640, 1280};
// The thumbnail of image blob `sha256` at most `width` pixels wide (one of thumbnail_widths):
// made by ffmpeg the first time, then the stored one. nullopt when the blob is not an image, the
// width is not one of those, or ffmpeg cannot read the image.
std::optional<std::string> thumbnail_of(BlobStore& blobs, store::Database& database,
                                        const std::string& sha256, int width);

}  // namespace wangju::media
