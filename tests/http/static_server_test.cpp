#include "test_server.h"

namespace wangju::http::testing {
namespace {

TEST_F(ServerTest, StaticFileHasEtagAndRevalidates) {
    auto first = fetch(port(), "/static/app.css");
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "body { color: red; }");
    EXPECT_EQ(first.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(first.header("cache-control"), "public, max-age=300");
    EXPECT_EQ(first.header("accept-ranges"), "bytes");
    EXPECT_FALSE(first.header("last-modified").empty());
    auto etag = first.header("etag");
    ASSERT_FALSE(etag.empty());

    auto again = fetch(port(), "/static/app.css", "If-None-Match: " + etag + "\r\n");
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(again.header("etag"), etag);

    auto by_date = fetch(port(), "/static/app.css",
                         "If-Modified-Since: " + first.header("last-modified") + "\r\n");
    EXPECT_EQ(by_date.status, 304);
}

TEST_F(ServerTest, StaticRangeGivesTheRightBytes) {
    auto middle = fetch(port(), "/static/data.txt", "Range: bytes=2-5\r\n");
    EXPECT_EQ(middle.status, 206);
    EXPECT_EQ(middle.body, "2345");
    EXPECT_EQ(middle.header("content-range"), "bytes 2-5/10");
    EXPECT_EQ(middle.header("content-length"), "4");

    auto tail = fetch(port(), "/static/data.txt", "Range: bytes=-3\r\n");
    EXPECT_EQ(tail.body, "789");
    auto from = fetch(port(), "/static/data.txt", "Range: bytes=7-\r\n");
    EXPECT_EQ(from.body, "789");

    auto beyond = fetch(port(), "/static/data.txt", "Range: bytes=10-20\r\n");
    EXPECT_EQ(beyond.status, 416);
    EXPECT_EQ(beyond.header("content-range"), "bytes */10");
}

TEST_F(ServerTest, StaticHeadSendsLengthOnly) {
    TestClient client(port());
    client.send(
        "HEAD /static/data.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    auto head = client.read_response(true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), "10");
    EXPECT_EQ(client.read_response().body, "<p>你好</p>");
}

TEST_F(ServerTest, StaticTraversalNeverLeaksAFile) {
    for (const std::string& target : std::vector<std::string>{
             "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
             "/static/..%5csecret.txt", "/static/%5c..%5csecret.txt",
             "/static/sub/../../secret.txt", "/static//etc/passwd", "/static/link.txt",
             "/static/%2E%2E%2Fsecret.txt"}) {
        auto response = fetch(port(), target);
        EXPECT_EQ(response.status, 404) << target;
        EXPECT_EQ(response.body.find("TOPSECRET"), std::string::npos) << target;
        EXPECT_EQ(response.body.find("root:"), std::string::npos) << target;
    }
}

TEST_F(ServerTest, StaticDirectoryIsNotListed) {
    EXPECT_EQ(fetch(port(), "/static/sub").status, 404);
    EXPECT_EQ(fetch(port(), "/static/sub/").status, 404);
    EXPECT_EQ(fetch(port(), "/static/").status, 404);
}

TEST_F(ServerTest, StaticServesGzipWhenAccepted) {
    auto zipped = fetch(port(), "/static/page.html", "Accept-Encoding: gzip, deflate\r\n");
    EXPECT_EQ(zipped.status, 200);
    EXPECT_EQ(zipped.body, "GZIPPED-BYTES");
    EXPECT_EQ(zipped.header("content-encoding"), "gzip");
    EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
    EXPECT_EQ(zipped.header("content-type"), "text/html; charset=utf-8");

    auto plain = fetch(port(), "/static/page.html");
    EXPECT_EQ(plain.body, "<p>plain</p>");
    EXPECT_FALSE(plain.has_header("content-encoding"));
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
}

TEST_F(ServerTest, FingerprintedFilesAreCachedForAYear) {
    auto response = fetch(port(), "/static/app.3f9a12bc.js");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(response.header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(ServerTest, StaticRefusesWritingMethods) {
    auto response = fetch(port(), "/static/app.css", "Content-Length: 0\r\n", "POST");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("allow"), "GET, HEAD");
}

}  // namespace
}  // namespace wangju::http::testing

namespace wangju::http::testing {
namespace {

TEST_F(ServerTest, StaticFileIsAnsweredFromMemoryOnceRead) {
    EXPECT_EQ(fetch(port(), "/static/app.css").body, "body { color: red; }");
    // Within the freshness window the server no longer needs the file.
    std::filesystem::remove(dir_.path() / "static" / "app.css");
    auto again = fetch(port(), "/static/app.css");
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body, "body { color: red; }");
    EXPECT_EQ(again.header("x-content-type-options"), "nosniff");
}

TEST_F(ServerTest, AFileHeldInMemoryIsSentWholeAndInParts) {
    std::string big;
    for (int i = 0; big.size() < 300 * 1024; ++i) big += std::to_string(i) + ',';
    write_file(dir_.path() / "static" / "big.txt", big);
    for (int round = 0; round < 2; ++round) {  // read from the disk, then from memory
        auto whole = fetch(port(), "/static/big.txt");
        EXPECT_EQ(whole.status, 200);
        EXPECT_EQ(whole.header("content-length"), std::to_string(big.size()));
        EXPECT_EQ(whole.body, big);
    }
    auto part = fetch(port(), "/static/big.txt", "Range: bytes=200000-200009\r\n");
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.body, big.substr(200000, 10));
    auto head = fetch(port(), "/static/big.txt", "", "HEAD");
    EXPECT_EQ(head.header("content-length"), std::to_string(big.size()));
    EXPECT_EQ(head.body, "");
}

TEST_F(ServerTest, RouteOnTheIoThreadAnswersLikeAnyOther) {
    auto response = fetch(port(), "/inline");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "from memory");
    EXPECT_EQ(response.header("x-request-id").size(), 16u);
    auto head = fetch(port(), "/inline", "", "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
}

TEST_F(ServerTest, AnswerFromMemoryIsUsedWhenThereIsOneAndTheHandlerOtherwise) {
    auto cached = fetch(port(), "/pages/cached");
    EXPECT_EQ(cached.status, 200);
    EXPECT_EQ(cached.body, "from memory");
    EXPECT_EQ(cached.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(fetch(port(), "/pages/other").body, "rendered other");
}

}  // namespace
}  // namespace wangju::http::testing
