// What a stored file is, measured from its content: the MediaFacts that track rules are checked
// against. Throws Error(invalid_input) with a Chinese reason when the content is of no accepted
// kind (a renamed file, a truncated video).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain/media_facts.h"
#include "media/packet_reading.h"

namespace wangju::media {

// `received`: what reading the packets of an audio or video file found while it was received
// (media/streaming_check.h), which then need not be read again.
MediaFacts probe(const std::filesystem::path& path, const PacketReading* received = nullptr);

// The format names ("mp4", "jpeg", "docx"...) that `probe` can give, each once, in a stable order:
// what a track's rules may name.
std::vector<std::string> accepted_formats();

}  // namespace wangju::media
