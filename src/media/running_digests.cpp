#include "media/running_digests.h"

namespace wangju::media {

Digest RunningDigests::take(const std::string& upload_id, int fd, std::uint64_t length) {
    {
        std::lock_guard lock(mutex_);
        auto it = kept_.find(upload_id);
        if (it != kept_.end()) {
            auto kept = std::move(it->second);
            kept_.erase(it);
            if (kept.length == length) return std::move(kept.digest);
        }
    }
    Digest digest(DigestAlgorithm::sha256);
    update_from_file(digest, fd, length);
    return digest;
}

void RunningDigests::keep(const std::string& upload_id, std::uint64_t length, Digest digest) {
    std::lock_guard lock(mutex_);
    kept_.insert_or_assign(upload_id, Kept{length, std::move(digest)});
}

void RunningDigests::forget(const std::string& upload_id) {
    std::lock_guard lock(mutex_);
    kept_.erase(upload_id);
}

}  // namespace wangju::media
