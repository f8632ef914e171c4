#include "media/content_sniffer.h"

#include <magic.h>

#include <mutex>
#include <stdexcept>

namespace wangju::media {

namespace {

// A magic cookie is not safe to share between threads, and each loaded cookie holds the whole
// database (megabytes): one cookie, used under a lock (a lookup reads a few KiB of the file).
std::mutex cookie_mutex;

magic_t cookie() {
    struct Cookie {
        magic_t handle = nullptr;
        Cookie() {
            handle = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
            if (handle && magic_load(handle, nullptr) != 0) {
                magic_close(handle);
                handle = nullptr;
            }
            // Every accepted kind is told by its first bytes (a text file is then read whole by
            // its character count). libmagic's default reads 7 MiB into a buffer of its own at
            // each lookup, which the thread's allocator then keeps: eight uploads completing at
            // once left over 60 MB resident. 1 MiB was its default before version 5.40.
            const std::size_t bytes_max = 1 << 20;
            if (handle) magic_setparam(handle, MAGIC_PARAM_BYTES_MAX, &bytes_max);
        }
        ~Cookie() {
            if (handle) magic_close(handle);
        }
    };
    static Cookie instance;
    if (!instance.handle) throw std::runtime_error("cannot load the libmagic database");
    return instance.handle;
}

std::string result_or_unknown(const char* type) {
    return type ? std::string(type) : std::string("application/octet-stream");
}

}  // namespace

std::string mime_type_of_file(const std::filesystem::path& path) {
    std::lock_guard lock(cookie_mutex);
    return result_or_unknown(magic_file(cookie(), path.c_str()));
}

std::string mime_type_of_bytes(std::string_view bytes) {
    std::lock_guard lock(cookie_mutex);
    return result_or_unknown(magic_buffer(cookie(), bytes.data(), bytes.size()));
}

}  // namespace wangju::media
