// The demo exhibition's media: a short video (test pattern with a tone, H.264 and AAC) and a set
// of four photos (test patterns), made by ffmpeg, stored as blobs with their previews, so that
// the awarded works of the demo play and show in the gallery. Only with a data folder: without
// one (or without ffmpeg) nothing is made.
#include <fstream>
#include <iterator>

#include <spdlog/spdlog.h>

#include "app/demo.h"
#include "media/blob_store.h"
#include "media/child_process.h"
#include "media/previews.h"
#include "media/probe.h"

namespace wangju::app {
namespace {

std::optional<WorkFile> made_file(media::BlobStore& blobs, store::Database& database,
                                  const std::vector<std::string>& ffmpeg_input,
                                  const std::string& name) {
    const auto path = blobs.temp_dir() / ("demo-" + name);
    std::filesystem::create_directories(path.parent_path());
    std::vector<std::string> argv = {"ffmpeg", "-v", "error", "-nostdin", "-y"};
    argv.insert(argv.end(), ffmpeg_input.begin(), ffmpeg_input.end());
    argv.push_back(path.string());
    const auto result = media::run_process(argv, std::chrono::seconds(120));
    if (result.exit_code != 0) {
        spdlog::warn("demo: ffmpeg could not make {}: {}", name, result.err.substr(0, 300));
        return std::nullopt;
    }
    const auto facts = media::probe(path);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    const auto blob = blobs.put(bytes);
    media::make_preview(blobs, database, blob.sha256, facts);
    return WorkFile{blob.sha256, blob.size_bytes, name, facts.mime_type, facts};
}

}  // namespace

DemoMedia make_demo_media(store::Database& database, const std::filesystem::path& data_dir) {
    DemoMedia media;
    if (data_dir.empty()) return media;
    try {
        media::BlobStore blobs(database, data_dir);
        if (auto video = made_file(
                blobs, database,
                {"-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=6", "-f", "lavfi",
                 "-i", "sine=frequency=440:duration=6", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                 "-c:a", "aac", "-shortest", "-movflags", "+faststart"},
                "港城蓝领的一天.mp4"))
            media.video.push_back(*video);
        const char* patterns[] = {"testsrc2=size=2400x1600", "smptehdbars=size=2400x1600",
                                  "mandelbrot=size=2400x1600", "rgbtestsrc=size=2400x1600"};
        int n = 0;
        for (const char* pattern : patterns) {
            if (auto photo = made_file(
                    blobs, database, {"-f", "lavfi", "-i", pattern, "-frames:v", "1", "-q:v", "2"},
                    "海河畔的劳动者-" + std::to_string(++n) + ".jpg"))
                media.photos.push_back(*photo);
        }
    } catch (const std::exception& e) {
        spdlog::warn("demo: the exhibition's media were not made: {}", e.what());
    }
    return media;
}

}  // namespace wangju::app
