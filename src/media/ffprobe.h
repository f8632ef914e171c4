// Facts of audio, video and pictures read by ffprobe (FFmpeg), run as a child process with JSON
// output.
#pragma once

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/media_facts.h"

namespace wangju::media {

// Adds duration, codecs and dimensions to `facts` (whose kind says what the content claims to
// be; a "video" with no picture becomes audio). Throws Error(invalid_input) when ffprobe cannot
// read the file (truncated or damaged) or finds no stream of that kind.
void add_stream_facts(const std::filesystem::path& path, MediaFacts& facts);
// Refuses (Error(invalid_input), "视频文件不完整:…") audio or video whose packets are cut off or
// damaged, or end well before the duration its header gives. Reads every packet, decodes none.
void check_complete(const std::filesystem::path& path, const MediaFacts& facts);
// The same from ffprobe's JSON (-show_format -show_streams), for files already probed.
void add_stream_facts(const nlohmann::json& probed, MediaFacts& facts);

}  // namespace wangju::media
