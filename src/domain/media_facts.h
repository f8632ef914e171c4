// What a file is, measured from its content (never from its name): the facts that a track's rules
// are checked against. Produced by probing a stored file (FFmpeg's libraries for audio and video,
// the image decoder for pictures, a character count for text documents). The rules
// (domain/work_file_rules.h) read them; the media layer measures them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wangju {

enum class MediaKind { video, audio, image, text, document, archive, other };

struct MediaFacts {
    MediaKind kind = MediaKind::other;
    std::string mime_type;          // by content: "video/mp4", "image/jpeg", "application/pdf"
    std::string format;             // short name for rules and messages: "mp4", "jpeg", "docx"
    std::uint64_t size_bytes = 0;
    // Audio and video
    std::optional<double> duration_seconds;
    std::optional<std::string> video_codec;  // "h264"
    std::optional<std::string> audio_codec;  // "aac"
    // Video and images
    std::optional<int> width;
    std::optional<int> height;
    // Text and documents whose text can be read (txt, docx): characters, not bytes
    std::optional<std::int64_t> characters;
};

}  // namespace wangju
