// Facts of audio, video and pictures read in process by FFmpeg's libraries (libavformat): the
// streams a file holds, and whether every packet of its audio and video is there.
#pragma once

#include <filesystem>

#include "domain/media_facts.h"
#include "media/packet_reading.h"

namespace wangju::media {

// Adds duration, codecs and dimensions to `facts` (whose kind says what the content claims to
// be; a "video" with no picture becomes audio). Throws Error(invalid_input) when the file cannot
// be read (truncated or damaged) or holds no stream of that kind. Then refuses
// (Error(invalid_input), "视频文件不完整:…") audio or video whose packets are cut off or damaged,
// or end well before the duration its header gives: reads every packet, decodes none, unless
// `received` holds what reading them found while the file was received (media/packet_reading.h).
void add_stream_facts(const std::filesystem::path& path, MediaFacts& facts,
                      const PacketReading* received = nullptr);

}  // namespace wangju::media
