// The HTML side: redirects to the login form, pages in Chinese, forms that need their CSRF field.
#include "http/message.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

TEST_F(WebTest, PageNeedingLoginRedirectsToTheLoginFormAndBack) {
    auto c = client();
    auto answer = c.get("/admin");
    EXPECT_EQ(answer.status, 303);
    EXPECT_EQ(answer.header("location"), "/login?next=%2Fadmin");
}

TEST_F(WebTest, LoginFormLogsInAndAdminPageShowsTheSubtree) {
    auto c = client();
    auto form = c.get("/login");
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("登录"), std::string::npos);
    auto login = c.request("POST", "/login",
                           "username=binhai_admin&password=" +
                               http::percent_encode(password_of("binhai_admin")) + "&next=%2Fadmin",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(login.status, 303) << login.body;
    EXPECT_EQ(login.header("location"), "/admin");
    auto admin = c.get("/admin/units/binhai");
    ASSERT_EQ(admin.status, 200);
    EXPECT_NE(admin.body.find("天津市滨海新区总工会"), std::string::npos);
    EXPECT_NE(admin.body.find("新河街道总工会"), std::string::npos);
    // A sibling district is not shown to this admin.
    EXPECT_EQ(c.get("/admin/units/heping").status, 403);
}

// A form on another site that posts to /login would log the visitor in as the attacker.
TEST_F(WebTest, ALoginPostedFromAnotherSiteIsRefused) {
    const std::string form =
        "username=binhai_admin&password=" + http::percent_encode(password_of("binhai_admin"));
    auto c = client();
    auto refused = c.request(
        "POST", "/login", form,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Sec-Fetch-Site", "cross-site"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("登录请求来自其他网站"), std::string::npos);
    EXPECT_TRUE(c.cookies.empty());
    auto api = client().request(
        "POST", "/api/v1/session",
        nlohmann::json{{"username", "binhai_admin"}, {"password", password_of("binhai_admin")}}
            .dump(),
        {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}});
    EXPECT_EQ(api.status, 403);

    auto same = c.request(
        "POST", "/login", form,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Sec-Fetch-Site", "same-origin"}});
    EXPECT_EQ(same.status, 303) << same.body;
    EXPECT_FALSE(c.cookies.empty());
}

TEST_F(WebTest, WrongPasswordOnTheFormSaysSoInChinese) {
    auto c = client();
    auto login = c.request("POST", "/login", "username=binhai_admin&password=wrong",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(login.status, 401);
    EXPECT_NE(login.body.find("用户名或密码错误"), std::string::npos);
    EXPECT_TRUE(c.cookies.empty());
}

TEST_F(WebTest, HostileInputIsEscapedOnPages) {
    auto c = logged_in("binhai_admin");
    auto created = c.json("POST", "/api/v1/units",
                          {{"code", "bh_xss"}, {"name", "<script>alert(1)</script>工会"},
                           {"kind", "town"}, {"parent", "binhai"}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto page = c.get("/admin/units/bh_xss");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("<script>alert(1)</script>"), std::string::npos);
    EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(WebTest, FormPostWithoutCsrfFieldIsRefused) {
    auto c = logged_in("binhai_admin");
    auto answer = c.request("POST", "/admin/units/bh_xinhe/rename", "name=%E6%94%B9%E5%90%8D",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(store->find_unit_by_code("bh_xinhe")->name, "新河街道总工会");
}

TEST_F(WebTest, PagesCarrySecurityHeaders) {
    auto page = client().get("/");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.header("content-security-policy").value_or("").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
    EXPECT_TRUE(page.header("referrer-policy").has_value());
    EXPECT_TRUE(page.header("x-request-id").has_value());
    EXPECT_NE(page.body.find("lang=\"zh-CN\""), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
