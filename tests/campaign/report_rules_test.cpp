#include <gtest/gtest.h>

#include "domain/activity_report.h"
#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "domain/quota_import.h"
#include "sample_report.h"

namespace wangju {
namespace {

ReportDraft good_draft() {
    ReportDraft d = testing::sample_report(120);
    d.promoters = 8;
    d.online = {{"https://v.example.cn/1", 300}, {"https://v.example.cn/2", 200}};
    d.entered["enterprises_visited"] = 2;
    return d;
}

TEST(ReportRules, GoodDraftPassesAndBadFieldsAreNamed) {
    EXPECT_NO_THROW(check_report_draft(good_draft()));
    auto d = good_draft();
    d.activity_name = " ";
    d.held_on.reset();
    d.form = "聚餐";
    d.participants = -1;
    d.online = {{"javascript:alert(1)", 1}};
    try {
        check_report_draft(d);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        for (const char* f : {"activity_name", "held_on", "form", "participants", "online"})
            EXPECT_TRUE(e.fields().count(f)) << f;
    }
}

TEST(ReportRules, StateMachineLocksApprovedReports) {
    EXPECT_TRUE(is_editable(ReportState::draft));
    EXPECT_TRUE(is_editable(ReportState::returned));
    EXPECT_FALSE(is_editable(ReportState::submitted));
    EXPECT_FALSE(is_editable(ReportState::approved));
    EXPECT_THROW(require_can_submit(ReportState::approved), Error);
    EXPECT_NO_THROW(require_can_submit(ReportState::returned));
    EXPECT_THROW(require_can_decide(ReportState::draft), Error);
    EXPECT_NO_THROW(require_can_decide(ReportState::submitted));
    EXPECT_THROW(require_can_unlock(ReportState::submitted), Error);
    EXPECT_THROW(check_reason("  "), Error);
}

TEST(ReportRules, ContributionFollowsEachMetricsSource) {
    auto metrics = default_metrics();
    for (std::size_t i = 0; i < metrics.size(); ++i) metrics[i].id = MetricId{static_cast<long long>(i + 1)};
    auto c = contribution(good_draft(), metrics);
    EXPECT_EQ(c[MetricId{1}], 1);    // offline activities
    EXPECT_EQ(c[MetricId{2}], 8);    // promoters
    EXPECT_EQ(c[MetricId{3}], 2);    // enterprises visited, typed
    EXPECT_EQ(c[MetricId{4}], 120);  // workers reached
    EXPECT_EQ(c[MetricId{5}], 500);  // online reach
}

Unit unit(long long id, const char* path) {
    Unit u;
    u.id = UnitId{id};
    u.path = path;
    return u;
}

TEST(CampaignPermission, TownAdminActsOnOwnSubtreeAndDecidesOnlyBelowIt) {
    Actor town{UserId{1}, Roles{Role::unit_admin}, UnitId{3}, "/1/2/3/"};
    const Unit district = unit(2, "/1/2/"), self = unit(3, "/1/2/3/"), child = unit(4, "/1/2/3/4/"),
               other_town = unit(5, "/1/2/5/");
    EXPECT_TRUE(may_view_campaign_unit(town, self));
    EXPECT_TRUE(may_view_campaign_unit(town, child));
    EXPECT_FALSE(may_view_campaign_unit(town, other_town));
    EXPECT_FALSE(may_view_campaign_unit(town, district));
    EXPECT_TRUE(may_file_for(town, self));
    EXPECT_FALSE(may_file_for(town, other_town));
    EXPECT_TRUE(may_decide_for(town, child));
    EXPECT_FALSE(may_decide_for(town, self));  // its own reports go to the district
    EXPECT_FALSE(may_decide_for(town, other_town));
    Actor worker{UserId{2}, Roles{Role::worker}, UnitId{3}, "/1/2/3/"};
    EXPECT_FALSE(may_view_campaign_unit(worker, self));
    EXPECT_FALSE(may_file_for(worker, self));
    Actor sys{UserId{3}, Roles{Role::sysadmin}, UnitId{1}, "/1/"};
    EXPECT_TRUE(may_decide_for(sys, other_town));
    EXPECT_TRUE(may_manage_campaigns(sys));
    EXPECT_FALSE(may_manage_campaigns(town));
}

TEST(QuotaImport, EveryBadRowIsReportedWithItsNumberAndNothingIsPlanned) {
    auto metrics = default_metrics();
    for (std::size_t i = 0; i < metrics.size(); ++i) metrics[i].id = MetricId{static_cast<long long>(i + 1)};
    Actor district{UserId{1}, Roles{Role::unit_admin}, UnitId{2}, "/1/2/"};
    std::map<std::string, Unit> units{{"bh_teda", unit(3, "/1/2/3/")}, {"bh_xinhe", unit(4, "/1/2/4/")},
                                      {"heping", unit(9, "/1/9/")}};
    units["bh_teda"].name = "天津经济技术开发区总工会";
    units["bh_xinhe"].name = "新河街道总工会";
    QuotaLookups lookups{[&](std::string_view code) -> std::optional<Unit> {
                             auto it = units.find(std::string(code));
                             if (it == units.end()) return std::nullopt;
                             return it->second;
                         },
                         [&](std::string_view name) -> std::optional<Unit> {
                             for (auto& [k, u] : units)
                                 if (u.name == name) return u;
                             return std::nullopt;
                         }};
    const std::vector<std::vector<std::string>> good = {
        {"附件2 任务分配表"},
        {"序号", "单位名称", "开展线下活动(场)", "发展好网民宣传员(人)"},
        {"1", "天津经济技术开发区总工会", "4", "20"},
        {"2", "新河街道总工会", "3", ""},
        {"", "合计", "7", "20"}};
    auto plan = plan_quota_import(good, metrics, district, lookups);
    EXPECT_TRUE(plan.errors.empty());
    ASSERT_EQ(plan.entries.size(), 3u);
    EXPECT_EQ(plan.entries[0].target, 4);
    EXPECT_EQ(plan.entries[2].metric, MetricId{1});

    const std::vector<std::vector<std::string>> bad = {
        {"单位编码", "开展线下活动"},
        {"bh_teda", "三"},
        {"nowhere", "3"},
        {"heping", "3"},
        {"bh_xinhe", "3"},
        {"bh_xinhe", "-1"}};
    plan = plan_quota_import(bad, metrics, district, lookups);
    ASSERT_EQ(plan.errors.size(), 4u);
    EXPECT_EQ(plan.errors[0].row, 2);
    EXPECT_EQ(plan.errors[1].row, 3);
    EXPECT_EQ(plan.errors[2].row, 4);
    EXPECT_EQ(plan.errors[3].row, 6);
    EXPECT_NE(plan.errors[1].reason.find("nowhere"), std::string::npos);
}

TEST(MetricNames, AColumnNamesAMetricByCodeNameOrAliasWithOrWithoutItsMeasure) {
    const Metric promoters = default_metrics()[1];
    for (std::string_view header : {"promoters", "发展好网民宣传员", "发展好网民宣传员(人)",
                                    "宣传员（人）", " 好网民宣传员 ", "招募“好网民”宣传员人数"}) {
        EXPECT_TRUE(names_metric(header, promoters)) << header;
    }
    for (std::string_view header : {"", "宣传", "(人)", "志愿者（人）", "Promoters"}) {
        EXPECT_FALSE(names_metric(header, promoters)) << header;
    }
}

TEST(MetricNames, AliasesAreSplitAtTheSeparatorsPeopleType) {
    EXPECT_EQ(parse_metric_aliases("线下活动、 线下活动场次，活动;活动\n场次 ,"),
              (std::vector<std::string>{"线下活动", "线下活动场次", "活动", "场次"}));
    EXPECT_TRUE(parse_metric_aliases(" 、 ").empty());
}

}  // namespace
}  // namespace wangju
