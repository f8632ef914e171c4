#include <gtest/gtest.h>

#include "domain/error.h"
#include "http/static_files.h"
#include "test_server.h"

namespace wangju::http::testing {
namespace {

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(dir_.path() / "outside.txt", "SECRET");
        write_file(root() / "css" / "site.css", "a{}");
        write_file(root() / "logo.png", "PNG");
        write_file(root() / "vendor.abcdef12.woff2", "FONT");
        write_file(root() / "raw.bin", "BIN");
    }
    std::filesystem::path root() const { return dir_.path() / "static"; }

    Response get(std::string path, Headers headers = {}) {
        Request request;
        request.method = "GET";
        request.path = std::move(path);
        request.headers = std::move(headers);
        return serve_static(request, root());
    }

    TempDir dir_;
};

TEST_F(StaticFilesTest, MapsPathsUnderTheRoot) {
    auto response = get("/static/css/site.css");
    EXPECT_EQ(response.status, 200);
    ASSERT_TRUE(response.file);
    EXPECT_EQ(response.file->offset, 0u);
    EXPECT_EQ(response.file->length, 3u);
    EXPECT_EQ(response.file->path.filename(), "site.css");
}

TEST_F(StaticFilesTest, ContentTypesAndCacheLifetimes) {
    EXPECT_EQ(get("/static/logo.png").header("content-type"), "image/png");
    EXPECT_EQ(get("/static/raw.bin").header("content-type"), "application/octet-stream");
    auto font = get("/static/vendor.abcdef12.woff2");
    EXPECT_EQ(font.header("content-type"), "font/woff2");
    EXPECT_EQ(font.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(get("/static/logo.png").header("cache-control"), "public, max-age=300");
}

TEST_F(StaticFilesTest, RefusesEverythingOutsideTheRoot) {
    for (const std::string& path : std::vector<std::string>{
             "/static/../outside.txt", "/static/css/../../outside.txt", "/static/..\\outside.txt",
             "/static/\\outside.txt", std::string("/static/a\0b", 11), "/static/", "/static/css",
             "/static//etc/passwd", "/other/css/site.css", "/static/missing.css"}) {
        try {
            get(path);
            ADD_FAILURE() << path << " was served";
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::not_found) << path;
        }
    }
}

TEST_F(StaticFilesTest, WeakEtagsAlsoRevalidate) {
    auto etag = std::string(*get("/static/logo.png").header("etag"));
    EXPECT_EQ(get("/static/logo.png", {{"if-none-match", "\"x\", W/" + etag}}).status, 304);
    EXPECT_EQ(get("/static/logo.png", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(StaticFilesTest, IfRangeWithAnOldTagSendsTheWholeFile) {
    auto response = get("/static/logo.png", {{"range", "bytes=0-0"}, {"if-range", "\"old\""}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.file->length, 3u);
}

TEST_F(StaticFilesTest, GzipIsNotUsedWhenRefusedOrForRanges) {
    write_file(root() / "app.js", "plain");
    write_file(root() / "app.js.gz", "zipped!");
    EXPECT_EQ(get("/static/app.js", {{"accept-encoding", "gzip"}}).file->length, 7u);
    EXPECT_EQ(get("/static/app.js", {{"accept-encoding", "gzip;q=0"}}).file->length, 5u);
    EXPECT_EQ(get("/static/app.js", {{"accept-encoding", "gzip"}, {"range", "bytes=0-1"}}).status,
              206);
}

}  // namespace
}  // namespace wangju::http::testing
