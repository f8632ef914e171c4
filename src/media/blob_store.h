// Content-addressed storage of files: a blob is named by the SHA-256 of its content and lives at
// <data>/blobs/ab/cdef... (the first two hex digits make the folder). The same content is stored
// once. A blob appears in the `blobs` table only after its file is durably in place, so a
// recorded blob always has its file. Blobs that nothing uses any more are removed
// (collect_unused). Thread-safe; processes sharing the data folder exclude each other from the
// files with a lock file (<data>/blobs.lock).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "domain/time.h"
#include "media/durable_file.h"
#include "store/database.h"

namespace wangju::media {

struct BlobRecord {
    std::string sha256;  // lowercase hex, 64 characters
    std::uint64_t size_bytes = 0;
    std::string mime_type;  // by content (libmagic)
    Timestamp created_at;
};

bool is_sha256_hex(std::string_view text);

// The SHA-256 a file's path below <data>/blobs names: "ab/cdef..." for a blob of this store,
// "ab/abcdef..." for a portal attachment (web/portal/attachment_files.h). Nothing for any other
// file (one being assembled or written, under tmp/ or with a temporary name).
std::optional<std::string> sha256_named_by(const std::filesystem::path& relative);

// Takes the lock of the blob files of the data folder `data_dir` (waiting for it) and holds it
// until the handle is closed: meanwhile no blob file is placed or removed, in any process.
FileHandle lock_blob_files(const std::filesystem::path& data_dir);

class BlobStore {
  public:
    BlobStore(store::Database& database, std::filesystem::path data_dir);

    // Moves `file` (on the same file system, e.g. under <data>/uploads) into the store under
    // `sha256` and `mime_type`, which the caller measured from its content; when that content is
    // stored already the file is removed.
    BlobRecord adopt(const std::filesystem::path& file, const std::string& sha256,
                     const std::string& mime_type);
    // Stores small content held in memory (thumbnails, poster frames).
    BlobRecord put(std::string_view bytes);
    std::optional<BlobRecord> find(const std::string& sha256);
    // Where the blob's file is (whether or not it exists).
    std::filesystem::path path_of(const std::string& sha256) const;
    // A folder on the same file system for files being assembled (<data>/blobs/tmp).
    std::filesystem::path temp_dir() const;

    // Removes the blobs, row and file, that no upload, work file or preview uses and that were
    // not stored or found stored again within an hour of `now` (the time a feature has to record
    // its use of a file it just stored); a removed blob's previews go with it. Each removal is
    // audited ("blob.remove"). Returns how many were removed.
    std::size_t collect_unused(Timestamp now);

  private:
    // Stores or touches the row; called with the files lock held.
    BlobRecord record(const std::string& sha256, std::uint64_t size, const std::string& mime);
    bool remove_if_unused(const std::string& sha256, const std::string& touched_before);

    store::Database& database_;
    std::filesystem::path root_;
};

}  // namespace wangju::media
