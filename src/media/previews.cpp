#include "media/previews.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "media/child_process.h"
#include "store/rows.h"

namespace wangju::media {

namespace {

std::vector<std::string> ffmpeg_arguments(const std::filesystem::path& source,
                                          const MediaFacts& facts) {
    std::vector<std::string> args = {"ffmpeg", "-v", "error", "-nostdin"};
    if (facts.kind == MediaKind::video) {
        // A second in, where a fade from black is usually over; earlier for very short clips.
        double at = std::min(1.0, facts.duration_seconds.value_or(0) / 2);
        args.insert(args.end(), {"-ss", fmt::format("{:.3f}", at)});
    }
    args.insert(args.end(), {"-i", "file:" + source.string(), "-frames:v", "1", "-vf",
                             "scale='min(640,iw)':-2", "-f", "image2pipe", "-c:v", "mjpeg",
                             "-q:v", "4", "pipe:1"});
    return args;
}

}  // namespace

std::optional<BlobRecord> make_preview(BlobStore& blobs, store::Database& database,
                                       const std::string& sha256, const MediaFacts& facts) {
    if (facts.kind != MediaKind::video && facts.kind != MediaKind::image) return std::nullopt;
    auto result = run_process(ffmpeg_arguments(blobs.path_of(sha256), facts),
                              std::chrono::seconds(120), 16 * 1024 * 1024);
    if (result.exit_code != 0 || result.out.empty())
        throw std::runtime_error("ffmpeg could not make a preview: " + result.err.substr(0, 300));
    auto preview = blobs.put(result.out);
    const std::string kind = facts.kind == MediaKind::video ? "poster" : "thumbnail";
    database.write([&](soci::session& s) {
        s << "INSERT INTO blob_previews (source_sha256, kind, preview_sha256) "
             "VALUES (:source, :kind, :preview) ON CONFLICT (source_sha256, kind) DO NOTHING",
            soci::use(sha256), soci::use(kind), soci::use(preview.sha256);
    });
    return preview;
}

std::optional<std::string> preview_of(store::Database& database, const std::string& sha256) {
    return database.read([&](soci::session& s) -> std::optional<std::string> {
        std::string preview;
        soci::indicator indicator = soci::i_null;
        s << "SELECT preview_sha256 FROM blob_previews WHERE source_sha256 = :sha",
            soci::use(sha256), soci::into(preview, indicator);
        if (!s.got_data() || indicator != soci::i_ok) return std::nullopt;
        return preview;
    });
}

}  // namespace wangju::media
