#include "web/exhibition/exhibition_views.h"

namespace wangju::web::exhibition {

std::string file_url(const std::string& sha256) {
    return "/exhibition/files/" + sha256;
}
std::string preview_url(const std::string& sha256) {
    return file_url(sha256) + "/preview";
}

nlohmann::json award_json(const GalleryItem& item) {
    const auto& a = item.award;
    nlohmann::json j = {
        {"id", a.id.value},
        {"work_id", a.work.value},
        {"title", a.title},
        {"authors", a.authors},
        {"tier", a.tier},
        {"rank", a.rank},
        {"track",
         {{"code", item.track.code}, {"name", item.track.name}, {"number", item.track.number}}},
        {"unit", {{"code", item.work_unit.code}, {"name", item.work_unit.name}}},
        {"judging_unit", {{"code", item.judging_unit.code}, {"name", item.judging_unit.name}}},
        {"published_at", format_utc(a.published_at)},
        {"url", "/exhibition/works/" + std::to_string(a.work.value)},
        {"cover", nullptr}};
    if (item.cover) j["cover"] = preview_url(item.cover->sha256);
    return j;
}

}  // namespace wangju::web::exhibition
