// The campaign over HTTP, on the demo federation: the 2023 campaign (id 1, filing closed since
// 5 August 2023) and the current campaign (id 2, district deadline 14 days ahead).
#include <gtest/gtest.h>

#include <unistd.h>

#include "support/openpyxl_book.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

constexpr const char* kCurrent = "/api/v1/campaigns/2";
constexpr const char* k2023 = "/api/v1/campaigns/1";

nlohmann::json report_body(const std::string& unit, const std::string& name = "网络安全知识竞赛") {
    return {{"unit", unit},
            {"activity_name", name},
            {"held_on", "2026-11-01"},
            {"place", "职工之家"},
            {"form", "知识竞赛"},
            {"themes", {"网络安全知识", "个人信息保护"}},
            {"participants", 50},
            {"promoters", 4},
            {"online", {{{"url", "https://v.example.cn/1"}, {"views", 700}}}}};
}

// The approved figure of `metric` for `unit_code` on `dashboard_unit`'s dashboard.
long long approved_on(HttpClient& c, const std::string& campaign, const std::string& dashboard_unit,
                      const std::string& unit_code, const std::string& metric) {
    auto d = c.get(campaign + "/dashboard?unit=" + dashboard_unit).json();
    std::vector<nlohmann::json> rows = {d["self"]};
    for (const auto& ch : d["children"]) rows.push_back(ch);
    for (const auto& row : rows) {
        if (row["code"] != unit_code) continue;
        for (const auto& cell : row["cells"])
            if (cell["metric"] == metric) return cell["approved"].get<long long>();
    }
    return -1;
}

long long file_and_submit(HttpClient& c, const std::string& campaign, const std::string& unit) {
    auto created = c.json("POST", campaign + "/reports", report_body(unit));
    EXPECT_EQ(created.status, 201) << created.body;
    const auto id = created.json()["id"].get<long long>();
    auto submitted = c.json("POST", campaign + "/reports/" + std::to_string(id) + "/submit", nlohmann::json::object());
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    return id;
}

TEST_F(WebTest, CampaignsAreListedNewestFirst) {
    auto c = logged_in("binhai_admin");
    auto list = c.get("/api/v1/campaigns");
    ASSERT_EQ(list.status, 200);
    auto all = list.json()["campaigns"];
    ASSERT_EQ(all.size(), 2u);
    EXPECT_GT(all[0]["year"].get<int>(), 2023);
    EXPECT_EQ(all[1]["year"], 2023);
    auto plan = c.get(k2023).json();
    EXPECT_EQ(plan["phases"].size(), 3u);
    EXPECT_EQ(plan["phases"][0]["name"], "启动推荐");
    bool district_deadline = false;
    for (const auto& d : plan["deadlines"])
        district_deadline |= d["set_by_code"] == "binhai" && d["due_on"] == "2023-08-05";
    EXPECT_TRUE(district_deadline);
}

TEST_F(WebTest, ApprovalShowsAtOnceOnTheDistrictAndCityDashboards) {
    auto teda = logged_in("teda_admin");
    auto binhai = logged_in("binhai_admin");
    auto tianjin = logged_in("tianjin_admin");
    const auto before = approved_on(binhai, kCurrent, "binhai", "bh_teda", "offline_activities");
    const auto city_before = approved_on(tianjin, kCurrent, "tianjin", "binhai", "workers_reached");
    const auto id = file_and_submit(teda, kCurrent, "bh_teda");
    EXPECT_EQ(approved_on(binhai, kCurrent, "binhai", "bh_teda", "offline_activities"), before);
    auto approved = binhai.json("POST", std::string(kCurrent) + "/reports/" + std::to_string(id) + "/approve",
                                nlohmann::json::object());
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json()["state"], "approved");
    EXPECT_EQ(approved_on(binhai, kCurrent, "binhai", "bh_teda", "offline_activities"), before + 1);
    EXPECT_EQ(approved_on(tianjin, kCurrent, "tianjin", "binhai", "workers_reached"), city_before + 50);
    auto d = binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    EXPECT_LE(d["completeness"]["percent"].get<double>(), 100.0);
    EXPECT_GE(d["completeness"]["on_time"].get<int>(), 1);
}

TEST_F(WebTest, TownAdminCannotSeeOrApproveAnotherTownsReports) {
    auto teda = logged_in("teda_admin");
    auto xinhe = logged_in("xinhe_admin");
    const auto id = std::to_string(file_and_submit(teda, kCurrent, "bh_teda"));
    EXPECT_EQ(xinhe.get(std::string(kCurrent) + "/reports/" + id).status, 404);
    EXPECT_EQ(xinhe.json("POST", std::string(kCurrent) + "/reports/" + id + "/approve", nlohmann::json::object()).status, 404);
    EXPECT_EQ(xinhe.get(std::string(kCurrent) + "/dashboard?unit=bh_teda").status, 403);
    EXPECT_EQ(xinhe.get(std::string(kCurrent) + "/reports?unit=bh_teda").status, 403);
    EXPECT_EQ(xinhe.json("POST", std::string(kCurrent) + "/reports", report_body("bh_teda")).status, 403);
    // A unit does not approve its own reports; the unit above does.
    auto own = teda.json("POST", std::string(kCurrent) + "/reports/" + id + "/approve", nlohmann::json::object());
    EXPECT_EQ(own.status, 403);
    EXPECT_EQ(own.json()["error"]["code"], "forbidden");
    // Nothing the refused requests tried changed the report.
    EXPECT_EQ(teda.get(std::string(kCurrent) + "/reports/" + id).json()["state"], "submitted");
    auto listed = xinhe.get(std::string(kCurrent) + "/reports?unit=bh_xinhe").json();
    for (const auto& r : listed["reports"]) EXPECT_NE(r["unit_code"], "bh_teda");
}

TEST_F(WebTest, GrassrootsReportIsApprovedByItsTown) {
    auto shequ = logged_in("shequ_admin");
    auto xinhe = logged_in("xinhe_admin");
    const auto id = std::to_string(file_and_submit(shequ, kCurrent, "xinhe_shequ"));
    auto ok = xinhe.json("POST", std::string(kCurrent) + "/reports/" + id + "/approve", nlohmann::json::object());
    EXPECT_EQ(ok.status, 200) << ok.body;
    auto inbox = shequ.get("/api/v1/inbox").json();
    ASSERT_FALSE(inbox["notices"].empty());
    EXPECT_EQ(inbox["notices"][0]["title"], "活动报告已审核通过");
}

TEST_F(WebTest, ApprovedReportCannotBeEditedUntilUnlockedWithAReason) {
    auto teda = logged_in("teda_admin");
    auto binhai = logged_in("binhai_admin");
    const std::string path = std::string(kCurrent) + "/reports/" + std::to_string(file_and_submit(teda, kCurrent, "bh_teda"));
    ASSERT_EQ(binhai.json("POST", path + "/approve", nlohmann::json::object()).status, 200);
    auto edit = teda.json("PUT", path, report_body("bh_teda", "改过的名称"));
    EXPECT_EQ(edit.status, 409);
    EXPECT_EQ(teda.get(path).json()["activity_name"], "网络安全知识竞赛");
    EXPECT_EQ(binhai.json("POST", path + "/unlock", nlohmann::json::object()).status, 400);  // no reason
    EXPECT_EQ(teda.json("POST", path + "/unlock", {{"reason", "自己解锁"}}).status, 403);
    const auto before = approved_on(binhai, kCurrent, "binhai", "bh_teda", "offline_activities");
    auto unlocked = binhai.json("POST", path + "/unlock", {{"reason", "参与人数填错"}});
    ASSERT_EQ(unlocked.status, 200) << unlocked.body;
    EXPECT_EQ(approved_on(binhai, kCurrent, "binhai", "bh_teda", "offline_activities"), before - 1);
    EXPECT_EQ(teda.json("PUT", path, report_body("bh_teda", "改过的名称")).status, 200);
}

TEST_F(WebTest, ReturnNeedsAReasonAndLetsTheUnitFileAgain) {
    auto teda = logged_in("teda_admin");
    auto binhai = logged_in("binhai_admin");
    const std::string path = std::string(kCurrent) + "/reports/" + std::to_string(file_and_submit(teda, kCurrent, "bh_teda"));
    auto no_reason = binhai.json("POST", path + "/return", {{"reason", ""}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(no_reason.json()["error"]["fields"].contains("reason"));
    auto returned = binhai.json("POST", path + "/return", {{"reason", "请补充照片"}});
    EXPECT_EQ(returned.json()["state"], "returned");
    EXPECT_EQ(returned.json()["note"], "请补充照片");
    EXPECT_EQ(teda.json("POST", path + "/submit", nlohmann::json::object()).json()["state"], "submitted");
}

TEST_F(WebTest, FilingAfterTheDeadlineIsRefusedUnlessExtended) {
    auto xinhe = logged_in("xinhe_admin");
    auto binhai = logged_in("binhai_admin");
    auto created = xinhe.json("POST", std::string(k2023) + "/reports", report_body("bh_xinhe"));
    ASSERT_EQ(created.status, 201);
    const std::string path = std::string(k2023) + "/reports/" + std::to_string(created.json()["id"].get<long long>());
    auto late = xinhe.json("POST", path + "/submit", nlohmann::json::object());
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(late.json()["error"]["code"], "deadline_passed");
    EXPECT_NE(late.json()["error"]["message"].get<std::string>().find("2023-08-05"), std::string::npos);
    EXPECT_EQ(xinhe.get(path).json()["state"], "draft");
    // Only a level above may extend.
    EXPECT_EQ(xinhe.json("POST", std::string(k2023) + "/extensions",
                         {{"unit", "bh_xinhe"}, {"until", "2099-12-31"}, {"reason", "自批"}}).status, 403);
    auto ext = binhai.json("POST", std::string(k2023) + "/extensions",
                           {{"unit", "bh_xinhe"}, {"until", "2099-12-31"}, {"reason", "防汛任务延误"}});
    ASSERT_EQ(ext.status, 201) << ext.body;
    auto filed = xinhe.json("POST", path + "/submit", nlohmann::json::object());
    EXPECT_EQ(filed.status, 200) << filed.body;
    EXPECT_EQ(filed.json()["late"], true);
}

TEST_F(WebTest, BadQuotaImportChangesNothingAndNamesEachRow) {
    auto binhai = logged_in("binhai_admin");
    auto before = binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    const std::string csv =
        "单位名称,开展线下活动(场),发展好网民宣传员(人)\n"
        "天津经济技术开发区总工会,9,99\n"
        "不存在的工会,3,1\n"
        "新河街道总工会,三场,1\n"
        "天津市和平区总工会,3,1\n";
    auto bad = binhai.request("POST", std::string(kCurrent) + "/quotas/import", csv,
                              {{"x-csrf-token", binhai.csrf_token}, {"content-type", "text/csv"}});
    ASSERT_EQ(bad.status, 400) << bad.body;
    auto fields = bad.json()["error"]["fields"];
    EXPECT_TRUE(fields.contains("row:3"));
    EXPECT_TRUE(fields.contains("row:4"));
    EXPECT_TRUE(fields.contains("row:5"));  // not in binhai's subtree
    EXPECT_FALSE(fields.contains("row:2"));
    auto after = binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    EXPECT_EQ(before["children"], after["children"]);

    const std::string good =
        "单位名称,开展线下活动(场),发展好网民宣传员(人)\n天津经济技术开发区总工会,9,99\n";
    auto ok = binhai.request("POST", std::string(kCurrent) + "/quotas/import", good,
                             {{"x-csrf-token", binhai.csrf_token}, {"content-type", "text/csv"}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    auto d = binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    for (const auto& ch : d["children"])
        if (ch["code"] == "bh_teda") {
            EXPECT_EQ(ch["cells"][0]["quota"], 9);
        }
}

// The quota of `metric` that `unit_code` has on Binhai's dashboard.
long long quota_on(HttpClient& c, const std::string& unit_code, const std::string& metric) {
    auto d = c.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    for (const auto& ch : d["children"]) {
        if (ch["code"] != unit_code) continue;
        for (const auto& cell : ch["cells"])
            if (cell["metric"] == metric && cell["quota"].is_number()) return cell["quota"].get<long long>();
    }
    return -1;
}

// A 附件2 table as a district office fills it in, saved by a spreadsheet program: a title row,
// 序号, 单位, and the metrics headed the way the notice's tables head them.
// `extra_column` and `extra_value` are more Python list items for the header and each unit row.
std::string office_quota_table(const std::string& extra_column, const std::string& extra_value) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("wangju-quota-book-" + std::to_string(::getpid()));
    const std::string book = openpyxl_workbook("extra_column = [" + extra_column + "]\nextra_value = [" +
                                 extra_value + "]\n" + R"(
sheet.append(["2026年滨海新区总工会“12351+”计划任务分配表"])
sheet.append(["序号", "单位", "线下活动（场）", "宣传员（人）", "覆盖职工（人）"] + extra_column)
sheet.append([1, "天津经济技术开发区总工会", 7, 70, 700] + extra_value)
sheet.append([2, "新河街道总工会", 4, 40, 400] + extra_value)
sheet.append(["合计", None, 11, 110, 1100])
)",
                                               dir);
    std::filesystem::remove_all(dir);
    return book;
}

HttpAnswer import_quota_table(HttpClient& client, const std::string& bytes,
                              const std::string& content_type =
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return client.request("POST", std::string(kCurrent) + "/quotas/import", bytes,
                          {{"x-csrf-token", client.csrf_token}, {"content-type", content_type}});
}

TEST_F(WebTest, QuotaTableColumnsAreTakenByMetricAliasesAndTheAnswerSaysWhichWentWhere) {
    auto binhai = logged_in("binhai_admin");
    auto ok = import_quota_table(binhai, office_quota_table("", ""));
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["imported"], 6);
    const auto columns = ok.json()["columns"];
    ASSERT_EQ(columns.size(), 3u);
    EXPECT_EQ(columns[0]["column"], "线下活动（场）");
    EXPECT_EQ(columns[0]["metric"], "offline_activities");
    EXPECT_EQ(columns[1]["column"], "宣传员（人）");
    EXPECT_EQ(columns[1]["metric"], "promoters");
    EXPECT_EQ(columns[2]["column"], "覆盖职工（人）");
    EXPECT_EQ(columns[2]["metric"], "workers_reached");
    EXPECT_EQ(quota_on(binhai, "bh_teda", "offline_activities"), 7);
    EXPECT_EQ(quota_on(binhai, "bh_teda", "promoters"), 70);
    EXPECT_EQ(quota_on(binhai, "bh_xinhe", "workers_reached"), 400);
}

TEST_F(WebTest, AQuotaTableColumnThatNamesNoMetricStopsTheImport) {
    auto binhai = logged_in("binhai_admin");
    const auto before = binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json();
    auto bad = import_quota_table(binhai, office_quota_table(R"("志愿者（人）")", "5"));
    ASSERT_EQ(bad.status, 400) << bad.body;
    const std::string reason = bad.json()["error"]["fields"]["row:2"];
    EXPECT_NE(reason.find("列“志愿者（人）”不是本活动的指标"), std::string::npos) << reason;
    EXPECT_NE(reason.find("发展好网民宣传员(也可写作宣传员、"), std::string::npos) << reason;
    EXPECT_EQ(binhai.get(std::string(kCurrent) + "/dashboard?unit=binhai").json()["children"],
              before["children"]);

    // Two columns for one metric would have one overwrite the other.
    const std::string twice = "单位名称,开展线下活动(场),线下活动\n天津经济技术开发区总工会,9,8\n";
    auto refused = import_quota_table(binhai, twice, "text/csv");
    ASSERT_EQ(refused.status, 400) << refused.body;
    EXPECT_NE(refused.body.find("列“开展线下活动(场)”和列“线下活动”都对应指标“开展线下活动”"),
              std::string::npos)
        << refused.body;
}

TEST_F(WebTest, AMetricDeclaresAliasesThatNoOtherMetricUses) {
    auto binhai = logged_in("binhai_admin");
    auto added = binhai.json("POST", std::string(kCurrent) + "/metrics",
                             {{"name", "组织志愿服务"}, {"measure", "次"}, {"aliases", {"志愿者"}}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.json()["aliases"], nlohmann::json({"志愿者"}));
    const auto id = std::to_string(added.json()["id"].get<long long>());

    // An alias that is another metric's name (or alias) could mean either: refused.
    auto clash = binhai.json("PATCH", std::string(kCurrent) + "/metrics/" + id,
                             {{"aliases", "志愿者、线下活动"}});
    EXPECT_EQ(clash.status, 409) << clash.body;
    EXPECT_NE(clash.body.find("“线下活动”已是指标“开展线下活动”的名称或别名"), std::string::npos);

    const std::string csv = "单位名称,志愿者（次）\n天津经济技术开发区总工会,12\n";
    auto ok = import_quota_table(binhai, csv, "text/csv");
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["columns"][0]["metric_name"], "组织志愿服务");
}

TEST_F(WebTest, QuotaIsSetByTheLevelAboveOnly) {
    auto xinhe = logged_in("xinhe_admin");
    auto own = xinhe.json("POST", std::string(kCurrent) + "/quotas",
                          {{"unit", "bh_xinhe"}, {"quotas", {{"offline_activities", 1}}}});
    EXPECT_EQ(own.status, 403);
    auto split = xinhe.json("POST", std::string(kCurrent) + "/quotas",
                            {{"unit", "xinhe_gangkou"}, {"quotas", {{"offline_activities", 2}}}});
    ASSERT_EQ(split.status, 200) << split.body;
    auto d = xinhe.get(std::string(kCurrent) + "/dashboard?unit=bh_xinhe").json();
    EXPECT_EQ(d["split"][0]["children_sum"], 3);  // 1 (demo, xinhe_shequ) + 2
    auto bad = xinhe.json("POST", std::string(kCurrent) + "/quotas",
                          {{"unit", "xinhe_gangkou"}, {"quotas", {{"offline_activities", -3}}}});
    EXPECT_EQ(bad.status, 400);
}

TEST_F(WebTest, WorkersSeeNoCampaignFigures) {
    auto worker = logged_in("worker_zhang");
    EXPECT_EQ(worker.get(std::string(kCurrent) + "/dashboard").status, 403);
    EXPECT_EQ(worker.json("POST", std::string(kCurrent) + "/reports", report_body("teda_qiche")).status, 403);
    EXPECT_EQ(client().get(std::string(kCurrent) + "/dashboard").status, 401);
}

TEST_F(WebTest, RemindersReachTheInboxOfUnitsBehindOnce) {
    auto binhai = logged_in("binhai_admin");
    auto sent = binhai.json("POST", std::string(kCurrent) + "/reminders", {{"unit", "binhai"}, {"days", 30}});
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_GT(sent.json()["sent"].get<int>(), 0);
    auto again = binhai.json("POST", std::string(kCurrent) + "/reminders", {{"unit", "binhai"}, {"days", 30}});
    EXPECT_EQ(again.json()["sent"], 0);
    auto xinhe = logged_in("xinhe_admin");
    auto inbox = xinhe.get("/api/v1/inbox").json();
    ASSERT_FALSE(inbox["notices"].empty());
    EXPECT_NE(inbox["notices"][0]["title"].get<std::string>().find("催办"), std::string::npos);
    auto page = xinhe.get("/inbox");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("催办"), std::string::npos);
}

TEST_F(WebTest, ActivityNewsIsSentUpAndAcceptedAbove) {
    auto xinhe = logged_in("xinhe_admin");
    auto binhai = logged_in("binhai_admin");
    auto sent = xinhe.json("POST", std::string(kCurrent) + "/news",
                           {{"title", "新河街道开展个人信息保护宣传"}, {"body", "活动吸引职工 60 人参加。"}});
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(sent.json()["state"], "sent");
    const auto id = std::to_string(sent.json()["id"].get<long long>());
    EXPECT_EQ(xinhe.json("POST", std::string(kCurrent) + "/news/" + id + "/accept", nlohmann::json::object()).status, 403);
    auto accepted = binhai.json("POST", std::string(kCurrent) + "/news/" + id + "/accept", nlohmann::json::object());
    EXPECT_EQ(accepted.json()["state"], "accepted");
    EXPECT_EQ(xinhe.json("POST", std::string(kCurrent) + "/news", {{"title", ""}, {"body", "x"}}).status, 400);
}

TEST_F(WebTest, ActivityNewsIsPublishedOnThePortalInOneStepAndOnlyOnce) {
    auto xinhe = logged_in("xinhe_admin");
    auto sent = xinhe.json("POST", std::string(kCurrent) + "/news",
                           {{"title", "新河街道举办网络安全知识竞赛"}, {"body", "共有 12 支队伍参赛。"}});
    ASSERT_EQ(sent.status, 201) << sent.body;
    const auto publish = std::string(kCurrent) + "/news/" +
                         std::to_string(sent.json()["id"].get<long long>()) + "/publish";

    // A unit admin is not the portal's approver.
    EXPECT_EQ(xinhe.json("POST", publish, nlohmann::json::object()).status, 403);

    auto approver = logged_in("binhai_approver");
    auto published = approver.json("POST", publish, nlohmann::json::object());
    ASSERT_EQ(published.status, 201) << published.body;
    const auto article_id = std::to_string(published.json()["article_id"].get<long long>());

    auto visitor = client();
    auto article = visitor.get("/api/v1/articles/" + article_id);
    ASSERT_EQ(article.status, 200) << article.body;
    EXPECT_EQ(article.json()["title"], "新河街道举办网络安全知识竞赛");
    EXPECT_EQ(article.json()["state"], "published");
    auto page = visitor.get("/articles/" + article_id);
    EXPECT_NE(page.body.find("共有 12 支队伍参赛。"), std::string::npos);
    EXPECT_NE(page.body.find("新河街道总工会 报送"), std::string::npos);

    auto again = approver.json("POST", publish, nlohmann::json::object());
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json()["error"]["message"], "该条信息已在门户网站发布");
}

TEST_F(WebTest, CampaignPagesRenderForAnAdmin) {
    auto binhai = logged_in("binhai_admin");
    for (std::string page : {"/campaigns", "/campaigns/2", "/campaigns/2/dashboard?unit=binhai",
                             "/campaigns/2/reports", "/campaigns/2/reports/new", "/campaigns/2/quotas",
                             "/campaigns/2/news", "/inbox", "/campaigns/1/dashboard?unit=tianjin"}) {
        auto answer = binhai.get(page);
        EXPECT_EQ(answer.status, page == "/campaigns/1/dashboard?unit=tianjin" ? 403 : 200) << page;
    }
    auto dash = binhai.get("/campaigns/2/dashboard?unit=binhai");
    EXPECT_NE(dash.body.find("天津经济技术开发区总工会"), std::string::npos);
    EXPECT_NE(dash.body.find("完成度"), std::string::npos);
}

TEST_F(WebTest, ReportFormWithErrorsIsShownAgainWithTheMessages) {
    auto teda = logged_in("teda_admin");
    const std::string body = "csrf=" + teda.csrf_token + "&unit=bh_teda&activity_name=&held_on=2026-11-01&place=x&form=%E7%9F%A5%E8%AF%86%E7%AB%9E%E8%B5%9B&participants=abc&then=save";
    auto answer = teda.request("POST", "/campaigns/2/reports", body,
                               {{"content-type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(answer.status, 400);
    EXPECT_NE(answer.body.find("参与人数应为不小于 0 的整数"), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
