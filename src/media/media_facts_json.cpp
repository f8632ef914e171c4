#include "media/media_facts_json.h"

#include <array>

namespace wangju::media {

namespace {

constexpr std::array<std::pair<MediaKind, std::string_view>, 7> kinds{{
    {MediaKind::video, "video"},
    {MediaKind::audio, "audio"},
    {MediaKind::image, "image"},
    {MediaKind::text, "text"},
    {MediaKind::document, "document"},
    {MediaKind::archive, "archive"},
    {MediaKind::other, "other"},
}};

template <class T>
void put(nlohmann::json& json, const char* name, const std::optional<T>& value) {
    if (value) json[name] = *value;
}

template <class T>
void get(const nlohmann::json& json, const char* name, std::optional<T>& value) {
    if (auto it = json.find(name); it != json.end() && !it->is_null()) value = it->get<T>();
}

}  // namespace

std::string_view kind_name(MediaKind kind) {
    for (const auto& [k, name] : kinds)
        if (k == kind) return name;
    return "other";
}

nlohmann::json to_json(const MediaFacts& facts) {
    nlohmann::json json = {{"kind", kind_name(facts.kind)},
                           {"mime_type", facts.mime_type},
                           {"format", facts.format},
                           {"size_bytes", facts.size_bytes}};
    put(json, "duration_seconds", facts.duration_seconds);
    put(json, "video_codec", facts.video_codec);
    put(json, "audio_codec", facts.audio_codec);
    put(json, "width", facts.width);
    put(json, "height", facts.height);
    put(json, "characters", facts.characters);
    return json;
}

MediaFacts facts_from_json(const nlohmann::json& json) {
    MediaFacts facts;
    auto kind = json.value("kind", std::string("other"));
    for (const auto& [k, name] : kinds)
        if (name == kind) facts.kind = k;
    facts.mime_type = json.value("mime_type", std::string());
    facts.format = json.value("format", std::string());
    facts.size_bytes = json.value("size_bytes", std::uint64_t{0});
    get(json, "duration_seconds", facts.duration_seconds);
    get(json, "video_codec", facts.video_codec);
    get(json, "audio_codec", facts.audio_codec);
    get(json, "width", facts.width);
    get(json, "height", facts.height);
    get(json, "characters", facts.characters);
    return facts;
}

}  // namespace wangju::media
