#include <gtest/gtest.h>

#include "domain/error.h"
#include "http/static_files.h"
#include "test_server.h"

namespace wangju::http::testing {
namespace {

Request get_request(std::string path, Headers headers = {}) {
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    request.headers = std::move(headers);
    return request;
}

std::string body_of(const Response& response) {
    if (!response.file || !response.file->content) return "";
    return response.file->content->substr(response.file->offset, response.file->length);
}

class StaticCacheTest : public ::testing::Test {
  protected:
    void SetUp() override { write_file(root() / "page.html", "<p>通知</p>"); }
    std::filesystem::path root() const { return dir_.path() / "static"; }
    TempDir dir_;
};

TEST_F(StaticCacheTest, NothingIsAnsweredFromMemoryBeforeTheDiskWasRead) {
    StaticFiles files(root());
    EXPECT_FALSE(files.cached(get_request("/static/page.html")));
}

TEST_F(StaticCacheTest, ASmallFileIsThenAnsweredFromMemoryWithTheSameHeaders) {
    StaticFiles files(root());
    const Response from_disk = files.serve(get_request("/static/page.html"));
    ASSERT_TRUE(from_disk.file);
    EXPECT_EQ(body_of(from_disk), "<p>通知</p>");

    // Removing the file proves the answer comes from memory.
    std::filesystem::remove(root() / "page.html");
    const auto from_memory = files.cached(get_request("/static/page.html"));
    ASSERT_TRUE(from_memory);
    EXPECT_EQ(from_memory->status, 200);
    EXPECT_EQ(body_of(*from_memory), "<p>通知</p>");
    EXPECT_EQ(from_memory->header("etag"), from_disk.header("etag"));
    EXPECT_EQ(from_memory->header("content-type"), from_disk.header("content-type"));
    EXPECT_EQ(from_memory->header("last-modified"), from_disk.header("last-modified"));
}

TEST_F(StaticCacheTest, ConditionalAndRangeRequestsAreAnsweredFromMemory) {
    StaticFiles files(root());
    const Response first = files.serve(get_request("/static/page.html"));
    const std::string etag(*first.header("etag"));

    const auto unchanged = files.cached(get_request("/static/page.html", {{"if-none-match", etag}}));
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);

    const auto part = files.cached(get_request("/static/page.html", {{"range", "bytes=0-2"}}));
    ASSERT_TRUE(part);
    EXPECT_EQ(part->status, 206);
    EXPECT_EQ(body_of(*part), "<p>");
    EXPECT_EQ(part->header("content-range"), "bytes 0-2/" + std::to_string(std::string("<p>通知</p>").size()));
}

TEST_F(StaticCacheTest, AnEntryOlderThanItsFreshnessGoesBackToTheDisk) {
    StaticFiles files(root(), {.fresh_for = std::chrono::milliseconds(0)});
    files.serve(get_request("/static/page.html"));
    EXPECT_FALSE(files.cached(get_request("/static/page.html")));

    write_file(root() / "page.html", "<p>更正</p>");
    EXPECT_EQ(body_of(files.serve(get_request("/static/page.html"))), "<p>更正</p>");
}

TEST_F(StaticCacheTest, AnUnchangedFileIsNotReadAgainWhenItsEntryIsChecked) {
    StaticFiles files(root(), {.fresh_for = std::chrono::milliseconds(0)});
    const Response first = files.serve(get_request("/static/page.html"));
    const Response again = files.serve(get_request("/static/page.html"));
    ASSERT_TRUE(first.file && again.file);
    EXPECT_EQ(again.file->content, first.file->content);  // the same bytes in memory
    EXPECT_EQ(again.header("etag"), first.header("etag"));
}

TEST_F(StaticCacheTest, AFileChangedOnDiskIsServedNewWithANewEtagEvenAtTheSameSize) {
    StaticFiles files(root(), {.fresh_for = std::chrono::milliseconds(0)});
    const Response first = files.serve(get_request("/static/page.html"));
    const auto written = std::filesystem::last_write_time(root() / "page.html");
    write_file(root() / "page.html", "<p>更正</p>");  // as many bytes as "<p>通知</p>"
    std::filesystem::last_write_time(root() / "page.html", written + std::chrono::seconds(1));

    const Response changed = files.serve(get_request("/static/page.html"));
    EXPECT_EQ(body_of(changed), "<p>更正</p>");
    EXPECT_NE(changed.header("etag"), first.header("etag"));
    EXPECT_NE(changed.header("last-modified"), first.header("last-modified"));
}

TEST_F(StaticCacheTest, LargeFilesStreamFromTheDiskAndAreNotKept) {
    write_file(root() / "video.mp4", std::string(2048, 'v'));
    StaticFiles files(root(), {.max_file_bytes = 1024});
    const Response response = files.serve(get_request("/static/video.mp4"));
    ASSERT_TRUE(response.file);
    EXPECT_FALSE(response.file->content);
    EXPECT_EQ(response.file->length, 2048u);
    EXPECT_FALSE(files.cached(get_request("/static/video.mp4")));
}

TEST_F(StaticCacheTest, AFileThatDisappearedIsForgotten) {
    StaticFiles files(root(), {.fresh_for = std::chrono::milliseconds(0)});
    files.serve(get_request("/static/page.html"));
    std::filesystem::remove(root() / "page.html");
    try {
        files.serve(get_request("/static/page.html"));
        FAIL() << "a removed file was served";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::not_found);
    }
    EXPECT_FALSE(files.cached(get_request("/static/page.html")));
}

}  // namespace
}  // namespace wangju::http::testing
