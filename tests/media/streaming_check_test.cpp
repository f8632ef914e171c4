// Checking that a large video is whole while its upload's bytes arrive (media/streaming_check.h):
// over real HTTP, a Matroska video is checked without being read back at its completion, a cut one
// is refused as before, and after a restart the file is read at its completion; then the check
// on its own.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/error.h"
#include "media/probe.h"
#include "media/streaming_check.h"
#include "support/media_samples.h"
#include "upload_fixture.h"

namespace wangju::testing {
namespace {

// A Matroska video (Motion-JPEG at 720p, with sound) of `seconds`: about 1.7 MB a second.
std::filesystem::path matroska_video(const std::filesystem::path& dir, const std::string& name,
                                     int seconds) {
    const auto length = std::to_string(seconds);
    return make_sample(dir, name,
                       {"-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=" + length,
                        "-f", "lavfi", "-i", "sine=frequency=440:duration=" + length, "-c:v",
                        "mjpeg", "-q:v", "1", "-c:a", "libmp3lame"});
}

class StreamedUpload : public UploadTest {
  protected:
    void SetUp() override {
        max_size = 128 << 20;
        UploadTest::SetUp();
        samples = dir / "samples";
        std::filesystem::create_directories(samples);
    }

    // Sends `content` in three PATCHes (the second starting off a page boundary); returns the
    // location, the last answer in `last` and the bytes the process read while it was answered
    // in `read_by_last`.
    std::string upload_in_three(HttpClient& c, const std::string& filename,
                                const std::string& content, HttpAnswer& last,
                                std::uint64_t& read_by_last) {
        auto location = create(c, content.size(), filename).header("location").value();
        const std::size_t first = (3 << 20) + 1000, second = content.size() - (1 << 20);
        EXPECT_EQ(patch(c, location, 0, content.substr(0, first)).status, 204);
        EXPECT_EQ(patch(c, location, first, content.substr(first, second - first)).status, 204);
        const auto before = bytes_read_so_far();
        last = patch(c, location, second, content.substr(second));
        read_by_last = bytes_read_so_far() - before;
        return location;
    }

    std::filesystem::path samples;
};

TEST_F(StreamedUpload, AMatroskaVideoIsCheckedAsItArrivesAndNotReadBackAtItsCompletion) {
    auto c = logged_in("worker_zhang");
    const auto content = read_all(matroska_video(samples, "clip.mkv", 24));
    ASSERT_GT(content.size(), 32u << 20) << "the sample is too small to show what was read";
    HttpAnswer last;
    std::uint64_t read = 0;
    const auto location = upload_in_three(c, "微视频.mkv", content, last, read);

    ASSERT_EQ(last.status, 204) << last.body;
    const auto shown = c.get(location).json();
    EXPECT_EQ(shown["state"], "finished");
    EXPECT_EQ(shown["facts"]["kind"], "video");
    EXPECT_NEAR(shown["facts"]["duration_seconds"].get<double>(), 24.0, 0.1);
    EXPECT_LT(read, content.size() / 4) << read << " of " << content.size() << " bytes read";
}

TEST_F(StreamedUpload, AMatroskaVideoCutOffIsRefusedAsItArrives) {
    auto c = logged_in("worker_zhang");
    const auto whole = read_all(matroska_video(samples, "clip.mkv", 24));
    const auto content = whole.substr(0, whole.size() / 2);
    HttpAnswer last;
    std::uint64_t read = 0;
    const auto location = upload_in_three(c, "微视频.mkv", content, last, read);

    // The reason the file's own reading gives.
    write_all(samples / "cut.mkv", content);
    std::string reason;
    try {
        media::probe(samples / "cut.mkv");
    } catch (const Error& refused) {
        reason = refused.message();
    }
    ASSERT_NE(reason.find("视频文件不完整"), std::string::npos) << reason;
    EXPECT_EQ(last.status, 400);
    EXPECT_NE(last.body.find(reason), std::string::npos) << last.body;
    EXPECT_EQ(c.get(location).json()["state"], "refused");
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
    EXPECT_LT(read, content.size() / 4) << read << " of " << content.size() << " bytes read";
}

// What was read as the bytes arrived lives in memory: after a restart the file is read at its
// completion, and a cut one is still refused.
TEST_F(StreamedUpload, AfterARestartTheFileIsReadAtItsCompletion) {
    auto c = logged_in("worker_zhang");
    const auto whole = read_all(matroska_video(samples, "clip.mkv", 24));
    for (const bool cut : {false, true}) {
        SCOPED_TRACE(cut ? "cut off" : "whole");
        const auto content = cut ? whole.substr(0, whole.size() * 3 / 4) : whole;
        const auto location = create(c, content.size(), "微视频.mkv").header("location").value();
        const std::size_t half = content.size() / 2;
        ASSERT_EQ(patch(c, location, 0, content.substr(0, half)).status, 204);
        restart_server();
        c = moved(c);
        const auto before = bytes_read_so_far();
        const auto last = patch(c, location, half, content.substr(half));
        const auto read = bytes_read_so_far() - before;

        EXPECT_EQ(last.status, cut ? 400 : 204) << last.body;
        EXPECT_EQ(c.get(location).json()["state"], cut ? "refused" : "finished");
        EXPECT_GT(read, content.size() / 2) << "the file was not read at its completion";
    }
}

// ---- the check on its own ----

using StreamingCheck = TempDirTest;

TEST_F(StreamingCheck, IsStartedOnlyForLargeFilesThatWouldBeReadWhole) {
    const auto mkv = read_all(matroska_video(dir, "clip.mkv", 2));
    const auto mp4 = read_all(make_video(dir, "clip.mp4", 2, "320x240"));
    const std::uint64_t large = 100 << 20;
    EXPECT_NE(media::StreamingCheck::start(mkv.substr(0, 65536), large), nullptr);
    EXPECT_EQ(media::StreamingCheck::start(mkv.substr(0, 65536), 1 << 20), nullptr);
    EXPECT_EQ(media::StreamingCheck::start(mp4.substr(0, 65536), large), nullptr);
    EXPECT_EQ(media::StreamingCheck::start(std::string(65536, 'a'), large), nullptr);
}

TEST_F(StreamingCheck, GivesNothingUnlessTheWholeFileWasHandedOver) {
    const auto mkv = read_all(matroska_video(dir, "clip.mkv", 12));
    auto check = media::StreamingCheck::start(mkv.substr(0, 1 << 20), mkv.size());
    ASSERT_NE(check, nullptr);
    check->feed(mkv.substr(0, mkv.size() / 2));
    const auto began = std::chrono::steady_clock::now();
    EXPECT_FALSE(check->finish(std::chrono::seconds(20)).has_value());
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(10));
}

// A reading is used only for a file that opens as the one it was made of: one of a cut Matroska
// file refuses that file without reading it, and does not refuse a whole FLV that is longer.
TEST_F(StreamingCheck, AReadingOfAnotherContainerIsNotUsed) {
    const auto mkv = read_all(matroska_video(dir, "clip.mkv", 24));
    const auto cut = mkv.substr(0, mkv.size() / 2);
    auto check = media::StreamingCheck::start(cut.substr(0, 1 << 20), cut.size());
    ASSERT_NE(check, nullptr);
    for (std::size_t at = 0; at < cut.size(); at += 300000) check->feed(cut.substr(at, 300000));
    const auto reading = check->finish(std::chrono::seconds(30));
    ASSERT_TRUE(reading.has_value());

    write_all(dir / "cut.mkv", cut);
    const auto before = bytes_read_so_far();
    EXPECT_THROW(media::probe(dir / "cut.mkv", &*reading), Error);
    EXPECT_LT(bytes_read_so_far() - before, cut.size() / 4);
    // Used for it, the reading (12 s of packets) would refuse this 20 s video.
    const auto flv = make_video(dir, "whole.flv", 20, "320x240");
    EXPECT_NO_THROW(media::probe(flv, &*reading));
}

}  // namespace
}  // namespace wangju::testing
