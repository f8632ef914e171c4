#include "media/ffprobe.h"

#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "media/child_process.h"

namespace wangju::media {

namespace {

[[noreturn]] void refuse_damaged(MediaKind kind) {
    std::string_view what = kind == MediaKind::video   ? "视频"
                            : kind == MediaKind::audio ? "音频"
                                                       : "图片";
    throw_invalid(std::string(what) + "文件已损坏或不完整，无法读取，请检查后重新上传",
                  {{"file", "文件已损坏或不完整"}});
}

std::optional<double> number_in(const nlohmann::json& object, const char* name) {
    auto it = object.find(name);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    try {
        return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool is_picture_stream(const nlohmann::json& stream) {
    if (stream.value("codec_type", "") != "video") return false;
    auto disposition = stream.value("disposition", nlohmann::json::object());
    return disposition.value("attached_pic", 0) == 0;  // cover art of a song is not a picture
}

const nlohmann::json* first_stream(const nlohmann::json& probed, bool picture) {
    auto streams = probed.find("streams");
    if (streams == probed.end() || !streams->is_array()) return nullptr;
    for (const auto& stream : *streams) {
        if (picture ? is_picture_stream(stream) : stream.value("codec_type", "") == "audio")
            return &stream;
    }
    return nullptr;
}

}  // namespace

void add_stream_facts(const nlohmann::json& probed, MediaFacts& facts) {
    const auto* picture = first_stream(probed, true);
    const auto* sound = first_stream(probed, false);
    if (facts.kind == MediaKind::video && !picture && sound) facts.kind = MediaKind::audio;
    bool wants_picture = facts.kind != MediaKind::audio;
    if (wants_picture ? !picture : !sound) refuse_damaged(facts.kind);
    if (picture) {
        facts.width = picture->value("width", 0);
        facts.height = picture->value("height", 0);
        if (facts.width <= 0 || facts.height <= 0) refuse_damaged(facts.kind);
    }
    if (facts.kind == MediaKind::image) return;
    if (picture) facts.video_codec = picture->value("codec_name", "");
    if (sound) facts.audio_codec = sound->value("codec_name", "");
    if (facts.kind == MediaKind::audio) facts.width = facts.height = std::nullopt;
    facts.duration_seconds = number_in(probed.value("format", nlohmann::json::object()), "duration");
    if (!facts.duration_seconds && picture) facts.duration_seconds = number_in(*picture, "duration");
    if (!facts.duration_seconds || *facts.duration_seconds <= 0) refuse_damaged(facts.kind);
}

void add_stream_facts(const std::filesystem::path& path, MediaFacts& facts) {
    // "file:" keeps ffprobe from reading a path as another protocol.
    auto result = run_process({"ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                               "-show_streams", "file:" + path.string()},
                              std::chrono::seconds(60), 16 * 1024 * 1024);
    if (result.exit_code != 0) {
        spdlog::info("ffprobe refused {}: {}", path.string(), result.err.substr(0, 300));
        refuse_damaged(facts.kind);
    }
    nlohmann::json probed;
    try {
        probed = nlohmann::json::parse(result.out);
    } catch (const nlohmann::json::exception&) {
        refuse_damaged(facts.kind);
    }
    add_stream_facts(probed, facts);
}

}  // namespace wangju::media
