#include "domain/default_tracks.h"

namespace wangju {
namespace {

constexpr std::uint64_t MB = 1024 * 1024;

FormField text(std::string key, std::string label, bool required, bool multiline = false,
               std::optional<std::int64_t> min = std::nullopt,
               std::optional<std::int64_t> max = std::nullopt) {
    return {std::move(key), std::move(label), FormFieldType::text, required, multiline, min, max, {}};
}

FormField typed(std::string key, std::string label, FormFieldType type, bool required,
                std::vector<std::string> choices = {}) {
    return {std::move(key), std::move(label), type, required, false, std::nullopt, std::nullopt,
            std::move(choices)};
}

FormField contact() { return text("contact", "联系电话", true); }

Track songs() {
    Track t;
    t.code = "songs";
    t.name = "网络正能量歌曲征集";
    t.kinds = "音频或音乐视频";
    t.description = "原创歌曲,音频(MP3、AAC、WAV、FLAC)或音乐视频(MP4),时长不超过5分钟,须附歌词。";
    t.rules.files.formats = {"mp3", "aac", "wav", "flac", "mp4"};
    t.rules.files.max_duration_seconds = {{"audio", 300}, {"video", 300}};
    t.rules.files.max_size_bytes = 500 * MB;
    t.rules.files.min_files = 1;
    t.rules.fields = {text("lyrics", "歌词", true, true, std::nullopt, 3000), contact()};
    return t;
}

Track micro_videos() {
    Track t;
    t.code = "micro_videos";
    t.name = "网络正能量微视频征集";
    t.kinds = "视频";
    t.description = "MP4格式(H.264/H.265编码),时长不超过5分钟,分辨率不低于720p,大小不超过500MB。";
    t.rules.files.formats = {"mp4"};
    t.rules.files.video_codecs = {"h264", "hevc"};
    t.rules.files.max_duration_seconds = {{"video", 300}};
    t.rules.files.min_short_side = 720;
    t.rules.files.max_size_bytes = 500 * MB;
    t.rules.files.min_files = 1;
    t.rules.fields = {text("synopsis", "作品简介", true, true, std::nullopt, 300), contact()};
    return t;
}

Track photography() {
    Track t;
    t.code = "photography";
    t.name = "网络正能量摄影作品征集";
    t.kinds = "单幅照片或组照";
    t.description = "JPEG格式,组照不少于4幅,每幅不小于2MB;须注明作品名称、作者、单位、联系方式、拍摄时间和地点。";
    t.rules.files.formats = {"jpeg"};
    t.rules.files.min_size_bytes = 2 * MB;
    t.rules.files.max_size_bytes = 50 * MB;
    t.rules.files.min_files = 1;
    t.rules.files.max_files = 20;
    t.rules.fields = {typed("set", "单幅或组照", FormFieldType::choice, true, {"单幅", "组照"}),
                      typed("shot_on", "拍摄时间", FormFieldType::date, true),
                      text("shot_at", "拍摄地点", true), contact()};
    return t;
}

Track recitation() {
    Track t;
    t.code = "recitation";
    t.name = "网络正能量诵读作品征集";
    t.kinds = "视频";
    t.description = "朗诵不超过3分钟,讲述不超过4分钟,演讲不超过5分钟,MP4格式。";
    t.rules.files.formats = {"mp4"};
    t.rules.files.max_duration_seconds = {{"video", 300}};
    t.rules.files.duration_field = "form";
    t.rules.files.duration_by_choice = {{"朗诵", 180}, {"讲述", 240}, {"演讲", 300}};
    t.rules.files.max_size_bytes = 500 * MB;
    t.rules.files.min_files = 1;
    t.rules.fields = {typed("form", "诵读形式", FormFieldType::choice, true, {"朗诵", "讲述", "演讲"}),
                      contact()};
    return t;
}

Track influencers() {
    Track t;
    t.code = "influencers";
    t.name = "正能量职工网络达人征集";
    t.kinds = "个人简介";
    t.description = "职工网络达人的个人简介、网络账号、粉丝数及代表作品链接。";
    t.rules.files.formats = {"jpeg", "png"};
    t.rules.files.max_files = 5;
    t.rules.files.max_size_bytes = 20 * MB;
    t.rules.fields = {text("profile", "个人简介", true, true, std::nullopt, 1000),
                      text("accounts", "网络账号", true),
                      typed("followers", "粉丝数", FormFieldType::number, true),
                      typed("sample_link", "代表作品链接", FormFieldType::link, true), contact()};
    return t;
}

Track commentary() {
    Track t;
    t.code = "commentary";
    t.name = "优秀网评文章征集";
    t.kinds = "文章、漫画、音频或视频";
    t.description = "网评文章500至1400字;或漫画(JPG)、音频(不超过3分钟)、视频(不超过4分钟)。";
    t.rules.files.formats = {"txt", "docx", "jpeg", "mp3", "mp4"};
    t.rules.files.min_characters = 500;
    t.rules.files.max_characters = 1400;
    t.rules.files.max_duration_seconds = {{"audio", 180}, {"video", 240}};
    t.rules.files.max_size_bytes = 300 * MB;
    t.rules.files.min_files = 1;
    t.rules.fields = {typed("published_link", "发表链接", FormFieldType::link, false), contact()};
    return t;
}

Track platforms() {
    Track t;
    t.code = "platforms";
    t.name = "“互联网+工会”普惠服务优秀平台征集";
    t.kinds = "服务平台";
    t.description = "平台介绍、网址或小程序名称、截图及使用数据。";
    t.rules.files.formats = {"jpeg", "png", "pdf"};
    t.rules.files.max_files = 10;
    t.rules.files.max_size_bytes = 20 * MB;
    t.rules.fields = {text("introduction", "平台介绍", true, true, std::nullopt, 2000),
                      text("address", "网址或小程序名称", true),
                      typed("users", "注册用户数", FormFieldType::number, false), contact()};
    return t;
}

Track accounts() {
    Track t;
    t.code = "accounts";
    t.name = "网络正能量新媒体账号征集";
    t.kinds = "新媒体账号";
    t.description = "平台(微信、微博、短视频、其他)、账号、粉丝数及代表作品。";
    t.rules.files.formats = {"jpeg", "png"};
    t.rules.files.max_files = 5;
    t.rules.files.max_size_bytes = 20 * MB;
    t.rules.fields = {typed("platform", "平台", FormFieldType::choice, true, {"微信", "微博", "短视频", "其他"}),
                      text("account_id", "账号", true),
                      typed("followers", "粉丝数", FormFieldType::number, true),
                      typed("sample_link", "代表作品链接", FormFieldType::link, false), contact()};
    return t;
}

Track cases() {
    Track t;
    t.code = "rights_cases";
    t.name = "“互联网+工会”维权服务案例征集";
    t.kinds = "案例";
    t.description = "案例叙述,写明所用平台、维权结果,可附材料。";
    t.rules.files.formats = {"jpeg", "png", "pdf", "docx"};
    t.rules.files.max_files = 10;
    t.rules.files.max_size_bytes = 50 * MB;
    t.rules.fields = {text("narrative", "案例叙述", true, true, 300, 3000),
                      text("platform", "所用平台", true), text("outcome", "维权结果", true), contact()};
    return t;
}

Track activities() {
    Track t;
    t.code = "activities";
    t.name = "网络正能量创新活动征集";
    t.kinds = "活动";
    t.description = "活动介绍、照片或视频、活动成效。";
    t.rules.files.formats = {"jpeg", "png", "mp4"};
    t.rules.files.max_files = 10;
    t.rules.files.max_duration_seconds = {{"video", 300}};
    t.rules.files.max_size_bytes = 500 * MB;
    t.rules.fields = {text("description", "活动介绍", true, true, std::nullopt, 2000),
                      typed("held_on", "活动日期", FormFieldType::date, true),
                      text("results", "活动成效", true, true, std::nullopt, 1000), contact()};
    return t;
}

}  // namespace

std::vector<Track> default_tracks() {
    std::vector<Track> tracks = {songs(),     micro_videos(), photography(), recitation(),
                                 influencers(), commentary(), platforms(),   accounts(),
                                 cases(),     activities()};
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        tracks[i].number = static_cast<int>(i + 1);
        tracks[i].contacts = {{"于国锋", "65309739"}, {"翟哲", "25275642"}};
        tracks[i].rules.per_person_limit = 3;
        tracks[i].rules.per_unit_limit = 20;
    }
    return tracks;
}

}  // namespace wangju
