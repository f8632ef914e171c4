#include "media/upload_recovery.h"

#include <spdlog/spdlog.h>

#include "media/upload_rows.h"

namespace wangju::media {

namespace {

// <data>/uploads, where Uploads keeps the bytes of each open upload under its id.
std::filesystem::path folder_of(const Uploads& uploads) {
    return uploads.file_of(std::string(32, '0')).parent_path();
}

bool is_upload_file(const std::filesystem::directory_entry& entry) {
    const auto name = entry.path().filename().string();
    return entry.is_regular_file() && name.size() == 32 &&
           name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::size_t finish_interrupted_uploads(store::Database& database, Uploads& uploads,
                                       const AuditContext& ctx) {
    std::size_t completed = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder_of(uploads), ec)) {
        if (!is_upload_file(entry)) continue;
        const auto id = entry.path().filename().string();
        auto row = database.read([&](soci::session& s) { return find_upload_row(s, id); });
        if (!row || row->state != "open") {
            std::filesystem::remove(entry.path(), ec);  // its row no longer needs it
            continue;
        }
        const auto upload = row->upload(entry.file_size());
        if (upload.offset != upload.length) continue;  // resumed by its client
        try {
            // The chunk the last PATCH would have ended with: no bytes, then the completion.
            uploads.begin_chunk(id, upload.owner, upload.length, std::nullopt, ctx)->finish();
        } catch (const Error& refused) {
            spdlog::info("upload {}: {}", id, refused.message());
        }
        auto after = uploads.find_upload(id);
        if (after && after->state != UploadState::open) ++completed;
    }
    return completed;
}

}  // namespace wangju::media
