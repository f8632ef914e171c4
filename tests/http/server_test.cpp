#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_server.h"

namespace wangju::http::testing {
namespace {

TEST_F(ServerTest, AnswersWithSecurityHeadersAndRequestId) {
    auto response = fetch(port(), "/hello");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "<p>你好</p>");
    EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(response.header("x-frame-options"), "DENY");
    EXPECT_EQ(response.header("referrer-policy"), "strict-origin-when-cross-origin");
    EXPECT_NE(response.header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(response.header("server"), "wangju");
    EXPECT_EQ(response.header("x-request-id").size(), 16u);
}

TEST_F(ServerTest, ReusesAWellFormedClientRequestId) {
    auto response = fetch(port(), "/api/v1/units/binhai", "X-Request-Id: trace-1234-abcd\r\n");
    EXPECT_EQ(response.header("x-request-id"), "trace-1234-abcd");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["code"], "binhai");
    EXPECT_EQ(body["id"], "trace-1234-abcd");

    auto refused = fetch(port(), "/hello", "X-Request-Id: bad id<script>\r\n");
    EXPECT_EQ(refused.header("x-request-id").size(), 16u);
}

TEST_F(ServerTest, DecodesPathBeforeRouting) {
    auto response = fetch(port(), "/api/v1/units/%E6%BB%A8%E6%B5%B7?x=1");
    EXPECT_EQ(nlohmann::json::parse(response.body)["code"], "滨海");
}

TEST_F(ServerTest, UnknownPathIs404Page) {
    auto response = fetch(port(), "/nowhere");
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body.find("页面不存在"), std::string::npos);
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
    auto response = fetch(port(), "/hello", "", "DELETE");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("allow"), "GET, HEAD");
    EXPECT_NE(response.body.find("不支持该请求方法"), std::string::npos);
}

TEST_F(ServerTest, BadEscapesAndNulInPathAre400) {
    EXPECT_EQ(fetch(port(), "/hello%zz").status, 400);
    EXPECT_EQ(fetch(port(), "/hel%00lo").status, 400);
}

TEST_F(ServerTest, HeadHasGetHeadersWithoutBody) {
    TestClient client(port());
    client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    auto head = client.read_response(true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), std::to_string(std::string("<p>你好</p>").size()));
    // Had the HEAD answer carried a body, it would be read here as the start of the next one.
    auto get = client.read_response();
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.body, "<p>你好</p>");
}

TEST_F(ServerTest, PostEchoesBodyWithinLimit) {
    TestClient client(port());
    client.send("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
    auto response = client.read_response();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "hello");
}

// A body is read whole however it arrives: in the header's packet with the next request behind
// it, after the header in pieces, chunked with a chunk's size line cut in two.
TEST_F(ServerTest, ABodyIsReadWholeHoweverItArrives) {
    TestClient client(port());
    client.send(
        "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
        "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        "GET /api/v1/units/after HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_response().body, "hello");
    EXPECT_EQ(client.read_response().body, "abcde");
    EXPECT_EQ(nlohmann::json::parse(client.read_response().body)["code"], "after");

    const auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(100)); };
    client.send("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhel");
    pause();
    client.send("lo ");
    pause();
    client.send("world");
    EXPECT_EQ(client.read_response().body, "hello world");

    client.send(
        "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n1");
    pause();
    client.send("\r\nd\r\n0\r\n\r\n");
    EXPECT_EQ(client.read_response().body, "abcd");
}

TEST_F(ServerTest, BodyOverRouteLimitIs413BeforeBeingRead) {
    TestClient client(port());
    client.send("POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n");
    auto response = client.read_response();
    EXPECT_EQ(response.status, 413);
    auto error = nlohmann::json::parse(response.body)["error"];
    EXPECT_EQ(error["code"], "payload_too_large");
    EXPECT_EQ(error["message"], "回显的内容不能超过 1 KB");  // the route's own words
    EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
    TestClient client(port());
    std::string chunk(2000, 'x');
    client.send(
        "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" +
        chunk + "\r\n0\r\n\r\n");
    auto response = client.read_response();
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["message"], "回显的内容不能超过 1 KB");
}

TEST_F(ServerTest, HugeHeaderIsRefused) {
    TestClient client(port());
    client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    auto response = client.read_response();
    EXPECT_EQ(response.status, 431);
}

TEST_F(ServerTest, SlowHeaderTimesOut) {
    TestClient client(port());
    client.send("GET /hel");
    // header_timeout is 1 s here; the client waits up to 5 s for the answer.
    auto response = client.read_response();
    EXPECT_EQ(response.status, 408);
    EXPECT_NE(response.body.find("请求超时"), std::string::npos);
    EXPECT_TRUE(client.closed_by_server());
}

// Sends `bytes` on a new connection and reads `count` answers; their statuses, and whether the
// server then closed the connection.
std::pair<std::vector<int>, bool> answers_to(std::uint16_t port, const std::string& bytes,
                                             std::size_t count) {
    TestClient client(port);
    client.send(bytes);
    std::vector<int> statuses;
    while (statuses.size() < count) statuses.push_back(client.read_response().status);
    return {statuses, client.closed_by_server()};
}

TEST_F(ServerTest, ASlowHeaderBehindAWholeOneTimesOut) {
    // The first request is whole and answered; the rest of the buffer is the start of a second
    // header, which must still be bounded by header_timeout.
    EXPECT_EQ(answers_to(port(), "GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hel", 2),
              std::pair(std::vector<int>{200, 408}, true));
}

TEST_F(ServerTest, AHeaderStartedAfterALongIdleWaitIsBoundByTheHeaderTimeout) {
    // Answered, then idle for longer than header_timeout (1 s), so that the connection waits
    // under idle_timeout (60 s); a header begun then must still get its 408 after header_timeout,
    // well within the 5 s the client waits, not after the idle wait's 60 s.
    TestClient client(port());
    client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_response().status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    client.send("GET /hel");
    EXPECT_EQ(client.read_response().status, 408);
    EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, EmptyLinesBeforeAHeaderAreRefusedWithoutWaitingForTheRest) {
    EXPECT_EQ(answers_to(port(), "\r\n\r\nGET /hel", 1), std::pair(std::vector<int>{400}, true));
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
    TestClient client(port());
    client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_response().status, 200);
    client.send("GET /api/v1/units/a1 HTTP/1.1\r\nHost: t\r\n\r\n");
    auto second = client.read_response();
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(nlohmann::json::parse(second.body)["code"], "a1");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
    TestClient client(port());
    client.send(
        "GET /api/v1/units/first HTTP/1.1\r\nHost: t\r\n\r\n"
        "GET /api/v1/units/second HTTP/1.1\r\nHost: t\r\n\r\n"
        "GET /api/v1/units/third HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(nlohmann::json::parse(client.read_response().body)["code"], "first");
    EXPECT_EQ(nlohmann::json::parse(client.read_response().body)["code"], "second");
    EXPECT_EQ(nlohmann::json::parse(client.read_response().body)["code"], "third");
    EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, HandlerExceptionIs500NamingTheRequestId) {
    auto response = fetch(port(), "/boom");
    EXPECT_EQ(response.status, 500);
    auto id = response.header("x-request-id");
    ASSERT_EQ(id.size(), 16u);
    EXPECT_NE(response.body.find(id), std::string::npos);
    EXPECT_EQ(response.body.find("fire"), std::string::npos);
}

TEST_F(ServerTest, AFieldOfTheWrongTypeOrANumberOutOfRangeIs400) {
    const auto post = [&](const std::string& body) {
        TestClient client(port());
        client.send("POST /api/v1/count HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    "Content-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\n\r\n" + body);
        return client.read_response(false);
    };
    for (const std::string body : {R"({"count": "three"})", R"({"count": [3]})", R"({"count": 1e400})"}) {
        auto response = post(body);
        EXPECT_EQ(response.status, 400) << body;
        EXPECT_NE(response.body.find("请求内容"), std::string::npos) << response.body;
    }
    EXPECT_EQ(post(R"({"count": 3})").body, R"({"count":4})");
}

TEST_F(ServerTest, ThrownErrorKeepsItsStatusAndRetryAfter) {
    auto response = fetch(port(), "/limited");
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(response.header("retry-after"), "30");
    EXPECT_NE(response.body.find("请求过于频繁"), std::string::npos);
}

TEST_F(ServerTest, ADeferredRouteStartsOnTheIoThreadOnlyWhenItSaysItCan) {
    const auto io_thread = fetch(port(), "/thread");
    ASSERT_EQ(io_thread.status, 200);

    const auto here = fetch(port(), "/deferred/vote?here=1");
    EXPECT_EQ(here.status, 200);
    EXPECT_EQ(here.body, io_thread.body);

    const auto pool = fetch(port(), "/deferred/vote");
    EXPECT_EQ(pool.status, 200);
    EXPECT_NE(pool.body, io_thread.body);
    EXPECT_FALSE(pool.body.empty());

    // An error thrown where it started is answered as usual, and the connection goes on.
    for (const char* path : {"/deferred/refused?here=1", "/deferred/refused"}) {
        const auto refused = fetch(port(), path);
        EXPECT_EQ(refused.status, 409) << path;
        EXPECT_NE(refused.body.find("已经投过票了"), std::string::npos) << path;
    }
    EXPECT_EQ(fetch(port(), "/deferred/vote?here=1").status, 200);
}

TEST_F(ServerTest, MetricsCountRequests) {
    fetch(port(), "/hello");
    fetch(port(), "/nowhere");
    auto text = fetch(port(), "/metrics").body;
    EXPECT_NE(
        text.find("wangju_http_requests_total{route=\"/hello\",method=\"GET\",status=\"200\"} 1"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("route=\"unmatched\",method=\"GET\",status=\"404\""), std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_count"), std::string::npos);
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequestWithoutQueryString) {
    fetch(port(), "/api/v1/units/x1?token=secret", "User-Agent: tester/1.0\r\n");
    server_->stop();
    std::ifstream in(access_log_path());
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    auto record = nlohmann::json::parse(line);
    EXPECT_EQ(record["path"], "/api/v1/units/x1");
    EXPECT_EQ(record["route"], "/api/v1/units/{code}");
    EXPECT_EQ(record["status"], 200);
    EXPECT_EQ(record["method"], "GET");
    EXPECT_EQ(record["client"], "127.0.0.1");
    EXPECT_EQ(record["user_agent"], "tester/1.0");
    EXPECT_EQ(record["request_id"].get<std::string>().size(), 16u);
    EXPECT_EQ(line.find("secret"), std::string::npos);
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
    auto answer = std::async(std::launch::async, [port = port()] { return fetch(port, "/slow"); });
    while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server_->stop();
    auto response = answer.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "done");
    EXPECT_THROW(TestClient{port()}, std::runtime_error);
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnections) {
    TestClient client(port());
    client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_response().status, 200);
    server_->stop();
    EXPECT_TRUE(client.closed_by_server());
}

}  // namespace
}  // namespace wangju::http::testing

namespace wangju::http::testing {
namespace {

TEST(ServerLimits, ConnectionsBeyondTheLimitAreRefusedWith503) {
    auto config = loopback_config(1, 1);
    config.max_connections = 1;
    RunningServer server(config, [](Router& router) {
        router.add("GET", "/", [](Request&) { return Response::text("ok"); });
    });

    TestClient first(server.port());
    first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(first.read_response().body, "ok");
    TestClient second(server.port());
    auto refused = second.read_response();
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("retry-after"), "5");
    EXPECT_EQ(refused.body, "服务器繁忙,请稍后再试\n");
    EXPECT_TRUE(second.closed_by_server());
    first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(first.read_response().body, "ok");
    server.stop();
}

TEST(ServerLimits, RefusesAMalformedListenAddress) {
    Router router;
    Metrics metrics;
    ServerConfig config;
    config.listen = "127.0.0.1";
    config.access_log = "";
    Server server(config, router, render_test_error, metrics);
    EXPECT_THROW(server.start(), std::runtime_error);
}

}  // namespace
}  // namespace wangju::http::testing
