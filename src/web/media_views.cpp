#include "web/media_views.h"

#include "media/previews.h"

namespace wangju::web {

using Json = nlohmann::json;

namespace {

// "<url>/thumbnails/320 320w, ...": the browser picks the width the screen needs.
std::string srcset_of(const std::string& url) {
    std::string out;
    for (int width : media::thumbnail_widths) {
        if (!out.empty()) out += ", ";
        out += url;
        out += "/thumbnails/";
        out += std::to_string(width);
        out += ' ';
        out += std::to_string(width);
        out += 'w';
    }
    return out;
}

}  // namespace

Json work_media_json(const Work& work, const std::string& base) {
    Json videos = Json::array(), audios = Json::array(), photos = Json::array(),
         others = Json::array();
    int photo_number = 0;
    for (const auto& f : work.content.files) {
        const std::string url = base + f.sha256;
        switch (f.facts.kind) {
            case MediaKind::video:
                videos.push_back({{"src", url}, {"poster", url + "/preview"}, {"type", f.mime_type}});
                break;
            case MediaKind::audio:
                audios.push_back({{"src", url}, {"type", f.mime_type}});
                break;
            case MediaKind::image:
                ++photo_number;
                photos.push_back(
                    {{"full", url},
                     {"thumb", url + "/thumbnails/640"},
                     {"srcset", srcset_of(url)},
                     {"alt", work.content.title + " 第" + std::to_string(photo_number) + "张"},
                     {"number", photo_number},
                     {"anchor", "photo-" + std::to_string(photo_number)}});
                break;
            default:
                others.push_back({{"url", url}, {"name", f.filename}});
        }
    }
    return {{"videos", videos},         {"has_videos", !videos.empty()},
            {"audios", audios},         {"has_audios", !audios.empty()},
            {"photos", photos},         {"has_photos", !photos.empty()},
            {"photo_count", photo_number}, {"others", others},
            {"has_others", !others.empty()}};
}

std::optional<WorkFile> work_cover(const Work& work) {
    for (const auto& f : work.content.files) {
        if (f.facts.kind == MediaKind::video || f.facts.kind == MediaKind::image) return f;
    }
    return std::nullopt;
}

}  // namespace wangju::web
