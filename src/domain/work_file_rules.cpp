#include "domain/work_file_rules.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

std::string kind_word(MediaKind kind) {
    switch (kind) {
        case MediaKind::video: return "视频";
        case MediaKind::audio: return "音频";
        case MediaKind::image: return "图片";
        case MediaKind::text:
        case MediaKind::document: return "文档";
        case MediaKind::archive: return "压缩包";
        case MediaKind::other: return "文件";
    }
    return "文件";
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string codec_label(const std::string& codec) {
    if (codec == "h264") return "H.264";
    if (codec == "hevc" || codec == "h265") return "H.265";
    return upper(codec);
}

std::string joined(const std::vector<std::string>& items, std::string (*label)(const std::string&)) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "、";
        out += label(item);
    }
    return out;
}

std::string format_label(const std::string& format) { return upper(format); }

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), to_lower_ascii(value)) != list.end();
}

// Durations are compared in whole seconds, rounded: containers report a 5:00 video as 300.04 s,
// and a rule of "at most 5 minutes" is meant in the seconds a person sees in a player.
void check_duration(const FileRules& rules, const MediaFacts& facts,
                    const std::map<std::string, std::string>& form_values,
                    std::vector<RuleViolation>& out) {
    if (facts.kind != MediaKind::video && facts.kind != MediaKind::audio) return;
    std::optional<double> limit;
    std::string which = "本项目";
    if (auto it = rules.max_duration_seconds.find(std::string(media_kind_name(facts.kind)));
        it != rules.max_duration_seconds.end()) {
        limit = it->second;
    }
    if (!rules.duration_field.empty()) {
        auto chosen = form_values.find(rules.duration_field);
        if (chosen != form_values.end()) {
            auto it = rules.duration_by_choice.find(chosen->second);
            if (it != rules.duration_by_choice.end()) {
                limit = it->second;
                which = "本项目“" + chosen->second + "”";
            }
        }
    }
    if (!limit) return;
    if (!facts.duration_seconds) {
        out.push_back({"unmeasured", "无法读取" + kind_word(facts.kind) + "时长,请检查文件是否完整"});
        return;
    }
    const auto measured = std::llround(*facts.duration_seconds);
    const auto allowed = std::llround(*limit);
    if (measured > allowed) {
        out.push_back({"max_duration", fmt::format("{}时长 {}, 超过{}上限 {}", kind_word(facts.kind),
                                                   format_duration(measured), which,
                                                   format_duration(allowed))});
    }
}

void check_resolution(const FileRules& rules, const MediaFacts& facts,
                      std::vector<RuleViolation>& out) {
    if (!rules.min_short_side) return;
    if (facts.kind != MediaKind::video && facts.kind != MediaKind::image) return;
    if (!facts.width || !facts.height) {
        out.push_back({"unmeasured", "无法读取" + kind_word(facts.kind) + "分辨率,请检查文件是否完整"});
        return;
    }
    if (std::min(*facts.width, *facts.height) < *rules.min_short_side) {
        out.push_back({"min_short_side",
                       fmt::format("{}分辨率 {}×{}, 低于本项目要求(短边至少 {} 像素)",
                                   kind_word(facts.kind), *facts.width, *facts.height,
                                   *rules.min_short_side)});
    }
}

void check_characters(const FileRules& rules, const MediaFacts& facts,
                      std::vector<RuleViolation>& out) {
    if (!rules.min_characters && !rules.max_characters) return;
    if (facts.kind != MediaKind::text && facts.kind != MediaKind::document) return;
    if (!facts.characters) {
        out.push_back({"unmeasured", "无法读取文档字数,请上传 TXT 或 DOCX 文件"});
        return;
    }
    const auto n = *facts.characters;
    if (rules.min_characters && n < *rules.min_characters) {
        out.push_back({"min_characters", fmt::format("文章字数 {} 字, 少于本项目下限 {} 字", n,
                                                     *rules.min_characters)});
    }
    if (rules.max_characters && n > *rules.max_characters) {
        out.push_back({"max_characters", fmt::format("文章字数 {} 字, 超过本项目上限 {} 字", n,
                                                     *rules.max_characters)});
    }
}

}  // namespace

std::string_view media_kind_name(MediaKind kind) {
    switch (kind) {
        case MediaKind::video: return "video";
        case MediaKind::audio: return "audio";
        case MediaKind::image: return "image";
        case MediaKind::text: return "text";
        case MediaKind::document: return "document";
        case MediaKind::archive: return "archive";
        case MediaKind::other: return "other";
    }
    return "other";
}

std::vector<RuleViolation> check_file(const FileRules& rules, const MediaFacts& facts,
                                      const std::map<std::string, std::string>& form_values) {
    std::vector<RuleViolation> out;
    if (rules.formats.empty()) {
        out.push_back({"format", "本项目不接受上传文件"});
        return out;
    }
    if (!contains(rules.formats, facts.format)) {
        const std::string measured = facts.format.empty() ? "无法识别" : format_label(facts.format);
        out.push_back({"format", fmt::format("文件格式 {}, 不在本项目接受的格式之内({})", measured,
                                             joined(rules.formats, format_label))});
        return out;  // the other facts of a refused format mean nothing
    }
    if (facts.kind == MediaKind::video && !rules.video_codecs.empty()) {
        const std::string codec = facts.video_codec.value_or("");
        if (!contains(rules.video_codecs, codec)) {
            out.push_back({"video_codec",
                           fmt::format("视频编码 {}, 不在本项目接受的编码之内({})",
                                       codec.empty() ? "无法识别" : codec_label(codec),
                                       joined(rules.video_codecs, codec_label))});
        }
    }
    if (rules.max_size_bytes && facts.size_bytes > *rules.max_size_bytes) {
        out.push_back({"max_size", fmt::format("文件大小 {}, 超过本项目上限 {}",
                                               format_size(facts.size_bytes),
                                               format_size(*rules.max_size_bytes))});
    }
    if (rules.min_size_bytes && facts.size_bytes < *rules.min_size_bytes) {
        out.push_back({"min_size", fmt::format("{}大小 {}, 低于本项目要求的 {}", kind_word(facts.kind),
                                               format_size(facts.size_bytes),
                                               format_size(*rules.min_size_bytes))});
    }
    check_duration(rules, facts, form_values, out);
    check_resolution(rules, facts, out);
    check_characters(rules, facts, out);
    return out;
}

std::vector<RuleViolation> check_file_count(const FileRules& rules, std::size_t count) {
    std::vector<RuleViolation> out;
    const auto n = static_cast<long long>(count);
    if (n < rules.min_files) {
        out.push_back({"min_files", fmt::format("本项目每件作品至少需要 {} 个文件(现有 {} 个)",
                                                rules.min_files, n)});
    }
    if (n > rules.max_files) {
        out.push_back({"max_files", fmt::format("本项目每件作品最多 {} 个文件(现有 {} 个)",
                                                rules.max_files, n)});
    }
    return out;
}

void require_no_violations(const std::vector<RuleViolation>& violations) {
    if (violations.empty()) return;
    std::string message;
    for (const auto& v : violations) {
        if (!message.empty()) message += ";";
        message += v.message;
    }
    throw_invalid(message, {{"files", message}});
}

nlohmann::json media_facts_json(const MediaFacts& f) {
    nlohmann::json j{{"kind", media_kind_name(f.kind)},
                     {"mime_type", f.mime_type},
                     {"format", f.format},
                     {"size_bytes", f.size_bytes}};
    if (f.duration_seconds) j["duration_seconds"] = *f.duration_seconds;
    if (f.video_codec) j["video_codec"] = *f.video_codec;
    if (f.audio_codec) j["audio_codec"] = *f.audio_codec;
    if (f.width) j["width"] = *f.width;
    if (f.height) j["height"] = *f.height;
    if (f.characters) j["characters"] = *f.characters;
    return j;
}

MediaFacts media_facts_from_json(const nlohmann::json& j) {
    MediaFacts f;
    if (!j.is_object()) return f;
    const std::string kind = j.value("kind", "other");
    for (auto k : {MediaKind::video, MediaKind::audio, MediaKind::image, MediaKind::text,
                   MediaKind::document, MediaKind::archive, MediaKind::other}) {
        if (media_kind_name(k) == kind) f.kind = k;
    }
    f.mime_type = j.value("mime_type", "");
    f.format = j.value("format", "");
    f.size_bytes = j.value("size_bytes", std::uint64_t{0});
    if (j.contains("duration_seconds")) f.duration_seconds = j["duration_seconds"].get<double>();
    if (j.contains("video_codec")) f.video_codec = j["video_codec"].get<std::string>();
    if (j.contains("audio_codec")) f.audio_codec = j["audio_codec"].get<std::string>();
    if (j.contains("width")) f.width = j["width"].get<int>();
    if (j.contains("height")) f.height = j["height"].get<int>();
    if (j.contains("characters")) f.characters = j["characters"].get<std::int64_t>();
    return f;
}

}  // namespace wangju
