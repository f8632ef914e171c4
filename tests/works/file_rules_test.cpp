// Every rule check of a work's files, over measured MediaFacts, with the messages a worker reads.
#include <gtest/gtest.h>

#include "domain/default_tracks.h"
#include "domain/error.h"
#include "domain/work_file_rules.h"

namespace wangju {
namespace {

constexpr std::uint64_t MB = 1024 * 1024;

Track track(const std::string& code) {
    for (auto& t : default_tracks()) {
        if (t.code == code) return t;
    }
    throw std::logic_error("no track " + code);
}

MediaFacts video(double seconds, int width = 1920, int height = 1080, std::string codec = "h264") {
    MediaFacts f;
    f.kind = MediaKind::video;
    f.mime_type = "video/mp4";
    f.format = "mp4";
    f.size_bytes = 80 * MB;
    f.duration_seconds = seconds;
    f.video_codec = codec;
    f.width = width;
    f.height = height;
    return f;
}

MediaFacts photo(std::uint64_t size) {
    MediaFacts f;
    f.kind = MediaKind::image;
    f.mime_type = "image/jpeg";
    f.format = "jpeg";
    f.size_bytes = size;
    f.width = 4000;
    f.height = 3000;
    return f;
}

std::vector<std::string> messages(const std::vector<RuleViolation>& v) {
    std::vector<std::string> out;
    for (const auto& x : v) out.push_back(x.message);
    return out;
}

TEST(FileRules, VideoWithinEveryLimitIsAccepted) {
    EXPECT_TRUE(check_file(track("micro_videos").rules.files, video(299.6)).empty());
}

TEST(FileRules, TooLongVideoNamesMeasuredDurationAndLimit) {
    auto v = check_file(track("micro_videos").rules.files, video(372.2));
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, "max_duration");
    EXPECT_EQ(v[0].message, "视频时长 6分12秒, 超过本项目上限 5分钟");
}

TEST(FileRules, DurationIsComparedInWholeSecondsAsAPlayerShowsThem) {
    const auto& rules = track("micro_videos").rules.files;
    EXPECT_TRUE(check_file(rules, video(300.4)).empty());
    auto v = check_file(rules, video(300.6));
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "视频时长 5分1秒, 超过本项目上限 5分钟");
}

TEST(FileRules, FormatIsCheckedByContentAndListsAcceptedFormats) {
    MediaFacts f = video(60);
    f.format = "mov";
    f.mime_type = "video/quicktime";
    auto v = check_file(track("micro_videos").rules.files, f);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, "format");
    EXPECT_EQ(v[0].message, "文件格式 MOV, 不在本项目接受的格式之内(MP4)");
}

TEST(FileRules, UnknownContentIsRefusedAsUnrecognised) {
    MediaFacts f;
    auto v = check_file(track("photography").rules.files, f);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "文件格式 无法识别, 不在本项目接受的格式之内(JPEG)");
}

TEST(FileRules, VideoCodecMustBeAccepted) {
    auto v = check_file(track("micro_videos").rules.files, video(60, 1920, 1080, "mpeg4"));
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, "video_codec");
    EXPECT_EQ(v[0].message, "视频编码 MPEG4, 不在本项目接受的编码之内(H.264、H.265)");
    EXPECT_TRUE(check_file(track("micro_videos").rules.files, video(60, 1920, 1080, "hevc")).empty());
}

TEST(FileRules, LowResolutionUsesTheShorterSideSoPortraitVideoPasses) {
    const auto& rules = track("micro_videos").rules.files;
    auto v = check_file(rules, video(60, 1280, 540));
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "视频分辨率 1280×540, 低于本项目要求(短边至少 720 像素)");
    EXPECT_TRUE(check_file(rules, video(60, 720, 1280)).empty());
}

TEST(FileRules, OversizedFileNamesBothSizes) {
    MediaFacts f = video(60);
    f.size_bytes = 612 * MB + 300 * 1024;
    auto v = check_file(track("micro_videos").rules.files, f);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "文件大小 612.3 MB, 超过本项目上限 500 MB");
}

TEST(FileRules, PhotoBelowMinimumSizeIsRefused) {
    const auto& rules = track("photography").rules.files;
    auto v = check_file(rules, photo(MB + MB / 2));
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, "min_size");
    EXPECT_EQ(v[0].message, "图片大小 1.5 MB, 低于本项目要求的 2 MB");
    EXPECT_TRUE(check_file(rules, photo(2 * MB)).empty());
}

TEST(FileRules, RecitationLimitDependsOnTheChosenForm) {
    const auto& rules = track("recitation").rules.files;
    auto v = check_file(rules, video(200), {{"form", "朗诵"}});
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "视频时长 3分20秒, 超过本项目“朗诵”上限 3分钟");
    EXPECT_TRUE(check_file(rules, video(200), {{"form", "讲述"}}).empty());
    EXPECT_EQ(messages(check_file(rules, video(290), {{"form", "讲述"}})),
              std::vector<std::string>{"视频时长 4分50秒, 超过本项目“讲述”上限 4分钟"});
    EXPECT_TRUE(check_file(rules, video(290), {{"form", "演讲"}}).empty());
}

TEST(FileRules, CommentaryAudioAndVideoHaveTheirOwnLimits) {
    const auto& rules = track("commentary").rules.files;
    MediaFacts audio;
    audio.kind = MediaKind::audio;
    audio.format = "mp3";
    audio.duration_seconds = 185;
    EXPECT_EQ(messages(check_file(rules, audio)),
              std::vector<std::string>{"音频时长 3分5秒, 超过本项目上限 3分钟"});
    EXPECT_TRUE(check_file(rules, video(230)).empty());
}

TEST(FileRules, ArticleLengthIsCountedInCharacters) {
    const auto& rules = track("commentary").rules.files;
    MediaFacts doc;
    doc.kind = MediaKind::document;
    doc.format = "docx";
    doc.characters = 430;
    EXPECT_EQ(messages(check_file(rules, doc)),
              std::vector<std::string>{"文章字数 430 字, 少于本项目下限 500 字"});
    doc.characters = 1401;
    EXPECT_EQ(messages(check_file(rules, doc)),
              std::vector<std::string>{"文章字数 1401 字, 超过本项目上限 1400 字"});
    doc.characters = 1400;
    EXPECT_TRUE(check_file(rules, doc).empty());
    doc.characters.reset();
    EXPECT_EQ(check_file(rules, doc).at(0).rule, "unmeasured");
}

TEST(FileRules, VideoWhoseDurationCouldNotBeMeasuredIsRefused) {
    MediaFacts f = video(60);
    f.duration_seconds.reset();
    auto v = check_file(track("micro_videos").rules.files, f);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message, "无法读取视频时长,请检查文件是否完整");
}

TEST(FileRules, SeveralBrokenRulesAreAllNamed) {
    MediaFacts f = video(400, 640, 360, "h264");
    f.size_bytes = 600 * MB;
    auto v = check_file(track("micro_videos").rules.files, f);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0].rule, "max_size");
    EXPECT_EQ(v[1].rule, "max_duration");
    EXPECT_EQ(v[2].rule, "min_short_side");
    try {
        require_no_violations(v);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.message(),
                  "文件大小 600 MB, 超过本项目上限 500 MB;视频时长 6分40秒, 超过本项目上限 5分钟;"
                  "视频分辨率 640×360, 低于本项目要求(短边至少 720 像素)");
    }
}

TEST(FileRules, PhotoSetNeedsItsMinimumNumberOfFiles) {
    FileRules rules = track("photography").rules.files;
    rules.min_files = 4;
    EXPECT_EQ(messages(check_file_count(rules, 2)),
              std::vector<std::string>{"本项目每件作品至少需要 4 个文件(现有 2 个)"});
    EXPECT_TRUE(check_file_count(rules, 4).empty());
    EXPECT_EQ(check_file_count(rules, 21).at(0).rule, "max_files");
}

TEST(FileRules, TrackWithoutFormatsTakesNoFiles) {
    FileRules rules;
    EXPECT_EQ(check_file(rules, photo(MB)).at(0).message, "本项目不接受上传文件");
}

TEST(FileRules, FactsSurviveTheirStoredJson) {
    MediaFacts f = video(61.5, 1280, 720, "hevc");
    f.audio_codec = "aac";
    auto back = media_facts_from_json(media_facts_json(f));
    EXPECT_EQ(back.kind, MediaKind::video);
    EXPECT_EQ(back.format, "mp4");
    EXPECT_EQ(back.duration_seconds, 61.5);
    EXPECT_EQ(back.video_codec, "hevc");
    EXPECT_EQ(back.audio_codec, "aac");
    EXPECT_EQ(back.width, 1280);
    EXPECT_FALSE(back.characters);
}

TEST(Durations, ReadAsAPersonWritesThem) {
    EXPECT_EQ(format_duration(372), "6分12秒");
    EXPECT_EQ(format_duration(300), "5分钟");
    EXPECT_EQ(format_duration(45), "45秒");
    EXPECT_EQ(format_duration(0), "0秒");
    EXPECT_EQ(format_size(500 * MB), "500 MB");
    EXPECT_EQ(format_size(2048), "2 KB");
}

}  // namespace
}  // namespace wangju
