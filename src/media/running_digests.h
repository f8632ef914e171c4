// The SHA-256 of each open upload's received bytes, carried from one chunk to the next so that
// finishing an upload needs no second read of its file. Kept in memory only: after a restart (or
// after a chunk whose bytes were discarded) the received prefix is read and hashed once, when the
// next chunk begins. Thread-safe; an entry lives while its upload is open.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "media/digest.h"

namespace wangju::media {

class RunningDigests {
  public:
    // The SHA-256 of the first `length` bytes of the open file `fd`: the kept one when it covers
    // exactly those bytes (it is handed over, not copied), otherwise computed by reading them.
    Digest take(const std::string& upload_id, int fd, std::uint64_t length);
    // Keeps `digest` as the SHA-256 of the upload's first `length` bytes.
    void keep(const std::string& upload_id, std::uint64_t length, Digest digest);
    void forget(const std::string& upload_id);

  private:
    struct Kept {
        std::uint64_t length = 0;
        Digest digest;
    };
    std::mutex mutex_;
    std::map<std::string, Kept> kept_;
};

}  // namespace wangju::media
