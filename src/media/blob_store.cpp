#include "media/blob_store.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "media/content_sniffer.h"
#include "media/digest.h"
#include "media/durable_file.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::media {

namespace {

constexpr const char* kFind =
    "SELECT sha256, size_bytes, mime_type, created_at FROM blobs WHERE sha256 = :sha256";
// The same content stored again only touches the row.
constexpr const char* kInsert =
    "INSERT INTO blobs (sha256, size_bytes, mime_type, created_at, touched_at) "
    "VALUES (:sha256, :size, :mime, :created_at, :touched_at) "
    "ON CONFLICT (sha256) DO UPDATE SET touched_at = excluded.touched_at";
// Unused: no upload, work file or preview names the blob, and it was not touched recently.
#define WANGJU_BLOB_UNUSED                                                                       \
    "b.touched_at < :before AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.sha256 = b.sha256) " \
    "AND NOT EXISTS (SELECT 1 FROM work_files f WHERE f.sha256 = b.sha256) "                     \
    "AND NOT EXISTS (SELECT 1 FROM blob_previews p WHERE p.preview_sha256 = b.sha256)"
constexpr const char* kUnused = "SELECT b.sha256 FROM blobs b WHERE " WANGJU_BLOB_UNUSED;
constexpr const char* kFindUnused =
    "SELECT b.sha256, b.size_bytes, b.mime_type, b.created_at FROM blobs b "
    "WHERE b.sha256 = :sha256 AND " WANGJU_BLOB_UNUSED;

// Long enough for any feature to record its use of a file it has just stored: an upload's row
// after its blob, a preview's row after the picture.
constexpr std::chrono::hours kUnusedGrace{1};

struct BlobRow {
    std::string sha256;
    long long size = 0;
    std::string mime_type, created_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(sha256), soci::into(size), soci::into(mime_type), soci::into(created_at);
    }
    BlobRecord record() const {
        return {sha256, static_cast<std::uint64_t>(size), mime_type, store::timestamp_from(created_at)};
    }
};

// Held while blob files are placed or removed and their rows written, so that a removal never
// takes a file that is being stored again (and a backup sees them all at one moment).
FileHandle lock_files(const std::filesystem::path& root) {
    return lock_blob_files(root.parent_path());
}

}  // namespace

std::optional<std::string> sha256_named_by(const std::filesystem::path& relative) {
    const std::string folder = relative.parent_path().string();
    const std::string name = relative.filename().string();
    if (folder.size() != 2) return std::nullopt;
    const std::string digest = name.size() == 62 ? folder + name : name;
    if (!is_sha256_hex(digest) || !digest.starts_with(folder)) return std::nullopt;
    return digest;
}

// flock on a descriptor of its own excludes other threads and other processes alike.
FileHandle lock_blob_files(const std::filesystem::path& data_dir) {
    std::filesystem::create_directories(data_dir / "blobs");
    auto handle = open_file(data_dir / "blobs.lock", O_RDWR | O_CREAT);
    while (::flock(handle.get(), LOCK_EX) != 0) {
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "flock");
    }
    return handle;
}

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

BlobStore::BlobStore(store::Database& database, std::filesystem::path data_dir)
    : database_(database), root_(std::move(data_dir) / "blobs") {}

std::filesystem::path BlobStore::path_of(const std::string& sha256) const {
    if (!is_sha256_hex(sha256)) throw std::invalid_argument("not a SHA-256: " + sha256);
    return root_ / sha256.substr(0, 2) / sha256.substr(2);
}

std::filesystem::path BlobStore::temp_dir() const {
    auto dir = root_ / "tmp";
    std::filesystem::create_directories(dir);
    return dir;
}

BlobRecord BlobStore::adopt(const std::filesystem::path& file, const std::string& sha256,
                            const std::string& mime_type) {
    auto target = path_of(sha256);
    auto size = std::filesystem::file_size(file);
    auto lock = lock_files(root_);
    std::error_code ec;
    if (std::filesystem::exists(target, ec) && std::filesystem::file_size(target) == size) {
        std::filesystem::remove(file);
    } else {
        std::filesystem::create_directories(target.parent_path());
        rename_durably(file, target);
    }
    return record(sha256, size, mime_type);
}

BlobRecord BlobStore::put(std::string_view bytes) {
    Digest digest(DigestAlgorithm::sha256);
    digest.update(bytes);
    auto sha256 = to_hex(digest.finish_raw());
    auto target = path_of(sha256);
    auto lock = lock_files(root_);
    std::error_code ec;
    if (!std::filesystem::exists(target, ec)) {
        std::filesystem::create_directories(target.parent_path());
        write_file_durably(target, bytes);
    }
    return record(sha256, bytes.size(), mime_type_of_bytes(bytes));
}

BlobRecord BlobStore::record(const std::string& sha256, std::uint64_t size,
                             const std::string& mime) {
    return database_.write([&](soci::session& s) {
        const long long size_value = static_cast<long long>(size);
        const std::string created_at = store::stored(now_utc());
        s << kInsert, soci::use(sha256), soci::use(size_value), soci::use(mime),
            soci::use(created_at), soci::use(created_at);
        return store::fetch_one<BlobRow>(s, kFind, soci::use(sha256))->record();
    });
}

std::optional<BlobRecord> BlobStore::find(const std::string& sha256) {
    if (!is_sha256_hex(sha256)) return std::nullopt;
    return database_.read([&](soci::session& s) -> std::optional<BlobRecord> {
        auto row = store::fetch_one<BlobRow>(s, kFind, soci::use(sha256));
        if (!row) return std::nullopt;
        return row->record();
    });
}

std::size_t BlobStore::collect_unused(Timestamp now) {
    const std::string before = store::stored(now - kUnusedGrace);
    std::size_t removed = 0;
    // Removing a video or a photo frees its preview, which the second round finds.
    for (int round = 0; round < 2; ++round) {
        auto unused = database_.read([&](soci::session& s) {
            return store::fetch_values<std::string>(s, kUnused, soci::use(before));
        });
        for (const auto& sha256 : unused) removed += remove_if_unused(sha256, before) ? 1 : 0;
        if (unused.empty()) break;
    }
    if (removed > 0) spdlog::info("removed {} stored files that nothing uses", removed);
    return removed;
}

// Asked again under the lock and in the transaction: the blob may have been stored again or
// taken into use since it was found. The row goes first: a failure after it leaves a file
// without a row, which costs disk space, never a row without its file.
bool BlobStore::remove_if_unused(const std::string& sha256, const std::string& touched_before) {
    auto lock = lock_files(root_);
    bool removed = database_.write([&](soci::session& s) {
        auto row =
            store::fetch_one<BlobRow>(s, kFindUnused, soci::use(sha256), soci::use(touched_before));
        if (!row) return false;
        s << "DELETE FROM blob_previews WHERE source_sha256 = :sha256", soci::use(sha256);
        s << "DELETE FROM blobs WHERE sha256 = :sha256", soci::use(sha256);
        store::append_event(
            s, AuditContext{std::nullopt, "system"}, "blob.remove", "blob:" + sha256,
            nlohmann::json{
                {"sha256", sha256}, {"size_bytes", row->size}, {"mime_type", row->mime_type}},
            nullptr);
        return true;
    });
    if (removed) {
        std::error_code ignored;
        std::filesystem::remove(path_of(sha256), ignored);
    }
    return removed;
}

}  // namespace wangju::media
