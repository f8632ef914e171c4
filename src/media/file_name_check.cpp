#include "media/file_name_check.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "domain/error.h"

namespace wangju::media {

namespace {

struct Extension {
    std::string_view name;
    MediaKind kind;
};

constexpr std::array<Extension, 27> extensions{{
    {"mp4", MediaKind::video},   {"mov", MediaKind::video},    {"mkv", MediaKind::video},
    {"webm", MediaKind::video},  {"avi", MediaKind::video},    {"flv", MediaKind::video},
    {"mpg", MediaKind::video},   {"mpeg", MediaKind::video},   {"3gp", MediaKind::video},
    {"mp3", MediaKind::audio},   {"wav", MediaKind::audio},    {"m4a", MediaKind::audio},
    {"aac", MediaKind::audio},   {"flac", MediaKind::audio},   {"ogg", MediaKind::audio},
    {"jpg", MediaKind::image},   {"jpeg", MediaKind::image},   {"png", MediaKind::image},
    {"gif", MediaKind::image},   {"webp", MediaKind::image},   {"bmp", MediaKind::image},
    {"txt", MediaKind::text},    {"docx", MediaKind::document}, {"pdf", MediaKind::document},
    {"doc", MediaKind::document}, {"zip", MediaKind::archive}, {"rar", MediaKind::archive},
}};

std::string_view kind_label(MediaKind kind) {
    switch (kind) {
        case MediaKind::video: return "视频";
        case MediaKind::audio: return "音频";
        case MediaKind::image: return "图片";
        case MediaKind::text: return "文本";
        case MediaKind::document: return "文档";
        case MediaKind::archive: return "压缩包";
        default: return "其他文件";
    }
}

}  // namespace

void check_name_matches_content(const std::string& filename, const MediaFacts& facts) {
    auto dot = filename.rfind('.');
    if (dot == std::string::npos) return;
    std::string extension = filename.substr(dot + 1);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& known : extensions) {
        if (known.name != extension) continue;
        // An audio-only MP4 is still an MP4; a video container holding sound only is fine.
        bool compatible = known.kind == facts.kind ||
                          (known.kind == MediaKind::video && facts.kind == MediaKind::audio);
        if (!compatible)
            throw_invalid(fmt::format("文件名“{}”表明是{}，但文件内容是{}（{}），请检查是否选错了文件",
                                      filename, kind_label(known.kind), kind_label(facts.kind),
                                      facts.format),
                          {{"file", "文件扩展名与内容不符"}});
        return;
    }
}

}  // namespace wangju::media
