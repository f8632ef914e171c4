#include "media/blob_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "media/content_sniffer.h"
#include "media/digest.h"
#include "media/durable_file.h"
#include "store/rows.h"

namespace wangju::media {

namespace {

constexpr const char* kFind =
    "SELECT sha256, size_bytes, mime_type, created_at FROM blobs WHERE sha256 = :sha256";
// Two uploads of the same content may finish at once: the second insert does nothing.
constexpr const char* kInsert =
    "INSERT INTO blobs (sha256, size_bytes, mime_type, created_at) "
    "VALUES (:sha256, :size, :mime, :created_at) ON CONFLICT (sha256) DO NOTHING";

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

}  // namespace

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
            soci::use(created_at);
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

}  // namespace wangju::media
