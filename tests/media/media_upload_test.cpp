// Finished uploads over HTTP: probed facts, refusals, previews, and reading a blob back with
// byte ranges under the owner-or-rule permission.
#include <cstdlib>

#include <gtest/gtest.h>

#include "media/previews.h"
#include "media/probe.h"
#include "support/media_samples.h"
#include "upload_fixture.h"

namespace wangju::testing {
namespace {

class MediaUpload : public UploadTest {
  protected:
    void SetUp() override {
        max_size = 16 << 20;
        UploadTest::SetUp();
        samples = dir / "samples";
        std::filesystem::create_directories(samples);
    }

    // Uploads `content` in one PATCH; returns the location, and the last answer in `last`.
    std::string upload(HttpClient& c, const std::string& filename, const std::string& content,
                       HttpAnswer* last = nullptr) {
        auto location = create(c, content.size(), filename).header("location").value();
        auto answer = patch(c, location, 0, content);
        if (last) *last = answer;
        return location;
    }

    std::filesystem::path samples;
};

// The ffmpeg and ffprobe programs out of reach (PATH names no folder that has them) while it
// lives; set while the server is idle, as the environment is shared by its threads.
class WithoutFfmpegPrograms {
  public:
    WithoutFfmpegPrograms() {
        const char* path = std::getenv("PATH");
        path_ = path ? path : "";
        ::setenv("PATH", "/nonexistent", 1);
    }
    ~WithoutFfmpegPrograms() { ::setenv("PATH", path_.c_str(), 1); }
    WithoutFfmpegPrograms(const WithoutFfmpegPrograms&) = delete;
    WithoutFfmpegPrograms& operator=(const WithoutFfmpegPrograms&) = delete;

  private:
    std::string path_;
};

TEST_F(MediaUpload, AFinishedVideoHasItsFactsAndAPosterFrame) {
    auto c = logged_in("worker_zhang");
    auto content = read_all(make_video(samples, "v.mp4", 2, "320x240"));
    HttpAnswer last;
    auto location = upload(c, "我的作品.mp4", content, &last);
    ASSERT_EQ(last.status, 204) << last.body;
    auto shown = c.get(location).json();
    EXPECT_EQ(shown["state"], "finished");
    EXPECT_EQ(shown["facts"]["kind"], "video");
    EXPECT_EQ(shown["facts"]["video_codec"], "h264");
    EXPECT_EQ(shown["facts"]["width"], 320);
    auto sha = shown["sha256"].get<std::string>();

    auto poster = c.get("/api/v1/blobs/" + sha + "/preview");
    ASSERT_EQ(poster.status, 200) << poster.body;
    EXPECT_EQ(poster.header("content-type"), "image/jpeg");
    EXPECT_EQ(poster.body.substr(0, 2), "\xFF\xD8");

    auto blob = web->media.uploads.blob_of(id_of(location), store->find_user_by_username("worker_zhang")->id);
    EXPECT_EQ(blob.sha256, sha);
    EXPECT_EQ(blob.filename, "我的作品.mp4");
    EXPECT_EQ(blob.mime_type, "video/mp4");
    EXPECT_EQ(blob.size_bytes, content.size());
}

// The last PATCH is answered before the poster frame is made; a poster that was never made (the
// server stopped first) is made for its first viewer.
TEST_F(MediaUpload, APosterTheServerDidNotMakeIsMadeWhenFirstAskedFor) {
    auto c = logged_in("worker_zhang");
    auto location = upload(c, "海报.mp4", read_all(make_video(samples, "v.mp4", 2, "320x240")));
    const auto sha = c.get(location).json()["sha256"].get<std::string>();
    const auto first = c.get("/api/v1/blobs/" + sha + "/preview");
    ASSERT_EQ(first.status, 200) << first.body;
    store->database().write([&](soci::session& s) {
        s << "DELETE FROM blob_previews WHERE source_sha256 = :s", soci::use(sha);
    });
    ASSERT_FALSE(media::preview_of(store->database(), sha));

    const auto again = c.get("/api/v1/blobs/" + sha + "/preview");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.body, first.body);
    EXPECT_TRUE(media::preview_of(store->database(), sha));
}

// The uploads make the poster after the answer, with no one asking for it.
TEST_F(MediaUpload, ThePosterIsMadeAfterTheLastPatchWithoutAViewer) {
    auto c = logged_in("worker_zhang");
    HttpAnswer last;
    auto location =
        upload(c, "海报.mp4", read_all(make_video(samples, "v.mp4", 2, "320x240")), &last);
    ASSERT_EQ(last.status, 204) << last.body;
    const auto sha = c.get(location).json()["sha256"].get<std::string>();
    web->media.uploads.wait_for_previews();
    const auto poster = media::preview_of(store->database(), sha);
    ASSERT_TRUE(poster);
    EXPECT_EQ(read_all(web->media.blobs.path_of(*poster)).substr(0, 2), "\xFF\xD8");
}

// The last PATCH is answered from checks made in the server's own process; the poster frame,
// made by the ffmpeg program, comes after. When making it failed, its first viewer gets it.
TEST_F(MediaUpload, ThePosterAFailedAttemptDidNotMakeIsMadeForItsFirstViewer) {
    auto c = logged_in("worker_zhang");
    const auto content = read_all(make_video(samples, "v.mp4", 2, "320x240"));
    HttpAnswer last;
    std::string location;
    {
        WithoutFfmpegPrograms no_ffmpeg;
        location = upload(c, "海报.mp4", content, &last);
        web->media.uploads.wait_for_previews();
    }
    ASSERT_EQ(last.status, 204) << last.body;
    const auto shown = c.get(location).json();
    EXPECT_EQ(shown["facts"]["video_codec"], "h264");
    const auto sha = shown["sha256"].get<std::string>();
    EXPECT_FALSE(media::preview_of(store->database(), sha));

    const auto poster = c.get("/api/v1/blobs/" + sha + "/preview");
    ASSERT_EQ(poster.status, 200) << poster.body;
    EXPECT_EQ(poster.body.substr(0, 2), "\xFF\xD8");
    EXPECT_TRUE(media::preview_of(store->database(), sha));
}

TEST_F(MediaUpload, AVideoNoWorkTookIsRemovedWithItsPosterOnceExpired) {
    auto c = logged_in("worker_zhang");
    auto location = upload(c, "没用上.mp4", read_all(make_video(samples, "v.mp4", 2, "320x240")));
    auto sha = c.get(location).json()["sha256"].get<std::string>();
    auto poster =
        web->media.blobs.path_of(*media::preview_or_make(web->media.blobs, store->database(), sha));
    ASSERT_TRUE(std::filesystem::exists(poster));

    EXPECT_EQ(web->media.uploads.sweep_expired(now_utc() + std::chrono::hours(25)), 1u);
    EXPECT_EQ(head(c, location).status, 404);
    EXPECT_FALSE(web->media.blobs.find(sha));
    EXPECT_FALSE(std::filesystem::exists(web->media.blobs.path_of(sha)));
    EXPECT_FALSE(std::filesystem::exists(poster));
    EXPECT_EQ(c.get("/api/v1/blobs/" + sha + "/preview").status, 404);
}

TEST_F(MediaUpload, ABlobIsReadWithByteRangesByItsOwnerOnly) {
    auto c = logged_in("worker_zhang");
    auto content = read_all(make_image(samples, "p.png", "320x200"));
    auto location = upload(c, "photo.png", content);
    auto sha = c.get(location).json()["sha256"].get<std::string>();
    auto whole = c.get("/api/v1/blobs/" + sha);
    ASSERT_EQ(whole.status, 200);
    EXPECT_EQ(whole.body, content);
    EXPECT_EQ(whole.header("content-type"), "image/png");
    auto part = c.request("GET", "/api/v1/blobs/" + sha, "", {{"Range", "bytes=10-19"}});
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.body, content.substr(10, 10));
    EXPECT_EQ(part.header("content-range"), "bytes 10-19/" + std::to_string(content.size()));
    auto thumbnail = c.get("/api/v1/blobs/" + sha + "/preview");
    EXPECT_EQ(thumbnail.status, 200);
    EXPECT_EQ(thumbnail.header("content-type"), "image/jpeg");

    auto other = logged_in("binhai_editor");
    EXPECT_EQ(other.get("/api/v1/blobs/" + sha).status, 403);
    EXPECT_EQ(client().get("/api/v1/blobs/" + sha).status, 401);
}

TEST_F(MediaUpload, APhotosThumbnailsAreMadeOnceAtTheViewersWidths) {
    auto c = logged_in("worker_zhang");
    auto location = upload(c, "photo.png", read_all(make_image(samples, "p.png", "1600x900")));
    const auto sha = c.get(location).json()["sha256"].get<std::string>();
    auto& db = store->database();
    for (int width : media::thumbnail_widths) {
        const auto thumbnail = media::thumbnail_of(web->media.blobs, db, sha, width);
        ASSERT_TRUE(thumbnail) << width;
        const auto facts = media::probe(web->media.blobs.path_of(*thumbnail));
        EXPECT_EQ(facts.width, width) << "scaled down to the width asked for";
        EXPECT_EQ(web->media.blobs.find(*thumbnail)->mime_type, "image/jpeg");
        // Asked again, it is the one made before: no new blob, no new record.
        EXPECT_EQ(media::thumbnail_of(web->media.blobs, db, sha, width), thumbnail);
    }
    // The 640-pixel one is the preview made when the photo was uploaded.
    EXPECT_EQ(media::thumbnail_of(web->media.blobs, db, sha, 640), media::preview_of(db, sha));
    const auto rows = db.read([&](soci::session& s) {
        long long n = 0;
        s << "SELECT COUNT(*) FROM blob_previews WHERE source_sha256 = :s", soci::use(sha),
            soci::into(n);
        return n;
    });
    EXPECT_EQ(rows, 3) << "the preview and two more widths";
    // A width a viewer never asks for, or a file that is not a photo, has none.
    EXPECT_FALSE(media::thumbnail_of(web->media.blobs, db, sha, 1000));
    const auto text = web->media.blobs.put("不是图片");
    EXPECT_FALSE(media::thumbnail_of(web->media.blobs, db, text.sha256, 320));
    // A small photo is not blown up.
    auto small = upload(c, "small.png", read_all(make_image(samples, "s.png", "200x100")));
    const auto small_sha = c.get(small).json()["sha256"].get<std::string>();
    const auto small_thumb = media::thumbnail_of(web->media.blobs, db, small_sha, 1280);
    ASSERT_TRUE(small_thumb);
    EXPECT_EQ(media::probe(web->media.blobs.path_of(*small_thumb)).width, 200);
}

TEST_F(MediaUpload, AFeatureRuleMayGrantReadingABlob) {
    auto c = logged_in("worker_zhang");
    auto location = upload(c, "photo.png", read_all(make_image(samples, "p.png", "64x64")));
    auto sha = c.get(location).json()["sha256"].get<std::string>();
    web->media.add_access_rule([sha](const Actor& actor, const std::string& blob) {
        return blob == sha && actor.roles.has(Role::unit_admin);
    });
    EXPECT_EQ(logged_in("binhai_admin").get("/api/v1/blobs/" + sha).status, 200);
    EXPECT_EQ(logged_in("binhai_editor").get("/api/v1/blobs/" + sha).status, 403);
}

TEST_F(MediaUpload, APictureRenamedToAVideoIsRefused) {
    auto c = logged_in("worker_zhang");
    HttpAnswer last;
    auto location = upload(c, "比赛视频.mp4", read_all(make_image(samples, "p.png", "64x64")), &last);
    EXPECT_EQ(last.status, 400);
    EXPECT_NE(last.body.find("文件内容是图片"), std::string::npos) << last.body;
    auto shown = c.get(location).json();
    EXPECT_EQ(shown["state"], "refused");
}

TEST_F(MediaUpload, ATruncatedVideoIsRefusedAndNotStored) {
    auto c = logged_in("worker_zhang");
    auto content = read_all(make_video(samples, "v.mp4", 2, "320x240"));
    HttpAnswer last;
    auto location = upload(c, "cut.mp4", content.substr(0, content.size() / 2), &last);
    EXPECT_EQ(last.status, 400);
    EXPECT_NE(last.body.find("已损坏或不完整"), std::string::npos) << last.body;
    EXPECT_EQ(c.get(location).json()["state"], "refused");
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
}

TEST_F(MediaUpload, AVideoWhoseHeaderIsWholeButWhoseDataIsCutOffIsRefused) {
    auto c = logged_in("worker_zhang");
    const auto path = make_sample(samples, "front.mp4",
                                  {"-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=6",
                                   "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"});
    const auto content = read_all(path);
    HttpAnswer last;
    auto location = upload(c, "微视频.mp4", content.substr(0, content.size() * 2 / 3), &last);
    EXPECT_EQ(last.status, 400);
    EXPECT_NE(last.body.find("视频文件不完整"), std::string::npos) << last.body;
    EXPECT_EQ(c.get(location).json()["state"], "refused");
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
}

// Refused by the server's own reading of every packet, with the reason it gave before.
TEST_F(MediaUpload, AVideoCutOffIsRefusedByTheLastPatchWithoutTheFfmpegPrograms) {
    auto c = logged_in("worker_zhang");
    const auto path =
        make_sample(samples, "front.mp4",
                    {"-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=6", "-c:v",
                     "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"});
    const auto content = read_all(path);
    HttpAnswer last;
    std::string location;
    {
        WithoutFfmpegPrograms no_ffmpeg;
        location = upload(c, "微视频.mp4", content.substr(0, content.size() / 2), &last);
    }
    EXPECT_EQ(last.status, 400);
    EXPECT_NE(last.body.find("视频文件不完整:部分数据已损坏或缺失"), std::string::npos)
        << last.body;
    EXPECT_EQ(c.get(location).json()["state"], "refused");
}

TEST_F(MediaUpload, AttachingMarksTheUploadAndAnotherAttachIsAConflict) {
    auto c = logged_in("worker_zhang");
    auto location = upload(c, "essay.txt", text_payload(3000));
    auto owner = store->find_user_by_username("worker_zhang")->id;
    AuditContext ctx{owner, "test"};
    web->media.uploads.attach(id_of(location), owner, "work:1", ctx);
    web->media.uploads.attach(id_of(location), owner, "work:1", ctx);  // again: no change
    EXPECT_EQ(web->media.uploads.find_upload(id_of(location))->attached_to, "work:1");
    EXPECT_THROW(web->media.uploads.attach(id_of(location), owner, "work:2", ctx), Error);
    auto removal = c.request("DELETE", location, "",
                             {{"Tus-Resumable", "1.0.0"}, {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(removal.status, 409);
}

}  // namespace
}  // namespace wangju::testing
