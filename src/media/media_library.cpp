#include "media/media_library.h"

#include "media/probe.h"

namespace wangju::media {

MediaLibrary::MediaLibrary(store::Database& database, const std::filesystem::path& data_dir,
                           UploadLimits limits)
    : blobs(database, data_dir),
      uploads(database, blobs, data_dir, limits, probe),
      database_(database) {}

void MediaLibrary::add_access_rule(BlobAccessRule rule) {
    std::lock_guard lock(mutex_);
    rules_.push_back(std::move(rule));
}

bool MediaLibrary::may_read(const Actor& actor, const std::string& sha256) const {
    if (uploaded_by(actor.user, sha256)) return true;
    std::vector<BlobAccessRule> rules;
    {
        std::lock_guard lock(mutex_);
        rules = rules_;
    }
    for (const auto& rule : rules)
        if (rule(actor, sha256)) return true;
    return false;
}

// A preview (poster, thumbnail) counts as uploaded by whoever uploaded its source.
bool MediaLibrary::uploaded_by(UserId user, const std::string& sha256) const {
    return database_.read([&](soci::session& s) {
        long long count = 0;
        const long long owner = user.value;
        s << "SELECT COUNT(*) FROM uploads u WHERE u.owner_id = :owner AND "
             "(u.sha256 = :sha OR u.sha256 IN (SELECT source_sha256 FROM blob_previews "
             "WHERE preview_sha256 = :sha2))",
            soci::use(owner), soci::use(sha256), soci::use(sha256), soci::into(count);
        return count > 0;
    });
}

}  // namespace wangju::media
