// Upload sessions: create, receive chunks at the right offset, finish into a blob, terminate,
// expire. Bytes of an open upload live in <data>/uploads/<id>; the upload's offset is that file's
// size, so it survives a restart. Rows live in the `uploads` table; each change of state appends
// its audit event. Thread-safe; two chunks of one upload at once are refused (a file lock, which
// also holds between processes sharing the data folder).
//
// For the features that use files (works, attachments):
//   find_upload(id)          the upload, whoever owns it (check `owner` yourself), or nothing
//   blob_of(id, owner)       a finished upload of that user -> BlobRef {sha256, size, filename,
//                            mime, facts}; throws not_found / forbidden / conflict (not finished)
//   attach(id, owner, what)  marks it used by `what` ("work:12"), in your own transaction or
//                            alone; a second attach to something else is a conflict
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/audit.h"
#include "domain/error.h"
#include "media/blob_store.h"
#include "media/digest.h"
#include "media/preview_queue.h"
#include "media/running_digests.h"
#include "media/streaming_check.h"
#include "media/upload.h"
#include "store/database.h"

namespace wangju::media {

// What a chunk must hash to (tus Upload-Checksum), as raw digest bytes.
struct ChunkChecksum {
    DigestAlgorithm algorithm = DigestAlgorithm::sha256;
    std::string expected;
};

// The chunk's bytes did not match its checksum; they were discarded (tus answers 460).
class ChecksumMismatch : public Error {
  public:
    ChecksumMismatch();
};

// Tells what a complete file is; throws Error(invalid_input) with a Chinese reason when its
// content is of no accepted kind (media/probe.h `probe`). The second argument, when not null,
// is what reading its packets found while it was received (media/streaming_check.h).
using Prober = std::function<MediaFacts(const std::filesystem::path&, const PacketReading*)>;

class Uploads;

// One PATCH: bytes appended at the upload's offset. Calls come one at a time, in order.
class UploadChunk {
  public:
    ~UploadChunk();
    // Throws Error(invalid_input) when the bytes go past the declared length.
    void write(std::string_view bytes);
    // The chunk arrived whole: checks the checksum (ChecksumMismatch: the chunk is discarded),
    // makes it durable, and finishes the upload when this was its last byte. Returns the upload.
    Upload finish();
    // The chunk was cut short: keeps what arrived (made durable) unless a checksum was given,
    // in which case nothing of this chunk is kept.
    void abandon() noexcept;

  private:
    friend class Uploads;
    struct State;
    explicit UploadChunk(std::unique_ptr<State> state);
    // Keeps the running SHA-256 for the next chunk when it matches what the file holds.
    void keep_digest();
    // Drops this chunk's bytes: the file goes back to where the chunk started.
    void discard();
    std::unique_ptr<State> state_;
};

class Uploads {
  public:
    Uploads(store::Database& database, BlobStore& blobs, std::filesystem::path data_dir,
            UploadLimits limits, Prober prober);

    const UploadLimits& limits() const { return limits_; }

    // Checks the length against the limits (payload_too_large, quota_full), requires a
    // "filename" in the metadata (invalid_input).
    Upload create(UserId owner, std::uint64_t length, std::map<std::string, std::string> metadata,
                  const AuditContext& ctx);
    // Expired open uploads are not found.
    std::optional<Upload> find_upload(const std::string& id);
    // The upload if `user` owns it; not_found / forbidden otherwise.
    Upload owned_upload(const std::string& id, UserId user);
    // Starts a chunk at `offset`, which must equal the upload's offset (conflict otherwise).
    std::unique_ptr<UploadChunk> begin_chunk(const std::string& id, UserId user,
                                             std::uint64_t offset,
                                             std::optional<ChunkChecksum> checksum,
                                             const AuditContext& ctx);
    // Removes an upload and its bytes; a finished upload in use (attached) is a conflict.
    void terminate(const std::string& id, UserId user, const AuditContext& ctx);

    BlobRef blob_of(const std::string& id, UserId user);
    void attach(const std::string& id, UserId user, const std::string& attached_to,
                const AuditContext& ctx);

    // Undoes attach(id, ..., attached_to) when what it was for did not happen; nothing when the
    // upload is used by something else. Never throws (a failure is logged: the upload then stays
    // marked, which keeps its file).
    void detach(const std::string& id, const std::string& attached_to,
                const AuditContext& ctx) noexcept;

    // Removes open uploads whose expiry has passed, and finished or refused ones past theirs
    // that nothing took (attach); returns how many. Then removes the stored files nothing uses
    // any more (BlobStore::collect_unused).
    std::size_t sweep_expired(Timestamp now);

    std::filesystem::path file_of(const std::string& id) const;
    // Returns once the previews of the uploads finished so far were made (or failed): they are
    // made after the last PATCH is answered.
    void wait_for_previews() { previews_.wait_until_idle(); }

  private:
    friend class UploadChunk;
    // `sha256` is the hex digest of the complete file, hashed while it was received; `received`
    // what reading its packets found meanwhile, if that was done.
    Upload complete(const Upload& upload, const std::string& sha256, const AuditContext& ctx,
                    const PacketReading* received = nullptr);
    void check_quota(soci::session& session, UserId owner, std::uint64_t length) const;

    store::Database& database_;
    BlobStore& blobs_;
    std::filesystem::path dir_;
    UploadLimits limits_;
    Prober prober_;
    RunningDigests digests_;
    StreamingChecks checks_;
    PreviewQueue previews_;  // last: its thread stops before the rest goes
};

}  // namespace wangju::media
