#include <gtest/gtest.h>

#include "http/router.h"

namespace wangju::http {
namespace {

Handler named(std::string name) {
    return [name](Request&) { return Response::text(name); };
}

std::string run(const Router::Match& match) {
    Request request;
    return (*match.handler)(request).body;
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router_.add("GET", "/", named("home"));
        router_.add("GET", "/units/{code}", named("unit"));
        router_.add("GET", "/units/new", named("new-unit"));
        router_.add("POST", "/units/{code}", named("update-unit"), RouteOptions{1000});
        router_.add("GET", "/files/{path...}", named("files"));
        router_.add("GET", "/units/{code}/members/{id}", named("member"));
    }
    Router router_;
};

TEST_F(RouterTest, CapturesSegments) {
    Router::Match match;
    ASSERT_EQ(router_.match("GET", "/units/binhai/members/42", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "member");
    EXPECT_EQ(match.params.at("code"), "binhai");
    EXPECT_EQ(match.params.at("id"), "42");
    EXPECT_EQ(match.pattern, "/units/{code}/members/{id}");
}

TEST_F(RouterTest, LiteralBeatsCaptureWhateverTheOrder) {
    Router::Match match;
    ASSERT_EQ(router_.match("GET", "/units/new", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "new-unit");
    ASSERT_EQ(router_.match("GET", "/units/old", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "unit");
}

TEST_F(RouterTest, RestCaptureTakesTheRestOfThePath) {
    Router::Match match;
    ASSERT_EQ(router_.match("GET", "/files/a/b/c.txt", match), Router::Outcome::found);
    EXPECT_EQ(match.params.at("path"), "a/b/c.txt");
    EXPECT_EQ(router_.match("GET", "/files", match), Router::Outcome::not_found);
}

TEST_F(RouterTest, RootAndTrailingSlashesAreExact) {
    Router::Match match;
    ASSERT_EQ(router_.match("GET", "/", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "home");
    EXPECT_EQ(router_.match("GET", "/units/", match), Router::Outcome::not_found);
    EXPECT_EQ(router_.match("GET", "/units", match), Router::Outcome::not_found);
    EXPECT_EQ(router_.match("GET", "/units/a/b", match), Router::Outcome::not_found);
}

TEST(Router, CapturesInTheFirstSegmentStillMatchWhenLiteralsAreTriedFirst) {
    Router router;
    router.add("GET", "/about", named("about"));
    router.add("GET", "/{slug}", named("page"));
    router.add("GET", "/{slug}/print", named("print"));
    router.add("GET", "/{path...}", named("anything"));
    Router::Match match;
    ASSERT_EQ(router.match("GET", "/about", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "about");
    ASSERT_EQ(router.match("GET", "/news", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "page");
    ASSERT_EQ(router.match("GET", "/news/print", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "print");
    ASSERT_EQ(router.match("GET", "/news/a/b", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "anything");
    EXPECT_EQ(match.params.at("path"), "news/a/b");
    EXPECT_EQ(router.match("GET", "/", match), Router::Outcome::not_found);
}

TEST_F(RouterTest, GetAnswersHeadAndOptionsFollowTheRoute) {
    Router::Match match;
    ASSERT_EQ(router_.match("HEAD", "/units/x", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "unit");
    ASSERT_EQ(router_.match("POST", "/units/x", match), Router::Outcome::found);
    EXPECT_EQ(match.options->max_body, 1000u);
}

TEST_F(RouterTest, MethodNotAllowedListsMethods) {
    Router::Match match;
    std::string allowed;
    EXPECT_EQ(router_.match("DELETE", "/units/x", match, &allowed),
              Router::Outcome::method_not_allowed);
    EXPECT_EQ(allowed, "GET, HEAD, POST");
    EXPECT_EQ(router_.match("POST", "/", match, &allowed), Router::Outcome::method_not_allowed);
    EXPECT_EQ(allowed, "GET, HEAD");
}

TEST(Router, TheHighestRankWinsSegmentBySegmentAtAnyDepth) {
    Router router;
    router.add("GET", "/a/{x}/c", named("capture-literal"));
    router.add("GET", "/a/{x}/{y}", named("capture-capture"));
    router.add("GET", "/a/b/{y}", named("literal-capture"));
    router.add("GET", "/a/{rest...}", named("rest"));
    Router::Match match;
    ASSERT_EQ(router.match("GET", "/a/b/c", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "literal-capture");
    EXPECT_EQ(match.params.at("y"), "c");
    ASSERT_EQ(router.match("GET", "/a/z/c", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "capture-literal");
    EXPECT_EQ(match.params.at("x"), "z");
    EXPECT_EQ(match.params.count("y"), 0u);
    ASSERT_EQ(router.match("GET", "/a/z/d", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "capture-capture");
    ASSERT_EQ(router.match("GET", "/a/z/d/e", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "rest");
    EXPECT_EQ(match.params.at("rest"), "z/d/e");
    // An empty segment is no capture, but the rest of the path may be empty.
    ASSERT_EQ(router.match("GET", "/a//c", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "rest");
    EXPECT_EQ(match.params.at("rest"), "/c");
}

TEST(Router, AnExplicitHeadRouteBeatsTheGetRouteOfTheSameRank) {
    Router router;
    router.add("GET", "/files/{name}", named("get"));
    router.add("HEAD", "/files/{name}", named("head"));
    router.add("HEAD", "/files/{name}", named("second-head"));
    router.add("GET", "/files/index", named("index"));
    Router::Match match;
    ASSERT_EQ(router.match("HEAD", "/files/a", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "head");
    ASSERT_EQ(router.match("GET", "/files/a", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "get");
    // A higher rank wins over an explicit HEAD route.
    ASSERT_EQ(router.match("HEAD", "/files/index", match), Router::Outcome::found);
    EXPECT_EQ(run(match), "index");
}

TEST(Router, MethodsAreListedInTheOrderTheirRoutesWereAdded) {
    Router router;
    router.add("DELETE", "/units/{code}", named("delete"));
    router.add("GET", "/units/new", named("new"));
    router.add("PUT", "/units/{code}", named("put"));
    router.add("POST", "/{any...}", named("post"));
    Router::Match match;
    std::string allowed;
    EXPECT_EQ(router.match("PATCH", "/units/new", match, &allowed),
              Router::Outcome::method_not_allowed);
    EXPECT_EQ(allowed, "DELETE, GET, HEAD, PUT, POST");
    EXPECT_EQ(router.match("PATCH", "/units/x", match, &allowed),
              Router::Outcome::method_not_allowed);
    EXPECT_EQ(allowed, "DELETE, PUT, POST");
}

}  // namespace
}  // namespace wangju::http
