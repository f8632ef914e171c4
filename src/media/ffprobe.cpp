#include "media/ffprobe.h"

#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "media/child_process.h"

namespace wangju::media {

namespace {

std::string_view kind_word(MediaKind kind) {
    return kind == MediaKind::video ? "视频" : kind == MediaKind::audio ? "音频" : "图片";
}

[[noreturn]] void refuse_damaged(MediaKind kind) {
    throw_invalid(std::string(kind_word(kind)) + "文件已损坏或不完整，无法读取，请检查后重新上传",
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

[[noreturn]] void refuse_incomplete(MediaKind kind, const std::string& detail) {
    const std::string message =
        fmt::format("{}文件不完整:{},请检查后重新上传", kind_word(kind), detail);
    throw_invalid(message, {{"file", message}});
}

// The last "out_time_us=" of ffmpeg's -progress output: how far into the media the packets went.
std::optional<double> seconds_reached(std::string_view progress) {
    constexpr std::string_view key = "out_time_us=";
    const auto at = progress.rfind(key);
    if (at == std::string_view::npos) return std::nullopt;
    long long micros = 0;
    const auto digits = progress.substr(at + key.size());
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), micros);
    if (error != std::errc{} || end == digits.data()) return std::nullopt;
    return static_cast<double>(micros) / 1e6;
}

// Packets may end a little before the header's duration (the last frame's length, an encoder's
// priming samples); a file cut short loses far more than this.
constexpr double duration_slack_seconds = 0.5;

}  // namespace

// A header can be whole while the data behind it is not: an export or copy cut off leaves an MP4
// whose index (at the front) still promises every sample, or a Matroska file whose header says
// its full length. Reading every packet without decoding it (ffmpeg's copy to the null muxer)
// checks each one against the file at the speed of reading it; -xerror stops at the first
// packet that is cut or damaged. A file cut exactly between two packets reads cleanly but ends
// early, so how far the packets went is compared with the duration the header gives.
void check_complete(const std::filesystem::path& path, const MediaFacts& facts) {
    if (facts.kind != MediaKind::video && facts.kind != MediaKind::audio) return;
    auto result = run_process({"ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i",
                               "file:" + path.string(), "-map", "0:v?", "-map", "0:a?", "-c",
                               "copy", "-f", "null", "-progress", "pipe:1", "-nostats", "-"},
                              std::chrono::seconds(300), 1024 * 1024);
    if (result.timed_out) refuse_incomplete(facts.kind, "检查文件内容超时");
    if (result.exit_code != 0) {
        spdlog::info("ffmpeg found damaged packets in {}: {}", path.string(),
                     result.err.substr(0, 300));
        refuse_incomplete(facts.kind, "部分数据已损坏或缺失");
    }
    const auto reached = seconds_reached(result.out);
    if (facts.duration_seconds && reached &&
        *reached + duration_slack_seconds < *facts.duration_seconds) {
        refuse_incomplete(facts.kind,
                          fmt::format("文件头标明时长 {:.1f} 秒,实际只有 {:.1f} 秒的数据",
                                      *facts.duration_seconds, *reached));
    }
}

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
    check_complete(path, facts);
}

}  // namespace wangju::media
