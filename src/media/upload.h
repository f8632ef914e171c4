// Resumable uploads (tus 1.0 sessions) and what a finished one gives to the feature that uses the
// file. The HTTP side is web/uploads/; the rules and the files are here.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/time.h"
#include "domain/user.h"
#include "domain/media_facts.h"

namespace wangju::media {

enum class UploadState {
    open,      // receiving bytes; removed at expires_at
    finished,  // complete, probed, stored as a blob
    refused,   // complete, but its content is no accepted kind of file (reason in `refusal`)
};
std::string_view state_name(UploadState state);

struct Upload {
    std::string id;  // 32 hex digits, random
    UserId owner;
    std::string filename;  // as the client named it (Upload-Metadata "filename")
    std::map<std::string, std::string> metadata;
    std::uint64_t length = 0;  // declared total size in bytes
    std::uint64_t offset = 0;  // bytes durably received (the size of the upload's file)
    UploadState state = UploadState::open;
    Timestamp created_at{};
    // An open upload is removed after this; so is a finished or refused one that no feature took
    // (attached_to). Finishing sets it anew, counted from the finishing time.
    Timestamp expires_at{};
    std::optional<Timestamp> finished_at;
    std::optional<std::string> sha256;  // finished: the blob
    std::optional<MediaFacts> facts;    // finished: what the content is
    std::optional<std::string> refusal;
    std::optional<std::string> attached_to;  // e.g. "work:12", once a feature uses the file
};

// Past its expiry at `now`, and so to be removed: an open upload, or one that nothing uses
// (expired_upload_ids in upload_rows.h asks the same in SQL).
inline bool has_expired(const Upload& upload, Timestamp now) {
    return upload.expires_at <= now && (upload.state == UploadState::open || !upload.attached_to);
}

// A finished upload as the feature that uses it sees it.
struct BlobRef {
    std::string sha256;
    std::uint64_t size_bytes = 0;
    std::string filename;
    std::string mime_type;  // by content
    MediaFacts facts;
};

struct UploadLimits {
    std::uint64_t max_size = 2ull << 30;  // one file: 2 GiB
    std::size_t max_open_per_user = 8;
    std::uint64_t max_open_bytes_per_user = 8ull << 30;  // declared lengths of open uploads
    std::chrono::seconds expire_after{24 * 60 * 60};
};

}  // namespace wangju::media
