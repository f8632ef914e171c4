// Campaign administration over HTTP on the demo federation: creating a campaign, its phases and
// metrics, by the API and the pages, with the permission and bad-input cases; e-mail addresses of
// users through the users API, the admin page and /account.
#include <gtest/gtest.h>

#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

const nlohmann::json kPhases = {
    {"phases",
     {{{"name", "启动推荐"}, {"starts_on", "2027-06-01"}, {"ends_on", "2027-08-05"}},
      {{"name", "评选"}, {"starts_on", "2027-08-06"}, {"ends_on", "2027-09-30"}},
      {{"name", "总结展示"}, {"starts_on", "2027-10-01"}, {"ends_on", "2027-11-30"}}}}};

const char* kForm = "application/x-www-form-urlencoded";

std::string create(HttpClient& c, const std::string& name = "网聚职工正能量 争做中国好网民") {
    auto created = c.json("POST", "/api/v1/campaigns",
                          {{"year", 2027}, {"name", name}, {"theme", "建功新时代"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/campaigns/" + std::to_string(created.json()["id"].get<long long>());
}

std::size_t campaign_count(HttpClient& c) {
    return c.get("/api/v1/campaigns").json()["campaigns"].size();
}

TEST_F(WebTest, ADistrictAdminCreatesACampaignAndEditsItsPhasesAndMetrics) {
    auto binhai = logged_in("binhai_admin");
    const auto base = create(binhai);
    auto plan = binhai.get(base).json();
    EXPECT_EQ(plan["year"], 2027);
    EXPECT_EQ(plan["theme"], "建功新时代");
    ASSERT_EQ(plan["metrics"].size(), 5u);  // the 12351+ plan
    EXPECT_EQ(plan["metrics"][0]["name"], "开展线下活动");

    auto phases = binhai.json("PUT", base + "/phases", kPhases);
    ASSERT_EQ(phases.status, 200) << phases.body;
    plan = binhai.get(base).json();
    ASSERT_EQ(plan["phases"].size(), 3u);
    EXPECT_EQ(plan["phases"][1]["name"], "评选");
    EXPECT_EQ(plan["phases"][1]["starts_on"], "2027-08-06");

    auto added =
        binhai.json("POST", base + "/metrics", {{"name", "走访困难职工"}, {"measure", "户"}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.json()["source"], "entered");
    const auto metric = base + "/metrics/" + std::to_string(added.json()["id"].get<long long>());
    auto renamed = binhai.json("PATCH", metric, {{"name", "走访慰问困难职工"}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.json()["measure"], "户");
    EXPECT_EQ(binhai.get(base).json()["metrics"][5]["name"], "走访慰问困难职工");
    auto retired = binhai.json("PATCH", metric, {{"retired", true}});
    ASSERT_EQ(retired.status, 200) << retired.body;
    EXPECT_EQ(binhai.get(base).json()["metrics"].size(), 5u);
    EXPECT_EQ(binhai.json("PATCH", metric, {{"retired", true}}).status, 404);
}

TEST_F(WebTest, ATownAdminCannotCreateOrEditACampaign) {
    auto binhai = logged_in("binhai_admin");
    const auto base = create(binhai);
    auto xinhe = logged_in("xinhe_admin");
    const auto before = campaign_count(binhai);
    auto refused =
        xinhe.json("POST", "/api/v1/campaigns", {{"year", 2027}, {"name", "新河自办活动"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(campaign_count(binhai), before);
    EXPECT_EQ(xinhe.json("PUT", base + "/phases", kPhases).status, 403);
    EXPECT_EQ(xinhe.json("POST", base + "/metrics", {{"name", "新指标"}, {"measure", "个"}}).status,
              403);
    const auto first_metric = binhai.get(base).json()["metrics"][0]["id"].get<long long>();
    EXPECT_EQ(
        xinhe.json("PATCH", base + "/metrics/" + std::to_string(first_metric), {{"name", "改"}})
            .status,
        403);
    EXPECT_EQ(xinhe.get("/campaigns/new").status, 403);
    EXPECT_EQ(binhai.get(base).json()["phases"].size(), 0u);
    EXPECT_EQ(binhai.get(base).json()["metrics"][0]["name"], "开展线下活动");
    // A zone is not a district either; the demo's campaigns are run by 滨海新区, so a sibling
    // district's admin may not edit them, and the system admin may.
    EXPECT_EQ(logged_in("teda_admin")
                  .json("POST", "/api/v1/campaigns", {{"year", 2027}, {"name", "泰达"}})
                  .status,
              403);
    auto heping = logged_in_new_user("heping_admin", "和平区管理员", "heping", Role::unit_admin);
    EXPECT_EQ(heping.json("PUT", "/api/v1/campaigns/2/phases", kPhases).status, 403);
    EXPECT_EQ(binhai.json("PUT", "/api/v1/campaigns/2/phases", kPhases).status, 200);
    EXPECT_EQ(logged_in("sysadmin").json("PUT", "/api/v1/campaigns/2/phases", kPhases).status, 200);
}

TEST_F(WebTest, BadCampaignInputIsNamedPerFieldAndStoresNothing) {
    auto binhai = logged_in("binhai_admin");
    const auto before = campaign_count(binhai);
    auto bad_year = binhai.json("POST", "/api/v1/campaigns", {{"year", "明年"}, {"name", "网聚"}});
    EXPECT_EQ(bad_year.status, 400);
    EXPECT_TRUE(bad_year.json()["error"]["fields"].contains("year"));
    auto no_name = binhai.json("POST", "/api/v1/campaigns", {{"year", 2027}, {"name", "  "}});
    EXPECT_EQ(no_name.status, 400);
    EXPECT_EQ(no_name.json()["error"]["fields"]["name"], "请填写活动名称");
    EXPECT_EQ(campaign_count(binhai), before);
    const auto base = create(binhai);
    auto twice = binhai.json("POST", "/api/v1/campaigns",
                             {{"year", 2027}, {"name", "网聚职工正能量 争做中国好网民"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(twice.json()["error"]["fields"].contains("name"));

    ASSERT_EQ(binhai.json("PUT", base + "/phases", kPhases).status, 200);
    auto backwards = kPhases;
    backwards["phases"][0]["ends_on"] = "2027-05-01";    // before it starts
    backwards["phases"][2]["starts_on"] = "2027-09-01";  // before 评选 ends
    auto refused = binhai.json("PUT", base + "/phases", backwards);
    ASSERT_EQ(refused.status, 400) << refused.body;
    auto fields = refused.json()["error"]["fields"];
    EXPECT_EQ(fields["ends_on_1"], "启动推荐:结束日期不能早于开始日期");
    EXPECT_NE(fields["starts_on_3"].get<std::string>().find("不能早于上一阶段“评选”的结束日期"),
              std::string::npos);
    auto wrong_name = kPhases;
    wrong_name["phases"][1]["name"] = "投票";
    EXPECT_TRUE(binhai.json("PUT", base + "/phases", wrong_name)
                    .json()["error"]["fields"]
                    .contains("name_2"));
    EXPECT_EQ(binhai.get(base).json()["phases"][0]["ends_on"], "2027-08-05");

    auto no_measure = binhai.json("POST", base + "/metrics", {{"name", "走访"}, {"measure", ""}});
    EXPECT_EQ(no_measure.status, 400);
    EXPECT_TRUE(no_measure.json()["error"]["fields"].contains("measure"));
    auto same_name =
        binhai.json("POST", base + "/metrics", {{"name", "开展线下活动"}, {"measure", "场"}});
    EXPECT_EQ(same_name.status, 409);
    EXPECT_EQ(binhai.get(base).json()["metrics"].size(), 5u);
}

TEST_F(WebTest, AMetricWithAQuotaCannotBeRetired) {
    auto binhai = logged_in("binhai_admin");
    const auto base = create(binhai);
    auto set = binhai.json("POST", base + "/quotas",
                           {{"unit", "bh_xinhe"}, {"quotas", {{"offline_activities", 3}}}});
    ASSERT_EQ(set.status, 200) << set.body;
    const auto id = binhai.get(base).json()["metrics"][0]["id"].get<long long>();
    auto refused =
        binhai.json("PATCH", base + "/metrics/" + std::to_string(id), {{"retired", true}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("已下达了任务"),
              std::string::npos);
    EXPECT_EQ(binhai.get(base).json()["metrics"].size(), 5u);
}

TEST_F(WebTest, TheAdministrationPagesWorkWithoutJavaScript) {
    auto binhai = logged_in("binhai_admin");
    auto list = binhai.get("/campaigns");
    EXPECT_NE(list.body.find("href=\"/campaigns/new\""), std::string::npos);
    EXPECT_EQ(logged_in("xinhe_admin").get("/campaigns").body.find("href=\"/campaigns/new\""),
              std::string::npos);

    auto refused = binhai.request(
        "POST", "/campaigns",
        "csrf=" + binhai.csrf_token + "&year=20x7&name=&theme=", {{"content-type", kForm}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("请填写四位数的年度"), std::string::npos);

    auto made = binhai.request(
        "POST", "/campaigns",
        "csrf=" + binhai.csrf_token + "&year=2027&name=%E7%BD%91%E8%81%9A2027&theme=",
        {{"content-type", kForm}});
    ASSERT_EQ(made.status, 303) << made.body;
    const auto location = *made.header("location");
    const auto settings = location.substr(0, location.find('?'));
    const auto page = binhai.get(location);
    EXPECT_NE(page.body.find("主题活动已创建"), std::string::npos);
    EXPECT_NE(page.body.find("开展线下活动"), std::string::npos);
    const auto show = binhai.get(settings.substr(0, settings.rfind('/')));
    EXPECT_NE(show.body.find(settings), std::string::npos);  // linked from the campaign page

    auto bad_phases =
        binhai.request("POST", settings + "/phases",
                       "csrf=" + binhai.csrf_token +
                           "&starts_on_1=2027-06-01&ends_on_1=2027-05-01&starts_on_2=2027-08-06"
                           "&ends_on_2=2027-09-30&starts_on_3=2027-10-01&ends_on_3=",
                       {{"content-type", kForm}});
    EXPECT_EQ(bad_phases.status, 400);
    EXPECT_NE(bad_phases.body.find("启动推荐:结束日期不能早于开始日期"), std::string::npos);
    EXPECT_NE(bad_phases.body.find("总结展示:请填写结束日期"), std::string::npos);
    EXPECT_NE(bad_phases.body.find("value=\"2027-05-01\""), std::string::npos);  // kept as typed

    auto add = binhai.request(
        "POST", settings + "/metrics",
        "csrf=" + binhai.csrf_token + "&name=%E8%B5%B0%E8%AE%BF&measure=%E6%88%B7&code=",
        {{"content-type", kForm}});
    EXPECT_EQ(add.status, 303);
    EXPECT_NE(binhai.get(settings).body.find("custom_6"), std::string::npos);
}

TEST_F(WebTest, UsersHaveACheckedEmailSetByTheirAdminOrThemselves) {
    auto binhai = logged_in("binhai_admin");
    auto bad = binhai.json("PATCH", "/api/v1/users/xinhe_admin",
                           {{"email", "xinhe at bhxqgh"}, {"disabled", true}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.json()["error"]["fields"].contains("email"));
    auto users = binhai.get("/api/v1/units/bh_xinhe/users").json()["users"];
    for (const auto& u : users) {
        if (u["username"] != "xinhe_admin") continue;
        EXPECT_TRUE(u["email"].is_null());
        EXPECT_FALSE(u["disabled"].get<bool>());  // nothing stored on bad input
    }
    auto ok = binhai.json("PATCH", "/api/v1/users/xinhe_admin", {{"email", "xinhe@bhxqgh.cn"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["email"], "xinhe@bhxqgh.cn");
    EXPECT_EQ(logged_in("teda_admin")
                  .json("PATCH", "/api/v1/users/xinhe_admin", {{"email", "x@y.cn"}})
                  .status,
              404);

    auto page = binhai.request("POST", "/admin/users/xinhe_admin/email",
                               "csrf=" + binhai.csrf_token + "&unit=bh_xinhe&email=bad@",
                               {{"content-type", kForm}});
    EXPECT_EQ(page.status, 400);
    EXPECT_NE(page.body.find("电子邮箱格式不正确"), std::string::npos);

    auto xinhe = logged_in("xinhe_admin");
    EXPECT_NE(xinhe.get("/account").body.find("value=\"xinhe@bhxqgh.cn\""), std::string::npos);
    auto own = xinhe.request("POST", "/account/email",
                             "csrf=" + xinhe.csrf_token + "&email=yu%40bhxqgh.cn",
                             {{"content-type", kForm}});
    EXPECT_EQ(own.status, 303);
    EXPECT_NE(xinhe.get("/account").body.find("value=\"yu@bhxqgh.cn\""), std::string::npos);
    auto own_bad = xinhe.request("POST", "/account/email", "csrf=" + xinhe.csrf_token + "&email=yu",
                                 {{"content-type", kForm}});
    EXPECT_EQ(own_bad.status, 400);
    EXPECT_NE(own_bad.body.find("电子邮箱格式不正确"), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
