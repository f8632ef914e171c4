#include "media/uploads.h"

#include <fcntl.h>
#include <sys/file.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/secret.h"
#include "media/durable_file.h"
#include "media/file_name_check.h"
#include "media/upload_rows.h"
#include "store/audit_log.h"

namespace wangju::media {

namespace {

std::string size_text(std::uint64_t bytes) {
    if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0)
        return fmt::format("{} GB", bytes >> 30);
    return fmt::format("{} MB", (bytes + (1ull << 20) - 1) >> 20);
}

// An upload id is 32 lowercase hex digits; anything else cannot name a file.
bool is_upload_id(std::string_view id) {
    return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// How much of a chunk is written to the page cache before its writeback is started. A window is
// dropped from the cache when the next has been written, so an upload holds two or three windows
// of the page cache at a time.
constexpr std::uint64_t writeback_step = 8 << 20;

[[noreturn]] void upload_not_found() {
    throw_not_found("上传不存在或已过期");
}

}  // namespace

ChecksumMismatch::ChecksumMismatch()
    : Error(ErrorKind::invalid_input, "数据校验失败（Upload-Checksum 不符），本段数据已丢弃，请重新发送") {}

// ---- UploadChunk -------------------------------------------------------------------------------

struct UploadChunk::State {
    Uploads* uploads = nullptr;
    Upload upload;
    AuditContext ctx;
    FileHandle file;    // holds the upload's lock (flock) while the chunk lasts
    FileHandle direct;  // the same file for writes past the page cache; empty where refused
    std::uint64_t start = 0;
    std::uint64_t position = 0;
    std::uint64_t written_back = 0;  // where the writeback started so far ends
    std::uint64_t dropped = 0;       // where the bytes dropped from the page cache end
    std::optional<ChunkChecksum> checksum;
    std::optional<Digest> digest;  // of this chunk, for its checksum
    std::optional<Digest> sha256;  // of the whole upload up to `position`
    std::unique_ptr<StreamingCheck> check;  // reads the packets as they arrive, if worth it
    bool intact = true;            // false once a write failed: `sha256` may not match the file
    bool done = false;
};

void UploadChunk::keep_digest() {
    auto& s = *state_;
    if (s.intact) s.uploads->digests_.keep(s.upload.id, s.position, std::move(*s.sha256));
    else s.uploads->digests_.forget(s.upload.id);
    // A check that was handed every byte the file holds goes on with the next chunk.
    if (s.intact && s.check && s.check->fed() == s.position)
        s.uploads->checks_.keep(s.upload.id, std::move(s.check));
}

void UploadChunk::discard() {
    auto& s = *state_;
    truncate_file(s.file.get(), s.start);
    sync_file(s.file.get());
    s.uploads->digests_.forget(s.upload.id);
    s.check.reset();  // it read bytes the file no longer holds
}

UploadChunk::UploadChunk(std::unique_ptr<State> state) : state_(std::move(state)) {}
UploadChunk::~UploadChunk() = default;

void UploadChunk::write(std::string_view bytes) {
    auto& s = *state_;
    if (bytes.size() > s.upload.length - s.position)
        throw_invalid(fmt::format("发送的数据超过了声明的文件大小（{} 字节）", s.upload.length));
    s.intact = false;
    // Whole pages at a page boundary (every piece of a PATCH that began at one, but its last) go
    // past the page cache: the disk takes them from the piece itself, which saves copying them
    // into the cache and then writing them back and dropping them (a tenth to a fifth of the
    // server's CPU in bench/uploads). The rest goes through the cache, the disk being kept busy
    // meanwhile (start_writeback) so that the sync before the answer finds little left to write,
    // and what is on the disk leaving the cache (drop_from_cache): an upload is written once and
    // read at most once, at its completion (a large one not at all: media/streaming_check.h).
    std::size_t direct = 0;
    if (s.direct && s.position == s.written_back && direct_aligned(bytes, s.position)) {
        drop_from_cache(s.file.get(), s.dropped, s.written_back - s.dropped);
        direct = write_direct(s.direct.get(), bytes, s.position);
        if (direct < bytes.size()) s.direct = FileHandle();  // refused: the cache from now on
        s.dropped = s.written_back = s.position + direct;
    }
    write_at(s.file.get(), bytes.substr(direct), s.position + direct);
    s.intact = true;
    if (s.digest) s.digest->update(bytes);
    s.sha256->update(bytes);
    if (s.position == 0) s.check = StreamingCheck::start(bytes, s.upload.length);
    if (s.check) s.check->feed(bytes);
    s.position += bytes.size();
    if (s.position - s.written_back >= writeback_step) {
        start_writeback(s.file.get(), s.written_back, s.position - s.written_back);
        // The window before has had this window's time to reach the disk.
        drop_from_cache(s.file.get(), s.dropped, s.written_back - s.dropped);
        s.dropped = s.written_back;
        s.written_back = s.position;
    }
}

Upload UploadChunk::finish() {
    auto& s = *state_;
    s.done = true;
    if (s.checksum && s.digest->finish_raw() != s.checksum->expected) {
        discard();
        throw ChecksumMismatch();
    }
    // Once per PATCH, before it is answered: the offset acknowledged is on disk.
    sync_data(s.file.get());
    drop_from_cache(s.file.get(), s.dropped, s.position - s.dropped);
    s.upload.offset = s.position;
    if (s.position < s.upload.length) {
        keep_digest();
        return s.upload;
    }
    s.uploads->digests_.forget(s.upload.id);
    std::optional<PacketReading> received;
    if (s.check) received = s.check->finish(std::chrono::seconds(30));
    s.check.reset();
    return s.uploads->complete(s.upload, to_hex(s.sha256->finish_raw()), s.ctx,
                               received ? &*received : nullptr);
}

void UploadChunk::abandon() noexcept {
    auto& s = *state_;
    if (s.done) return;
    s.done = true;
    try {
        if (s.checksum) {
            discard();
            return;
        }
        sync_data(s.file.get());
        drop_from_cache(s.file.get(), s.dropped, s.position - s.dropped);
        keep_digest();
    } catch (const std::exception& failure) {
        spdlog::error("upload {}: keeping a cut chunk failed: {}", s.upload.id, failure.what());
    }
}

// ---- Uploads -----------------------------------------------------------------------------------

Uploads::Uploads(store::Database& database, BlobStore& blobs, std::filesystem::path data_dir,
                 UploadLimits limits, Prober prober)
    : database_(database),
      blobs_(blobs),
      dir_(std::move(data_dir) / "uploads"),
      limits_(limits),
      prober_(std::move(prober)),
      previews_(blobs, database) {}

std::filesystem::path Uploads::file_of(const std::string& id) const {
    if (!is_upload_id(id)) throw std::invalid_argument("not an upload id");
    return dir_ / id;
}

void Uploads::check_quota(soci::session& session, UserId owner, std::uint64_t length) const {
    auto [count, bytes] = open_uploads_of(session, owner, now_utc());
    if (static_cast<std::size_t>(count) >= limits_.max_open_per_user)
        throw Error(ErrorKind::quota_full,
                    fmt::format("未完成的上传已达 {} 个，请先完成或取消其中一些",
                                limits_.max_open_per_user));
    if (static_cast<std::uint64_t>(bytes) + length > limits_.max_open_bytes_per_user)
        throw Error(ErrorKind::quota_full,
                    fmt::format("未完成的上传总量不能超过 {}，请先完成或取消其中一些",
                                size_text(limits_.max_open_bytes_per_user)));
}

Upload Uploads::create(UserId owner, std::uint64_t length,
                       std::map<std::string, std::string> metadata, const AuditContext& ctx) {
    if (length > limits_.max_size)
        throw Error(ErrorKind::payload_too_large,
                    fmt::format("文件过大：单个文件不能超过 {}", size_text(limits_.max_size)));
    auto name = metadata.find("filename");
    if (name == metadata.end() || name->second.empty())
        throw_invalid("缺少文件名（Upload-Metadata 中的 filename）", {{"filename", "必须提供文件名"}});
    Upload u;
    u.id = random_token(16);
    u.owner = owner;
    u.filename = name->second;
    u.metadata = std::move(metadata);
    u.length = length;
    u.created_at = now_utc();
    u.expires_at = u.created_at + limits_.expire_after;
    std::filesystem::create_directories(dir_);
    // The file first: a row always has its file (an empty file without a row is swept away).
    open_file(file_of(u.id), O_WRONLY | O_CREAT | O_EXCL);
    sync_directory(dir_);
    try {
        database_.write([&](soci::session& s) {
            check_quota(s, owner, length);
            insert_upload_row(s, u);
            store::append_event(s, ctx, "upload.create", "upload:" + u.id, nullptr,
                                audit_json(u));
        });
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(file_of(u.id), ignored);
        throw;
    }
    return u;
}

std::optional<Upload> Uploads::find_upload(const std::string& id) {
    if (!is_upload_id(id)) return std::nullopt;
    auto row = database_.read([&](soci::session& s) { return find_upload_row(s, id); });
    if (!row) return std::nullopt;
    std::error_code ec;
    auto size = std::filesystem::file_size(file_of(id), ec);
    auto upload = row->upload(ec ? 0 : size);
    if (has_expired(upload, now_utc())) return std::nullopt;
    return upload;
}

Upload Uploads::owned_upload(const std::string& id, UserId user) {
    auto upload = find_upload(id);
    if (!upload) upload_not_found();
    if (upload->owner != user) throw_forbidden("只能操作自己上传的文件");
    return *upload;
}

std::unique_ptr<UploadChunk> Uploads::begin_chunk(const std::string& id, UserId user,
                                                  std::uint64_t offset,
                                                  std::optional<ChunkChecksum> checksum,
                                                  const AuditContext& ctx) {
    auto upload = owned_upload(id, user);
    if (upload.state != UploadState::open) throw_conflict("该文件已上传完成");
    auto state = std::make_unique<UploadChunk::State>();
    state->file = open_file(file_of(id), O_RDWR);
    if (::flock(state->file.get(), LOCK_EX | LOCK_NB) != 0)
        throw_conflict("该文件正在另一个连接中上传");
    // Measured again under the lock: another chunk may have ended just before.
    auto size = file_size(state->file.get());
    if (offset != size)
        throw_conflict(fmt::format("上传位置不符：服务器已收到 {} 字节，请求从 {} 字节开始", size,
                                   offset));
    state->uploads = this;
    state->upload = upload;
    state->upload.offset = size;
    state->ctx = ctx;
    state->direct = open_direct_writer(file_of(id));
    state->start = state->position = state->written_back = state->dropped = size;
    state->sha256.emplace(digests_.take(id, state->file.get(), size));
    state->check = checks_.take(id);
    if (state->check && state->check->fed() != size) state->check.reset();
    if (checksum) state->digest.emplace(checksum->algorithm);
    state->checksum = std::move(checksum);
    return std::unique_ptr<UploadChunk>(new UploadChunk(std::move(state)));
}

// Asks what the complete file is and stores it as a blob under `sha256`; a refused file is
// removed and the upload keeps the reason. The upload's file goes only once its row says what
// became of it: a stop before leaves an open upload whose file is whole, which
// finish_interrupted_uploads() (media/upload_recovery.h) completes at the next start.
Upload Uploads::complete(const Upload& upload, const std::string& sha256, const AuditContext& ctx,
                         const PacketReading* received) {
    auto file = file_of(upload.id);
    Upload done = upload;
    done.finished_at = now_utc();
    done.expires_at = *done.finished_at + limits_.expire_after;
    std::error_code ignored;
    try {
        done.facts = prober_(file, received);
        check_name_matches_content(upload.filename, *done.facts);
    } catch (const Error& refused) {
        database_.write([&](soci::session& s) {
            done.state = UploadState::refused;
            done.refusal = refused.message();
            mark_refused(s, done);
            store::append_event(s, ctx, "upload.refuse", "upload:" + upload.id,
                                audit_json(upload), audit_json(done));
        });
        std::filesystem::remove(file, ignored);
        throw;
    }
    // The store takes a second name of the file, so that the upload's own stays until the end.
    const auto second_name = blobs_.temp_dir() / ("upload-" + upload.id);
    link_durably(file, second_name);
    auto blob = blobs_.adopt(second_name, sha256, done.facts->mime_type);
    done.sha256 = blob.sha256;
    done.facts->size_bytes = blob.size_bytes;
    done.state = UploadState::finished;
    database_.write([&](soci::session& s) {
        mark_finished(s, done);
        store::append_event(s, ctx, "upload.finish", "upload:" + upload.id, audit_json(upload),
                            audit_json(done));
    });
    std::filesystem::remove(file, ignored);
    // After the row, which holds the facts the preview is made from.
    if (done.facts->kind == MediaKind::video || done.facts->kind == MediaKind::image)
        previews_.add(blob.sha256);
    return done;
}

void Uploads::terminate(const std::string& id, UserId user, const AuditContext& ctx) {
    auto upload = owned_upload(id, user);
    if (upload.attached_to) throw_conflict("该文件已被作品使用，不能删除");
    database_.write([&](soci::session& s) {
        delete_upload_row(s, id);
        store::append_event(s, ctx, "upload.terminate", "upload:" + id, audit_json(upload),
                            nullptr);
    });
    digests_.forget(id);
    checks_.forget(id);
    std::error_code ignored;
    std::filesystem::remove(file_of(id), ignored);
}

BlobRef Uploads::blob_of(const std::string& id, UserId user) {
    auto upload = owned_upload(id, user);
    if (upload.state == UploadState::refused)
        throw_invalid(upload.refusal.value_or("文件不符合要求"));
    if (upload.state != UploadState::finished) throw_conflict("文件尚未上传完成");
    return BlobRef{*upload.sha256, upload.length, upload.filename, upload.facts->mime_type,
                   *upload.facts};
}

void Uploads::attach(const std::string& id, UserId user, const std::string& attached_to,
                     const AuditContext& ctx) {
    blob_of(id, user);
    database_.write([&](soci::session& s) {
        auto row = find_upload_row(s, id);
        if (!row) upload_not_found();
        auto before = row->upload(row->length);
        if (before.attached_to && *before.attached_to != attached_to)
            throw_conflict("该文件已被其他作品使用");
        set_attached(s, id, attached_to);
        auto after = before;
        after.attached_to = attached_to;
        store::append_event(s, ctx, "upload.attach", "upload:" + id, audit_json(before),
                            audit_json(after));
    });
}

void Uploads::detach(const std::string& id, const std::string& attached_to,
                     const AuditContext& ctx) noexcept {
    try {
        database_.write([&](soci::session& s) {
            auto row = find_upload_row(s, id);
            if (!row) return;
            auto before = row->upload(row->length);
            if (before.attached_to != attached_to) return;
            set_attached(s, id, std::nullopt);
            auto after = before;
            after.attached_to.reset();
            store::append_event(s, ctx, "upload.detach", "upload:" + id, audit_json(before),
                                audit_json(after));
        });
    } catch (const std::exception& failure) {
        spdlog::error("upload {}: undoing its attach to {} failed: {}", id, attached_to,
                      failure.what());
    }
}

std::size_t Uploads::sweep_expired(Timestamp now) {
    auto ids = database_.read([&](soci::session& s) { return expired_upload_ids(s, now); });
    std::size_t removed = 0;
    for (const auto& id : ids) {
        // Asked again in the transaction: the upload may have been taken by a work meanwhile.
        bool expired = database_.write([&](soci::session& s) {
            auto row = find_upload_row(s, id);
            if (!row) return false;
            auto upload = row->upload(0);
            if (!has_expired(upload, now)) return false;
            delete_upload_row(s, id);
            store::append_event(s, AuditContext{std::nullopt, "system"}, "upload.expire",
                                "upload:" + id, audit_json(upload), nullptr);
            return true;
        });
        if (!expired) continue;
        ++removed;
        digests_.forget(id);
        checks_.forget(id);
        std::error_code ignored;
        std::filesystem::remove(file_of(id), ignored);
    }
    // The files of the uploads removed, unless something else uses the same content.
    blobs_.collect_unused(now);
    return removed;
}

}  // namespace wangju::media
