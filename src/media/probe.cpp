#include "media/probe.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/error.h"
#include "media/content_sniffer.h"
#include "media/stream_facts.h"
#include "media/text_count.h"

namespace wangju::media {

namespace {

struct AcceptedType {
    std::string_view mime;
    MediaKind kind;
    std::string_view format;
};

// What may be uploaded at all, by content; the tracks then narrow it down.
constexpr std::array<AcceptedType, 24> accepted{{
    {"video/mp4", MediaKind::video, "mp4"},
    {"video/quicktime", MediaKind::video, "mov"},
    {"video/x-matroska", MediaKind::video, "mkv"},
    {"video/webm", MediaKind::video, "webm"},
    {"video/x-msvideo", MediaKind::video, "avi"},
    {"video/x-flv", MediaKind::video, "flv"},
    {"video/mpeg", MediaKind::video, "mpeg"},
    {"video/3gpp", MediaKind::video, "3gp"},
    {"audio/mpeg", MediaKind::audio, "mp3"},
    {"audio/x-wav", MediaKind::audio, "wav"},
    {"audio/x-m4a", MediaKind::audio, "m4a"},
    {"audio/mp4", MediaKind::audio, "m4a"},
    {"audio/aac", MediaKind::audio, "aac"},
    {"audio/flac", MediaKind::audio, "flac"},
    {"audio/ogg", MediaKind::audio, "ogg"},
    {"image/jpeg", MediaKind::image, "jpeg"},
    {"image/png", MediaKind::image, "png"},
    {"image/gif", MediaKind::image, "gif"},
    {"image/webp", MediaKind::image, "webp"},
    {"image/bmp", MediaKind::image, "bmp"},
    {"text/plain", MediaKind::text, "txt"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     MediaKind::document, "docx"},
    {"application/pdf", MediaKind::document, "pdf"},
    {"application/zip", MediaKind::archive, "zip"},
}};

// Names libmagic gives that browsers do not know, and the name stored and served instead.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> known_names{{
    {"audio/x-hx-aac-adts", "audio/aac"},
    {"audio/x-hx-aac-adif", "audio/aac"},
}};

std::string known_name(std::string mime) {
    for (const auto& [given, known] : known_names)
        if (given == mime) return std::string(known);
    return mime;
}

const AcceptedType* accepted_type(std::string_view mime) {
    for (const auto& type : accepted)
        if (type.mime == mime) return &type;
    return nullptr;
}

[[noreturn]] void refuse_unknown() {
    throw_invalid(
        "无法识别文件内容：只接受视频、音频、图片、文本（txt）、Word（docx）、PDF 或 ZIP 文件",
        {{"file", "文件类型不被接受"}});
}

}  // namespace

std::vector<std::string> accepted_formats() {
    std::vector<std::string> formats;
    for (const auto& type : accepted) {
        if (std::find(formats.begin(), formats.end(), type.format) == formats.end())
            formats.emplace_back(type.format);
    }
    return formats;
}

MediaFacts probe(const std::filesystem::path& path, const PacketReading* received) {
    MediaFacts facts;
    facts.size_bytes = std::filesystem::file_size(path);
    if (facts.size_bytes == 0) throw_invalid("文件是空的", {{"file", "文件是空的"}});
    facts.mime_type = known_name(mime_type_of_file(path));
    // libmagic names a Word document only when its parts come in Word's order; other writers
    // produce a plain ZIP that holds word/document.xml.
    if (facts.mime_type == "application/zip" && is_word_document(path))
        facts.mime_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const auto* type = accepted_type(facts.mime_type);
    if (!type) refuse_unknown();
    facts.kind = type->kind;
    facts.format = std::string(type->format);
    switch (type->kind) {
        case MediaKind::video:
        case MediaKind::audio:
        case MediaKind::image:
            add_stream_facts(path, facts, received);
            break;
        case MediaKind::text:
            facts.characters = count_text_characters(path);
            break;
        case MediaKind::document:
            if (facts.format == "docx") facts.characters = count_docx_characters(path);
            break;
        default:
            break;
    }
    return facts;
}

}  // namespace wangju::media
