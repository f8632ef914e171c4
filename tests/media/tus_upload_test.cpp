// The tus 1.0 endpoint over real HTTP: creation, chunks, resume after a dropped connection and
// after a restart, checksums, limits, ownership, termination and expiry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "support/http_client.h"
#include "support/media_samples.h"
#include "upload_fixture.h"

namespace wangju::testing {
namespace {

using TusUpload = UploadTest;

TEST_F(TusUpload, OptionsAdvertisesTheProtocolAndLimits) {
    auto answer = client().request("OPTIONS", "/api/v1/uploads");
    EXPECT_EQ(answer.status, 204);
    EXPECT_EQ(answer.header("tus-version"), "1.0.0");
    EXPECT_EQ(answer.header("tus-resumable"), "1.0.0");
    EXPECT_EQ(answer.header("tus-max-size"), std::to_string(max_size));
    EXPECT_EQ(answer.header("tus-checksum-algorithm"), "sha1,sha256");
    auto extensions = answer.header("tus-extension").value_or("");
    for (const char* name : {"creation", "termination", "checksum", "expiration"})
        EXPECT_NE(extensions.find(name), std::string::npos) << name;
}

TEST_F(TusUpload, UploadsInChunksAndStoresTheFileByItsHash) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(300000);
    auto created = create(c, content.size(), "征文.txt");
    ASSERT_EQ(created.status, 201) << created.body;
    auto location = created.header("location").value();
    EXPECT_TRUE(location.starts_with("/api/v1/uploads/"));
    EXPECT_TRUE(created.header("upload-expires").has_value());
    EXPECT_EQ(offset_of(c, location), 0);

    auto first = patch(c, location, 0, content.substr(0, 100000));
    EXPECT_EQ(first.status, 204) << first.body;
    EXPECT_EQ(first.header("upload-offset"), "100000");
    auto second = patch(c, location, 100000, content.substr(100000));
    ASSERT_EQ(second.status, 204) << second.body;
    EXPECT_EQ(second.header("upload-offset"), "300000");

    auto shown = c.get(location).json();
    EXPECT_EQ(shown["state"], "finished");
    EXPECT_EQ(shown["filename"], "征文.txt");
    const std::string sha = sha256_hex_of(content);
    EXPECT_EQ(shown["sha256"], sha);
    auto blob = dir / "blobs" / sha.substr(0, 2) / sha.substr(2);
    ASSERT_TRUE(std::filesystem::exists(blob));
    EXPECT_EQ(std::filesystem::file_size(blob), content.size());
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
}

TEST_F(TusUpload, SameContentTwiceIsStoredOnce) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(5000);
    for (int i = 0; i < 2; ++i) {
        auto location = create(c, content.size()).header("location").value();
        ASSERT_EQ(patch(c, location, 0, content).status, 204);
    }
    const std::string sha = sha256_hex_of(content);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "blobs"))
        if (entry.is_regular_file()) ++files;
    EXPECT_EQ(files, 1u);
    EXPECT_TRUE(web->media.blobs.find(sha).has_value());
}

TEST_F(TusUpload, WrongOffsetIsAConflictAndChangesNothing) {
    auto c = logged_in("worker_zhang");
    auto location = create(c, 1000).header("location").value();
    ASSERT_EQ(patch(c, location, 0, text_payload(400)).status, 204);
    auto answer = patch(c, location, 100, text_payload(100));
    EXPECT_EQ(answer.status, 409);
    EXPECT_NE(answer.body.find("400"), std::string::npos) << answer.body;
    EXPECT_EQ(offset_of(c, location), 400);
}

TEST_F(TusUpload, ChecksumMismatchAnswers460AndDiscardsTheChunk) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(2000);
    auto location = create(c, content.size()).header("location").value();
    ASSERT_EQ(patch(c, location, 0, content.substr(0, 1000), sha1_base64(content.substr(0, 1000)))
                  .status,
              204);
    auto bad = patch(c, location, 1000, content.substr(1000), sha1_base64("something else"));
    EXPECT_EQ(bad.status, 460) << bad.body;
    EXPECT_EQ(offset_of(c, location), 1000);
    auto good = patch(c, location, 1000, content.substr(1000), sha1_base64(content.substr(1000)));
    EXPECT_EQ(good.status, 204) << good.body;
    EXPECT_EQ(c.get(location).json()["sha256"], sha256_hex_of(content));
}

// Chunks that start and end on and off 4 KiB block boundaries, and a chunk discarded for its
// checksum after its bytes were written, leave exactly the bytes sent.
class LargeTusUpload : public UploadTest {
  protected:
    LargeTusUpload() { max_size = 4 << 20; }
};

TEST_F(LargeTusUpload, ChunksOnAndOffBlockBoundariesStoreExactlyTheBytesSent) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload((5 << 19) + 123);
    auto location = create(c, content.size(), "长文.txt").header("location").value();
    const std::size_t first = (1 << 20) + 8192, second = (2 << 20) + 5;
    ASSERT_EQ(patch(c, location, 0, content.substr(0, first)).status, 204);
    const auto middle = content.substr(first, second - first);
    EXPECT_EQ(patch(c, location, first, middle, sha1_base64("something else")).status, 460);
    EXPECT_EQ(offset_of(c, location), static_cast<long long>(first));
    ASSERT_EQ(patch(c, location, first, middle, sha1_base64(middle)).status, 204);
    ASSERT_EQ(patch(c, location, second, content.substr(second)).status, 204);

    const std::string sha = sha256_hex_of(content);
    EXPECT_EQ(c.get(location).json()["sha256"], sha);
    std::ifstream blob(dir / "blobs" / sha.substr(0, 2) / sha.substr(2), std::ios::binary);
    const std::string stored((std::istreambuf_iterator<char>(blob)), {});
    EXPECT_EQ(stored.size(), content.size());
    EXPECT_TRUE(stored == content) << "the stored file differs from what was sent";
}

// The bytes of a PATCH are on the disk when it is answered; they do not stay in the page cache as
// well (it would hold every large video uploaded in the last evening and push out the pages that
// everyone reads).
class CachedTusUpload : public UploadTest {
  protected:
    CachedTusUpload() { max_size = 64 << 20; }
};

TEST_F(CachedTusUpload, WhatAPatchWroteIsOnDiskAndNotLeftInThePageCache) {
    if (!cache_can_drop(dir)) GTEST_SKIP() << dir << " keeps every file in memory (tmpfs)";
    auto c = logged_in("worker_zhang");
    const auto content = random_bytes(40 << 20, 7);
    auto location = create(c, content.size() + 1000, "长文.txt").header("location").value();
    // Off a page boundary and then on one again: through the cache, then past it.
    ASSERT_EQ(patch(c, location, 0, content.substr(0, 100000)).status, 204);
    ASSERT_EQ(patch(c, location, 100000, content.substr(100000, (1 << 20) - 100000)).status, 204);
    ASSERT_EQ(patch(c, location, 1 << 20, content.substr(1 << 20)).status, 204);
    ASSERT_EQ(offset_of(c, location), static_cast<long long>(content.size()));

    const auto file = dir / "uploads" / id_of(location);
    EXPECT_LT(cached_bytes(file), content.size() / 10);
    EXPECT_TRUE(read_all(file) == content) << "the file differs from what was sent";
}

TEST_F(TusUpload, UnsupportedChecksumAlgorithmIsRefused) {
    auto c = logged_in("worker_zhang");
    auto location = create(c, 10).header("location").value();
    auto answer = patch(c, location, 0, "0123456789", "md5 " + base64("0123456789abcdef"));
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(offset_of(c, location), 0);
}

TEST_F(TusUpload, KeepsWhatArrivedBeforeTheConnectionDropped) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(200000);
    auto location = create(c, content.size()).header("location").value();
    // Announces the whole file but sends only part of it, then goes away.
    std::string request = "PATCH " + location +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                          "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                          "X-CSRF-Token: " + c.csrf_token + "\r\nCookie: wangju_session=" +
                          c.cookies.at("wangju_session") +
                          "\r\nContent-Length: 200000\r\n\r\n" + content.substr(0, 70000);
    raw_exchange(server->port(), request, 100);
    long long offset = -1;
    for (int attempt = 0; attempt < 200 && offset != 70000; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        offset = offset_of(c, location);
    }
    ASSERT_EQ(offset, 70000);
    // The cut connection's chunk may still hold the upload's lock for a moment (409, which tus
    // clients retry).
    int status = 409;
    for (int attempt = 0; attempt < 100 && status == 409; ++attempt) {
        status = patch(c, location, 70000, content.substr(70000)).status;
        if (status == 409) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(status, 204);
    EXPECT_EQ(c.get(location).json()["sha256"], sha256_hex_of(content));
}

TEST_F(TusUpload, AClientThatExpectsContinueIsToldToSendTheBody) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(3000);
    auto location = create(c, content.size()).header("location").value();
    // curl sends this for large bodies and holds the body back until told to go on.
    std::string header = "PATCH " + location +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                         "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                         "Expect: 100-continue\r\nX-CSRF-Token: " + c.csrf_token +
                         "\r\nCookie: wangju_session=" + c.cookies.at("wangju_session") +
                         "\r\nContent-Length: 3000\r\n\r\n";
    auto answer = raw_exchange(server->port(), header, 1000);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 100 Continue\r\n")) << answer;
    // No body came: the upload stays where it was and goes on normally.
    int status = 409;
    for (int attempt = 0; attempt < 100 && status == 409; ++attempt) {
        status = patch(c, location, 0, content).status;
        if (status == 409) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(status, 204);
    EXPECT_EQ(c.get(location).json()["sha256"], sha256_hex_of(content));
}

TEST_F(TusUpload, ResumesAfterTheServerIsRestartedOnTheSameDataFolder) {
    auto c = logged_in("worker_zhang");
    const auto content = text_payload(120000);
    auto location = create(c, content.size(), "作品说明.txt").header("location").value();
    ASSERT_EQ(patch(c, location, 0, content.substr(0, 50000)).status, 204);
    restart_server();
    auto again = moved(c);
    EXPECT_EQ(offset_of(again, location), 50000);
    ASSERT_EQ(patch(again, location, 50000, content.substr(50000)).status, 204);
    auto shown = again.get(location).json();
    EXPECT_EQ(shown["state"], "finished");
    EXPECT_EQ(shown["sha256"], sha256_hex_of(content));
}

TEST_F(TusUpload, TooLargeIsRefusedWith413AndAClearMessage) {
    auto c = logged_in("worker_zhang");
    auto answer = create(c, max_size + 1);
    EXPECT_EQ(answer.status, 413);
    EXPECT_NE(answer.body.find("文件过大"), std::string::npos) << answer.body;
    EXPECT_NE(answer.body.find("1 MB"), std::string::npos) << answer.body;
}

TEST_F(TusUpload, SendingMoreThanDeclaredIsRefused) {
    auto c = logged_in("worker_zhang");
    auto location = create(c, 100).header("location").value();
    auto answer = patch(c, location, 0, text_payload(150));
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_LE(offset_of(c, location), 100);
}

TEST_F(TusUpload, OpenUploadsPerUserAreLimited) {
    auto c = logged_in("worker_zhang");
    for (int i = 0; i < 2; ++i) ASSERT_EQ(create(c, max_size).status, 201);
    auto third = create(c, 10);  // over the open bytes allowed (2 x max_size)
    EXPECT_EQ(third.status, 409) << third.body;
    EXPECT_NE(third.body.find("未完成的上传"), std::string::npos);
}

TEST_F(TusUpload, OnlyTheOwnerMayTouchAnUpload) {
    auto owner = logged_in("worker_zhang");
    auto location = create(owner, 100).header("location").value();
    auto other = logged_in("binhai_editor");
    EXPECT_EQ(head(other, location).status, 403);
    EXPECT_EQ(patch(other, location, 0, text_payload(100)).status, 403);
    EXPECT_EQ(other.request("DELETE", location, "",
                            {{"Tus-Resumable", "1.0.0"}, {"X-CSRF-Token", other.csrf_token}})
                  .status,
              403);
    EXPECT_EQ(offset_of(owner, location), 0);
    auto anonymous = client();
    EXPECT_EQ(head(anonymous, location).status, 401);
}

TEST_F(TusUpload, CreationNeedsTheCsrfTokenAFilenameAndTheProtocolVersion) {
    auto c = logged_in("worker_zhang");
    EXPECT_EQ(create(c, 10, "a.txt", false).status, 403);
    auto no_name = c.request("POST", "/api/v1/uploads", "",
                             {{"Tus-Resumable", "1.0.0"},
                              {"Upload-Length", "10"},
                              {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(no_name.status, 400);
    EXPECT_NE(no_name.body.find("filename"), std::string::npos);
    auto old_version = c.request("POST", "/api/v1/uploads", "",
                                 {{"Tus-Resumable", "0.2.2"},
                                  {"Upload-Length", "10"},
                                  {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(old_version.status, 412);
    EXPECT_EQ(old_version.header("tus-version"), "1.0.0");
}

TEST_F(TusUpload, TerminationRemovesTheUploadAndItsBytes) {
    auto c = logged_in("worker_zhang");
    auto location = create(c, 1000).header("location").value();
    ASSERT_EQ(patch(c, location, 0, text_payload(500)).status, 204);
    auto answer = c.request("DELETE", location, "",
                            {{"Tus-Resumable", "1.0.0"}, {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(answer.status, 204);
    EXPECT_EQ(head(c, location).status, 404);
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
}

TEST_F(TusUpload, ExpiredUnfinishedUploadsAreSweptAway) {
    auto c = logged_in("worker_zhang");
    auto location = create(c, 1000).header("location").value();
    ASSERT_EQ(patch(c, location, 0, text_payload(500)).status, 204);
    EXPECT_EQ(web->media.uploads.sweep_expired(now_utc()), 0u);
    EXPECT_EQ(offset_of(c, location), 500);
    EXPECT_EQ(web->media.uploads.sweep_expired(now_utc() + std::chrono::hours(25)), 1u);
    EXPECT_EQ(head(c, location).status, 404);
    EXPECT_FALSE(std::filesystem::exists(dir / "uploads" / id_of(location)));
}

}  // namespace
}  // namespace wangju::testing
