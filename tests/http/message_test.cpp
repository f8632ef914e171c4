#include <gtest/gtest.h>

#include "domain/error.h"
#include "http/incoming_request.h"
#include "http/message.h"
#include "http/server.h"

namespace wangju::http {
namespace {

Cookie cookie(std::string name, std::string value) {
    Cookie made;
    made.name = std::move(name);
    made.value = std::move(value);
    return made;
}

TEST(Request, FindsHeadersCookiesAndQuery) {
    Request request;
    request.headers = {{"cookie", "a=1; session=\"abc\"; b=2"},
                       {"cookie", "late=3"},
                       {"content-type", "text/plain"}};
    request.query_string = "page=2&q=%E5%B7%A5%E4%BC%9A";
    EXPECT_EQ(request.header("content-type"), "text/plain");
    EXPECT_FALSE(request.header("accept"));
    EXPECT_EQ(request.cookie("session"), "abc");
    EXPECT_EQ(request.cookie("b"), "2");
    EXPECT_EQ(request.cookie("late"), "3");
    EXPECT_FALSE(request.cookie("sess"));
    EXPECT_EQ(request.query("q"), "工会");
    EXPECT_FALSE(request.query("none"));
}

TEST(Request, FormAndJsonBodies) {
    Request request;
    request.body = "name=%E5%BC%A0%E4%B8%89&agree=on";
    auto form = request.form();
    EXPECT_EQ(form.find("name")->second, "张三");
    request.body = R"({"a": [1, 2]})";
    EXPECT_EQ(request.json()["a"][1], 2);
    request.body = "{not json";
    try {
        request.json();
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(error.message(), "请求内容不是有效的JSON");
    }
}

TEST(Request, ANumberTooLargeForADoubleIsTheCallersError) {
    Request request;
    request.body = R"({"id": 1e400})";
    try {
        request.json();
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(error.message(), "请求内容中有超出范围的数字");
    }
}

TEST(Request, IsApiOnlyUnderApi) {
    Request request;
    request.path = "/api/v1/units";
    EXPECT_TRUE(request.is_api());
    request.path = "/apis";
    EXPECT_FALSE(request.is_api());
}

TEST(Response, JsonWithBytesThatAreNotUtf8IsWrittenWithReplacementCharacters) {
    const auto response = Response::json({{"message", std::string("单位“\xE2\x80”不存在")}}, 404);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, "{\"message\":\"单位“\xEF\xBF\xBD”不存在\"}");
}

TEST(Response, FactoriesSetTypeAndStatus) {
    EXPECT_EQ(Response::html("x").header("content-type"), "text/html; charset=utf-8");
    auto json = Response::json({{"a", 1}}, 201);
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.body, R"({"a":1})");
    EXPECT_EQ(json.header("content-type"), "application/json; charset=utf-8");
    auto redirect = Response::redirect("/login");
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.header("location"), "/login");
    EXPECT_EQ(Response::no_content().status, 204);
}

TEST(Response, SetHeaderReplacesAddHeaderAppends) {
    Response response;
    response.add_header("x-a", "1").add_header("x-a", "2");
    response.set_header("x-a", "3");
    EXPECT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.header("x-a"), "3");
    response.set_cookie(cookie("s", "v")).set_cookie(cookie("t", "w"));
    EXPECT_EQ(response.headers.size(), 3u);
}

TEST(Cookie, FormatsAttributes) {
    Cookie session = cookie("session", "abc");
    session.max_age = 3600;
    session.secure = true;
    session.same_site = "Strict";
    EXPECT_EQ(format_set_cookie(session),
              "session=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
    Cookie deleted = cookie("session", "");
    deleted.max_age = 0;
    EXPECT_EQ(format_set_cookie(deleted), "session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(SecurityHeaders, AddedUnlessTheHandlerSetThem) {
    Response response;
    response.set_header("x-frame-options", "SAMEORIGIN");
    add_security_headers(response);
    EXPECT_EQ(response.header("x-frame-options"), "SAMEORIGIN");
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
    EXPECT_TRUE(response.header("content-security-policy"));
    EXPECT_EQ(response.header("referrer-policy"), "strict-origin-when-cross-origin");
}

RequestHead head_with(Headers headers) {
    return RequestHead{"GET", "/a%20b?x=1", std::move(headers), "10.0.0.9"};
}

TEST(IncomingRequest, ForwardedHeadersOnlyWhenTrusted) {
    Headers headers = {{"x-forwarded-for", "203.0.113.7, 10.0.0.1"},
                       {"x-forwarded-proto", "https"}};
    auto trusted = make_request(head_with(headers), true);
    EXPECT_EQ(trusted.client_address, "203.0.113.7");
    EXPECT_TRUE(trusted.secure);
    auto untrusted = make_request(head_with(headers), false);
    EXPECT_EQ(untrusted.client_address, "10.0.0.9");
    EXPECT_FALSE(untrusted.secure);
}

TEST(IncomingRequest, SplitsAndDecodesTarget) {
    auto request = make_request(head_with({}), false);
    decode_path(request);
    EXPECT_EQ(request.path, "/a b");
    EXPECT_EQ(request.query_string, "x=1");
    EXPECT_EQ(request.target, "/a%20b?x=1");
    auto bad = make_request(RequestHead{"GET", "/a%00", {}, ""}, false);
    EXPECT_THROW(decode_path(bad), Error);
}

}  // namespace
}  // namespace wangju::http
