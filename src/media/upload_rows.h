// The SQL of the `uploads` table, shared by the files of Uploads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "media/upload.h"
#include "store/rows.h"

namespace wangju::media {

struct UploadRow {
    std::string id;
    long long owner = 0;
    std::string filename, metadata;
    long long length = 0;
    std::string state, created_at, expires_at;
    store::NullableText finished_at, sha256, facts, refusal, attached_to;

    void bind(soci::details::prepare_temp_type& p);
    // `offset` is measured from the file by the caller.
    Upload upload(std::uint64_t offset) const;
};

std::optional<UploadRow> find_upload_row(soci::session& s, const std::string& id);
void insert_upload_row(soci::session& s, const Upload& upload);
void delete_upload_row(soci::session& s, const std::string& id);
void mark_finished(soci::session& s, const Upload& upload);
void mark_refused(soci::session& s, const Upload& upload);
// Empty: used by nothing.
void set_attached(soci::session& s, const std::string& id,
                  const std::optional<std::string>& attached_to);
// Open uploads of `owner` that have not expired at `now`: how many, and their declared bytes.
std::pair<long long, long long> open_uploads_of(soci::session& s, UserId owner, Timestamp now);
// Uploads to remove at `now`: open ones past their expiry, and finished or refused ones past
// theirs that nothing uses.
std::vector<std::string> expired_upload_ids(soci::session& s, Timestamp now);
nlohmann::json audit_json(const Upload& upload);

}  // namespace wangju::media
