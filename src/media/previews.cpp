#include "media/previews.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "media/child_process.h"
#include "media/media_facts_json.h"
#include "store/rows.h"

namespace wangju::media {

namespace {

std::vector<std::string> ffmpeg_arguments(const std::filesystem::path& source,
                                          const MediaFacts& facts, int width = 640) {
    std::vector<std::string> args = {"ffmpeg", "-v", "error", "-nostdin"};
    if (facts.kind == MediaKind::video) {
        // A second in, where a fade from black is usually over; earlier for very short clips.
        double at = std::min(1.0, facts.duration_seconds.value_or(0) / 2);
        args.insert(args.end(), {"-ss", fmt::format("{:.3f}", at)});
    }
    args.insert(args.end(), {"-i", "file:" + source.string(), "-frames:v", "1", "-vf",
                             fmt::format("scale='min({},iw)':-2", width), "-f", "image2pipe",
                             "-c:v", "mjpeg",
                             "-q:v", "4", "pipe:1"});
    return args;
}

std::optional<std::string> recorded(store::Database& database, const std::string& sha256,
                                    const std::string& kind) {
    return database.read([&](soci::session& s) -> std::optional<std::string> {
        std::string preview;
        soci::indicator indicator = soci::i_null;
        s << "SELECT preview_sha256 FROM blob_previews WHERE source_sha256 = :sha AND kind = :k",
            soci::use(sha256), soci::use(kind), soci::into(preview, indicator);
        if (!s.got_data() || indicator != soci::i_ok) return std::nullopt;
        return preview;
    });
}

void record(store::Database& database, const std::string& sha256, const std::string& kind,
            const std::string& preview) {
    database.write([&](soci::session& s) {
        s << "INSERT INTO blob_previews (source_sha256, kind, preview_sha256) "
             "VALUES (:source, :kind, :preview) ON CONFLICT (source_sha256, kind) DO NOTHING",
            soci::use(sha256), soci::use(kind), soci::use(preview);
    });
}

// Thumbnails and previews are made one at a time in the process: a crowd opening a new photo set
// waits for one ffmpeg per picture, not one per visitor.
std::mutex making_thumbnails;

// The facts an upload of blob `sha256` measured, if any did.
std::optional<MediaFacts> uploaded_facts(store::Database& database, const std::string& sha256) {
    return database.read([&](soci::session& s) -> std::optional<MediaFacts> {
        std::string facts;
        soci::indicator indicator = soci::i_null;
        s << "SELECT facts FROM uploads WHERE sha256 = :sha AND facts IS NOT NULL LIMIT 1",
            soci::use(sha256), soci::into(facts, indicator);
        if (!s.got_data() || indicator != soci::i_ok) return std::nullopt;
        return facts_from_json(nlohmann::json::parse(facts));
    });
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
    record(database, sha256, facts.kind == MediaKind::video ? "poster" : "thumbnail",
           preview.sha256);
    return preview;
}

std::optional<std::string> preview_of(store::Database& database, const std::string& sha256) {
    if (auto poster = recorded(database, sha256, "poster")) return poster;
    return recorded(database, sha256, "thumbnail");
}

std::optional<std::string> preview_or_make(BlobStore& blobs, store::Database& database,
                                           const std::string& sha256) {
    if (auto made = preview_of(database, sha256)) return made;
    const auto facts = uploaded_facts(database, sha256);
    if (!facts || (facts->kind != MediaKind::video && facts->kind != MediaKind::image))
        return std::nullopt;
    std::lock_guard lock(making_thumbnails);
    if (auto made = preview_of(database, sha256)) return made;
    try {
        if (auto preview = make_preview(blobs, database, sha256, *facts)) return preview->sha256;
    } catch (const std::exception& failure) {
        spdlog::warn("no preview for blob {}: {}", sha256, failure.what());
    }
    return std::nullopt;
}

std::optional<std::string> thumbnail_of(BlobStore& blobs, store::Database& database,
                                        const std::string& sha256, int width) {
    if (std::find(std::begin(thumbnail_widths), std::end(thumbnail_widths), width) ==
        std::end(thumbnail_widths))
        return std::nullopt;
    // The preview made at upload is the 640-pixel thumbnail.
    const std::string kind = width == 640 ? "thumbnail" : "thumbnail-" + std::to_string(width);
    if (auto made = recorded(database, sha256, kind)) return made;
    const auto blob = blobs.find(sha256);
    if (!blob || !blob->mime_type.starts_with("image/")) return std::nullopt;
    std::lock_guard lock(making_thumbnails);
    if (auto made = recorded(database, sha256, kind)) return made;
    MediaFacts facts;
    facts.kind = MediaKind::image;
    auto result = run_process(ffmpeg_arguments(blobs.path_of(sha256), facts, width),
                              std::chrono::seconds(120), 16 * 1024 * 1024);
    if (result.exit_code != 0 || result.out.empty()) return std::nullopt;
    const auto thumbnail = blobs.put(result.out);
    record(database, sha256, kind, thumbnail.sha256);
    return thumbnail.sha256;
}

}  // namespace wangju::media
