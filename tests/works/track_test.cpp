// Tracks, their rules as data, form fields and the validation of submitted values.
#include <gtest/gtest.h>

#include "domain/default_tracks.h"
#include "domain/error.h"
#include "domain/track.h"
#include "domain/work.h"

namespace wangju {
namespace {

Track track(const std::string& code) {
    for (auto& t : default_tracks()) {
        if (t.code == code) return t;
    }
    throw std::logic_error("no track " + code);
}

Error error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error thrown";
    return Error(ErrorKind::invalid_input, "");
}

TEST(Tracks, TheTenDefaultTracksFollowTheNotice) {
    auto tracks = default_tracks();
    ASSERT_EQ(tracks.size(), 10u);
    EXPECT_EQ(tracks[0].name, "网络正能量歌曲征集");
    EXPECT_EQ(tracks[9].name, "网络正能量创新活动征集");
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        EXPECT_EQ(tracks[i].number, static_cast<int>(i + 1));
        EXPECT_NO_THROW(check_track(tracks[i])) << tracks[i].code;
    }
    EXPECT_EQ(track("micro_videos").rules.files.max_duration_seconds.at("video"), 300);
    EXPECT_EQ(track("micro_videos").rules.files.min_short_side, 720);
    EXPECT_EQ(track("commentary").rules.files.min_characters, 500);
    EXPECT_EQ(track("commentary").rules.files.max_characters, 1400);
}

TEST(Tracks, RulesSurviveTheirJsonForm) {
    for (const auto& t : default_tracks()) {
        auto back = track_rules_from_json(to_json(t.rules));
        EXPECT_EQ(to_json(back), to_json(t.rules)) << t.code;
    }
}

TEST(Tracks, BadRulesAreRefusedNamingThePart) {
    auto e = error_of([] {
        track_rules_from_json({{"fields", {{{"key", "x"}, {"label", "甲"}, {"type", "colour"}}}}});
    });
    EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
    EXPECT_TRUE(e.fields().count("fields[0].type"));
    e = error_of([] { track_rules_from_json({{"files", {{"max_size_bytes", -5}}}}); });
    EXPECT_EQ(e.fields().begin()->first, "files.max_size_bytes");
    e = error_of([] { track_rules_from_json({{"files", {{"min_files", 4}, {"max_files", 2}}}}); });
    EXPECT_EQ(e.fields().at("files.max_files"), "文件数上限不能小于下限");
    e = error_of([] {
        track_rules_from_json({{"fields", {{{"key", "a"}, {"label", "甲"}, {"type", "choice"}}}}});
    });
    EXPECT_EQ(e.fields().at("fields[0].choices"), "选择题至少要有一个选项");
    e = error_of([] { track_rules_from_json({{"files", {{"duration_field", "nope"}}}}); });
    EXPECT_TRUE(e.fields().count("files.duration_field"));
}

TEST(FormValues, RequiredFieldsMustBeFilled) {
    auto e = error_of([] { check_form_values(track("photography").rules.fields, {}); });
    EXPECT_EQ(e.fields().at("shot_on"), "请填写拍摄时间");
    EXPECT_EQ(e.fields().at("set"), "请填写单幅或组照");
}

TEST(FormValues, EachTypeIsChecked) {
    const auto fields = track("influencers").rules.fields;
    std::map<std::string, std::string> good = {{"profile", "简介"},
                                               {"accounts", "抖音 @zhang"},
                                               {"followers", "12000"},
                                               {"sample_link", "https://example.cn/v/1"},
                                               {"contact", "13800000000"},
                                               {"stranger", "dropped"}};
    auto kept = check_form_values(fields, good);
    EXPECT_EQ(kept.at("followers"), "12000");
    EXPECT_FALSE(kept.count("stranger"));
    auto bad = good;
    bad["followers"] = "很多";
    bad["sample_link"] = "javascript:alert(1)";
    auto e = error_of([&] { check_form_values(fields, bad); });
    EXPECT_EQ(e.fields().at("followers"), "粉丝数应为数字");
    EXPECT_EQ(e.fields().at("sample_link"), "代表作品链接应为以 http:// 或 https:// 开头的网址");
    const auto photo_fields = track("photography").rules.fields;
    e = error_of([&] {
        check_form_values(photo_fields, {{"set", "三联"}, {"shot_on", "2023-13-01"},
                                         {"shot_at", "泰达"}, {"contact", "1"}});
    });
    EXPECT_EQ(e.fields().at("set"), "单幅或组照应为所列选项之一");
    EXPECT_EQ(e.fields().at("shot_on"), "拍摄时间应为日期,格式为YYYY-MM-DD");
}

TEST(FormValues, TextLengthIsCountedInCharacters) {
    FormField article{"text", "正文", FormFieldType::text, true, true, 500, 1400, {}};
    std::string text;
    for (int i = 0; i < 499; ++i) text += "字";
    auto e = error_of([&] { check_form_values({article}, {{"text", text}}); });
    EXPECT_EQ(e.fields().at("text"), "正文应不少于 500 字(现为 499 字)");
    text += "字";
    EXPECT_NO_THROW(check_form_values({article}, {{"text", text}}));
}

TEST(WorkContent, TitleAndAuthorsAreRequiredAndTrimmed) {
    auto t = track("songs");
    auto e = error_of([&] { checked_content(t, {" ", "", {{"lyrics", "词"}, {"contact", "1"}}, {}}); });
    EXPECT_EQ(e.fields().at("title"), "请填写作品名称");
    EXPECT_EQ(e.fields().at("authors"), "请填写作者");
    auto ok = checked_content(t, {" 奋进 ", "张伟", {{"lyrics", "词"}, {"contact", "1"}}, {}});
    EXPECT_EQ(ok.title, "奋进");
}

}  // namespace
}  // namespace wangju
