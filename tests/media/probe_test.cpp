// Probing real files made by ffmpeg: what the track rules are checked against, and refusals of
// files whose content is no accepted kind or is damaged.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "media/child_process.h"
#include "media/probe.h"
#include "support/media_samples.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

class Probe : public TempDirTest {
  protected:
    // The refusal's message, or "" when the file was accepted.
    std::string refusal(const std::filesystem::path& path) {
        try {
            media::probe(path);
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
            return error.message();
        }
        return "";
    }
};

TEST_F(Probe, MeasuresAnH264VideoWithSound) {
    auto facts = media::probe(make_video(dir, "clip.mp4", 2, "320x240"));
    EXPECT_EQ(facts.kind, MediaKind::video);
    EXPECT_EQ(facts.format, "mp4");
    EXPECT_EQ(facts.mime_type, "video/mp4");
    EXPECT_EQ(facts.video_codec, "h264");
    EXPECT_EQ(facts.audio_codec, "aac");
    EXPECT_EQ(facts.width, 320);
    EXPECT_EQ(facts.height, 240);
    ASSERT_TRUE(facts.duration_seconds);
    EXPECT_NEAR(*facts.duration_seconds, 2.0, 0.1);
    EXPECT_GT(facts.size_bytes, 0u);
}

TEST_F(Probe, TellsAnMpeg4VideoFromAnH264One) {
    auto facts = media::probe(make_video(dir, "old.mp4", 1, "176x144", "mpeg4"));
    EXPECT_EQ(facts.kind, MediaKind::video);
    EXPECT_EQ(facts.video_codec, "mpeg4");
}

TEST_F(Probe, MeasuresTooShortAndTooSmallVideosAsTheyAre) {
    auto facts = media::probe(make_video(dir, "tiny.mp4", 0.4, "64x48"));
    EXPECT_EQ(facts.width, 64);
    EXPECT_EQ(facts.height, 48);
    ASSERT_TRUE(facts.duration_seconds);
    EXPECT_LT(*facts.duration_seconds, 1.0);
}

TEST_F(Probe, SoundOnlyIsAudio) {
    auto path = make_sample(dir, "song.m4a",
                            {"-f", "lavfi", "-i", "sine=frequency=300:duration=1.5", "-c:a", "aac"});
    auto facts = media::probe(path);
    EXPECT_EQ(facts.kind, MediaKind::audio);
    EXPECT_EQ(facts.audio_codec, "aac");
    EXPECT_FALSE(facts.width);
    EXPECT_NEAR(facts.duration_seconds.value_or(0), 1.5, 0.1);
}

TEST_F(Probe, MeasuresPictures) {
    auto png = media::probe(make_image(dir, "photo.png", "200x100"));
    EXPECT_EQ(png.kind, MediaKind::image);
    EXPECT_EQ(png.format, "png");
    EXPECT_EQ(png.width, 200);
    EXPECT_EQ(png.height, 100);
    EXPECT_FALSE(png.duration_seconds);
    auto jpeg = media::probe(make_image(dir, "photo.jpg", "640x480"));
    EXPECT_EQ(jpeg.format, "jpeg");
    EXPECT_EQ(jpeg.width, 640);
}

// Every container and picture format the tracks may accept, as ffmpeg writes it, is told by its
// content, and a name browsers know is kept for it.
TEST_F(Probe, TellsEveryAcceptedFormatByItsContent) {
    const std::vector<std::string> video = {"-f", "lavfi", "-i",
                                            "testsrc=size=320x240:rate=25:duration=2"};
    const std::vector<std::string> sound = {"-f", "lavfi", "-i", "sine=frequency=300:duration=2"};
    const std::vector<std::string> picture = {"-f",        "lavfi", "-i", "testsrc=size=64x48",
                                              "-frames:v", "1"};
    auto with = [](std::vector<std::string> input, std::vector<std::string> codec) {
        input.insert(input.end(), codec.begin(), codec.end());
        return input;
    };
    struct Sample {
        std::string name;
        std::vector<std::string> args;
        MediaKind kind;
        std::string format, mime_type;
    };
    const std::vector<Sample> samples = {
        {"a.webm", with(video, {"-c:v", "libvpx"}), MediaKind::video, "webm", "video/webm"},
        {"a.mkv", with(video, {"-c:v", "mpeg4"}), MediaKind::video, "mkv", "video/x-matroska"},
        {"a.avi", with(video, {"-c:v", "mjpeg"}), MediaKind::video, "avi", "video/x-msvideo"},
        {"a.flv", with(video, {"-c:v", "flv1"}), MediaKind::video, "flv", "video/x-flv"},
        {"a.mpg", with(video, {"-c:v", "mpeg1video", "-f", "mpeg"}), MediaKind::video, "mpeg",
         "video/mpeg"},
        {"a.3gp", with(video, {"-c:v", "mpeg4", "-s", "176x144"}), MediaKind::video, "3gp",
         "video/3gpp"},
        {"a.mov", with(video, {"-c:v", "mpeg4"}), MediaKind::video, "mov", "video/quicktime"},
        {"a.mp3", with(sound, {"-c:a", "libmp3lame"}), MediaKind::audio, "mp3", "audio/mpeg"},
        {"a.wav", sound, MediaKind::audio, "wav", "audio/x-wav"},
        {"a.flac", sound, MediaKind::audio, "flac", "audio/flac"},
        {"a.ogg", with(sound, {"-c:a", "libvorbis"}), MediaKind::audio, "ogg", "audio/ogg"},
        {"a.aac", with(sound, {"-c:a", "aac", "-f", "adts"}), MediaKind::audio, "aac", "audio/aac"},
        {"a.gif", picture, MediaKind::image, "gif", "image/gif"},
        {"a.webp", picture, MediaKind::image, "webp", "image/webp"},
        {"a.bmp", picture, MediaKind::image, "bmp", "image/bmp"},
    };
    for (const auto& sample : samples) {
        SCOPED_TRACE(sample.name);
        MediaFacts facts;
        ASSERT_NO_THROW(facts = media::probe(make_sample(dir, sample.name, sample.args)));
        EXPECT_EQ(facts.kind, sample.kind);
        EXPECT_EQ(facts.format, sample.format);
        EXPECT_EQ(facts.mime_type, sample.mime_type);
    }
}

TEST_F(Probe, RefusesAProgramRenamedToAVideo) {
    auto renamed = dir / "video.mp4";
    std::filesystem::copy_file("/bin/true", renamed);
    EXPECT_NE(refusal(renamed).find("无法识别文件内容"), std::string::npos);
}

TEST_F(Probe, RefusesATruncatedVideo) {
    auto path = make_video(dir, "cut.mp4", 2, "320x240");
    auto bytes = read_all(path);
    write_all(path, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(refusal(path).find("已损坏或不完整"), std::string::npos);
}

// An export or copy cut off: the index is at the front (as phones and editors write MP4 for the
// web), so the header still says 6 s, 640×360, H.264 while half the data is gone.
std::filesystem::path front_indexed_video(const std::filesystem::path& dir, const std::string& name) {
    return make_sample(dir, name,
                       {"-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=6", "-f",
                        "lavfi", "-i", "sine=frequency=440:duration=6", "-c:v", "libx264",
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags",
                        "+faststart"});
}

TEST_F(Probe, AcceptsAWholeVideoWithItsIndexInFront) {
    EXPECT_EQ(refusal(front_indexed_video(dir, "whole.mp4")), "");
}

TEST_F(Probe, RefusesAVideoWithItsIndexInFrontCutOffHalfway) {
    const auto path = front_indexed_video(dir, "cut.mp4");
    const auto bytes = read_all(path);
    write_all(path, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(refusal(path).find("视频文件不完整:部分数据已损坏或缺失"), std::string::npos)
        << refusal(path);
}

// Cut exactly where one packet ends and the next would begin: every packet that is there is
// whole, but the video ends at about half of the 6 s its header gives.
TEST_F(Probe, RefusesAVideoCutOffBetweenTwoPackets) {
    const auto path = front_indexed_video(dir, "boundary.mp4");
    const auto packets = media::run_process(
        {"ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pos,size",
         "-of", "csv=p=0", path.string()},
        std::chrono::seconds(60));
    ASSERT_EQ(packets.exit_code, 0) << packets.err;
    std::vector<std::pair<long long, long long>> ends;  // (pos + size) of each video packet
    std::istringstream lines(packets.out);
    for (std::string line; std::getline(lines, line);) {
        const auto comma = line.find(',');
        if (comma == std::string::npos) continue;
        const long long size = std::stoll(line.substr(0, comma));
        const long long pos = std::stoll(line.substr(comma + 1));
        ends.push_back({pos + size, pos});
    }
    ASSERT_GT(ends.size(), 100u);
    std::sort(ends.begin(), ends.end());
    const long long cut = ends[ends.size() / 2].first;
    const auto bytes = read_all(path);
    write_all(path, bytes.substr(0, static_cast<std::size_t>(cut)));
    const std::string reason = refusal(path);
    EXPECT_NE(reason.find("视频文件不完整:文件头标明时长 6.0 秒,实际只有"), std::string::npos)
        << reason;
}

TEST_F(Probe, RefusesAMatroskaVideoCutOffHalfway) {
    const auto path = make_video(dir, "clip.mkv", 6, "320x240");
    const auto bytes = read_all(path);
    write_all(path, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(refusal(path).find("视频文件不完整"), std::string::npos) << refusal(path);
}

// Checking that a video is whole reads all of it once, when its upload completes (a Matroska file's
// index places only some of its packets); it is read past the page cache, so that a large upload
// does not fill the cache with pages no one reads again.
TEST_F(Probe, AVideoCheckedWholeIsReadPastThePageCache) {
    if (!cache_can_drop(dir)) GTEST_SKIP() << dir << " keeps every file in memory (tmpfs)";
    auto path = make_sample(dir, "large.mkv",
                            {"-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-frames:v",
                             "600", "-c:v", "mjpeg", "-q:v", "1"});
    const auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 32u << 20) << "the sample is too small to show where it was read";
    drop_from_cache(path);  // as an upload's file is when it completes
    ASSERT_LT(cached_bytes(path), size / 10);

    auto facts = media::probe(path);

    EXPECT_EQ(facts.kind, MediaKind::video);
    EXPECT_NEAR(*facts.duration_seconds, 24.0, 0.1);
    // Telling the kind of file reads its first megabytes through the cache (with the disk's
    // read-ahead, up to 16 MB here); the check reads the rest past it.
    EXPECT_LT(cached_bytes(path), size / 2) << "of " << size << " bytes read";
}

// Probes `path`, a large video `seconds` long, and expects its check to have read less than a
// quarter of it.
void expect_checked_reading_little(const std::filesystem::path& path, double seconds) {
    const auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 32u << 20) << "the sample is too small to show what was read";

    const auto before = bytes_read_so_far();
    const auto facts = media::probe(path);
    const auto read = bytes_read_so_far() - before;

    EXPECT_EQ(facts.kind, MediaKind::video);
    EXPECT_NEAR(facts.duration_seconds.value_or(0), seconds, 0.1);
    EXPECT_LT(read, size / 4) << read << " of " << size << " bytes read";
}

// An MP4's index says where every sample lies: the check that it is whole reads the index, not
// the samples, whether the index is at the front or at the end.
TEST_F(Probe, AnMp4IsCheckedByItsIndexWithoutReadingItsSamples) {
    for (const bool index_in_front : {false, true}) {
        SCOPED_TRACE(index_in_front ? "index in front" : "index at the end");
        std::vector<std::string> args = {
            "-f",   "lavfi", "-i",       "testsrc2=size=1280x720:rate=25:duration=30",
            "-f",   "lavfi", "-i",       "sine=frequency=440:duration=30",
            "-c:v", "mpeg4", "-q:v",     "1",
            "-c:a", "aac",   "-shortest"};
        if (index_in_front) args.insert(args.end(), {"-movflags", "+faststart"});
        const auto path = make_sample(dir, index_in_front ? "front.mp4" : "end.mp4", args);
        expect_checked_reading_little(path, 30.0);
    }
}

// A fragmented MP4 (as live recorders write it) indexes its samples only fragment by fragment,
// so it is read whole: cut off halfway, it is refused.
TEST_F(Probe, RefusesAFragmentedMp4CutOffHalfway) {
    const auto path = make_sample(
        dir, "fragments.mp4",
        {"-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=6", "-f", "lavfi", "-i",
         "sine=frequency=440:duration=6", "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-shortest", "-movflags", "frag_keyframe+empty_moov"});
    EXPECT_EQ(refusal(path), "");
    const auto bytes = read_all(path);
    write_all(path, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(refusal(path).find("视频文件不完整"), std::string::npos) << refusal(path);
}

// An AVI's index (idx1, and the OpenDML tables) places every chunk: with its sound in bytes (PCM)
// or in frames (MP3), or without sound, the check reads the index, not the packets.
TEST_F(Probe, AnAviIsCheckedByItsIndexWithoutReadingItsPackets) {
    for (const std::string sound : {"", "pcm_s16le", "libmp3lame"}) {
        SCOPED_TRACE(sound.empty() ? "no sound" : sound);
        std::vector<std::string> args = {"-f", "lavfi", "-i",
                                         "testsrc2=size=1280x720:rate=25:duration=24"};
        if (!sound.empty())
            args.insert(args.end(),
                        {"-f", "lavfi", "-i", "sine=frequency=440:duration=24", "-c:a", sound});
        args.insert(args.end(), {"-c:v", "mjpeg", "-q:v", "1"});
        const auto path = make_sample(dir, "clip.avi", args);
        expect_checked_reading_little(path, 24.0);
    }
}

// A small AVI: a test picture `picture_seconds` long in `codec`, and an MP3 sine `sound_seconds`
// long.
std::filesystem::path small_avi(const std::filesystem::path& dir, const std::string& name,
                                const std::string& codec, int picture_seconds, int sound_seconds) {
    return make_sample(
        dir, name,
        {"-f", "lavfi", "-i",
         "testsrc=size=320x240:rate=25:duration=" + std::to_string(picture_seconds), "-f", "lavfi",
         "-i", "sine=frequency=440:duration=" + std::to_string(sound_seconds), "-c:v", codec,
         "-c:a", "libmp3lame"});
}

// Cut off halfway, an AVI has lost its index at the end (and the OpenDML tables in its header
// place chunks past the end): it is read, and the chunk cut short refuses it.
TEST_F(Probe, RefusesAnAviCutOffHalfway) {
    const auto path = small_avi(dir, "cut.avi", "mpeg4", 6, 6);
    EXPECT_EQ(refusal(path), "");
    const auto bytes = read_all(path);
    write_all(path, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(refusal(path).find("视频文件不完整:部分数据已损坏或缺失"), std::string::npos)
        << refusal(path);
}

// Where the sound goes on after the picture ends, the picture's index does not reach the header's
// duration: the packets are read, and the sound's reach the whole length.
TEST_F(Probe, AcceptsAnAviWhoseSoundOutlastsItsPicture) {
    const auto path = small_avi(dir, "long-sound.avi", "mjpeg", 2, 6);
    EXPECT_EQ(refusal(path), "");
    EXPECT_NEAR(media::probe(path).duration_seconds.value_or(0), 6.0, 0.1);
}

TEST_F(Probe, RefusesAnEmptyFile) {
    write_all(dir / "empty.txt", "");
    EXPECT_NE(refusal(dir / "empty.txt").find("空"), std::string::npos);
}

TEST_F(Probe, CountsTheCharactersOfUtf8AndGb18030Text) {
    std::string essay;
    for (int i = 0; i < 50; ++i) essay += "网聚职工正能量 争做中国好网民\n";  // 14 characters a line
    write_all(dir / "essay.txt", essay);
    auto facts = media::probe(dir / "essay.txt");
    EXPECT_EQ(facts.kind, MediaKind::text);
    EXPECT_EQ(facts.characters, 700);
    auto converted = media::run_process(
        {"iconv", "-f", "UTF-8", "-t", "GB18030", (dir / "essay.txt").string()},
        std::chrono::seconds(10));
    ASSERT_EQ(converted.exit_code, 0);
    write_all(dir / "gb.txt", converted.out);
    EXPECT_EQ(media::probe(dir / "gb.txt").characters, 700);
}

TEST_F(Probe, CountsTheCharactersOfAWordDocument) {
    std::filesystem::create_directories(dir / "docx" / "word");
    write_all(dir / "docx" / "[Content_Types].xml",
              R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
              R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)");
    write_all(dir / "docx" / "word" / "document.xml",
              R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
              R"(<w:body><w:p><w:r><w:t>网聚职工</w:t></w:r><w:r><w:t xml:space="preserve"> 正能量</w:t></w:r></w:p>)"
              R"(<w:p><w:r><w:t>Good 网民</w:t></w:r></w:p></w:body></w:document>)");
    auto zipped = media::run_process({"sh", "-c",
                                      "cd '" + (dir / "docx").string() +
                                          "' && zip -q -X ../essay.docx '[Content_Types].xml' "
                                          "word/document.xml"},
                                     std::chrono::seconds(10));
    ASSERT_EQ(zipped.exit_code, 0) << zipped.err;
    auto facts = media::probe(dir / "essay.docx");
    EXPECT_EQ(facts.format, "docx");
    EXPECT_EQ(facts.kind, MediaKind::document);
    EXPECT_EQ(facts.characters, 13);  // 网聚职工 正能量 Good 网民, spaces not counted
}

}  // namespace
}  // namespace wangju::testing
