// The media layer as the web layer holds it: blobs, uploads, and who may read a blob.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "domain/permission.h"
#include "media/blob_store.h"
#include "media/uploads.h"

namespace wangju::media {

// Says whether `actor` may read the blob (e.g. a work's file for its unit's admins). Features
// add their rules; a blob is readable when any rule allows it, or when the actor uploaded it.
using BlobAccessRule = std::function<bool(const Actor& actor, const std::string& sha256)>;

class MediaLibrary {
  public:
    MediaLibrary(store::Database& database, const std::filesystem::path& data_dir,
                 UploadLimits limits);

    void add_access_rule(BlobAccessRule rule);
    bool may_read(const Actor& actor, const std::string& sha256) const;

    BlobStore blobs;
    Uploads uploads;

  private:
    bool uploaded_by(UserId user, const std::string& sha256) const;

    store::Database& database_;
    mutable std::mutex mutex_;
    std::vector<BlobAccessRule> rules_;
};

}  // namespace wangju::media
