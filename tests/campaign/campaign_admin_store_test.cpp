// CampaignAdminStore on both engines: a campaign with its owner and the 12351+ metrics in one
// transaction, metrics added, renamed and retired, and refusals that change nothing.
#include <gtest/gtest.h>

#include "domain/campaign_admin.h"
#include "domain/error.h"
#include "sample_report.h"
#include "store/activity_report_store.h"
#include "store/campaign_admin_store.h"
#include "store/campaign_plan_store.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class CampaignAdminStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        admin = std::make_unique<CampaignAdminStore>(store->database());
        plans = std::make_unique<CampaignPlanStore>(store->database());
        district = add_unit("binhai", UnitKind::district);
        town = add_unit("bh_xinhe", UnitKind::town, "binhai");
    }

    std::size_t events(const std::string& action) {
        std::size_t n = 0;
        for (const auto& e : store->audit_events(0, 10000)) n += e.action == action;
        return n;
    }

    std::unique_ptr<CampaignAdminStore> admin;
    std::unique_ptr<CampaignPlanStore> plans;
    Unit district, town;
};
INSTANTIATE_TEST_SUITE_P(Engines, CampaignAdminStoreTest, engines(), engine_name);

TEST_P(CampaignAdminStoreTest, ACampaignIsCreatedWithItsOwnerAndTheDefaultMetricsOnce) {
    auto c = admin->create_campaign({2027, "网聚职工正能量 争做中国好网民", "主题"}, district.id, ctx);
    EXPECT_EQ(admin->owner(c.id), district.id);
    ASSERT_EQ(plans->metrics(c.id).size(), default_metrics().size());
    EXPECT_EQ(events("campaign.create"), 1u);
    try {
        admin->create_campaign({2027, "网聚职工正能量 争做中国好网民", ""}, district.id, ctx);
        ADD_FAILURE() << "a second campaign of the same year and name was stored";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_TRUE(e.fields().contains("name"));
    }
    EXPECT_THROW(admin->create_campaign({1999, "旧活动", ""}, district.id, ctx), Error);
    EXPECT_EQ(events("campaign.create"), 1u);
}

TEST_P(CampaignAdminStoreTest, MetricsAreAddedRenamedAndRetired) {
    auto c = admin->create_campaign({2027, "网聚", ""}, district.id, ctx);
    auto m = admin->add_metric(c.id, new_entered_metric(c.id, "", "走访困难职工", "户"), ctx);
    EXPECT_EQ(m.code, "custom_6");
    EXPECT_EQ(m.position, 6);
    EXPECT_THROW(admin->add_metric(c.id, new_entered_metric(c.id, "", "走访困难职工", "户"), ctx),
                 Error);
    EXPECT_THROW(admin->add_metric(c.id, new_entered_metric(c.id, "visits", "走访", ""), ctx), Error);
    auto renamed = admin->rename_metric(c.id, m.id, {"走访慰问困难职工", "户", {}}, ctx);
    EXPECT_EQ(plans->metrics(c.id).back().name, "走访慰问困难职工");
    EXPECT_EQ(renamed.code, "custom_6");
    admin->rename_metric(c.id, m.id, {"走访慰问困难职工", "户", {{"走访", "慰问困难职工"}}}, ctx);
    EXPECT_EQ(plans->metrics(c.id).back().aliases, (std::vector<std::string>{"走访", "慰问困难职工"}));
    admin->rename_metric(c.id, m.id, {"走访慰问困难职工", "户", std::nullopt}, ctx);
    EXPECT_EQ(plans->metrics(c.id).back().aliases.size(), 2u);  // left out: kept
    // An alias that another metric answers to is refused.
    EXPECT_THROW(admin->rename_metric(c.id, m.id, {"走访慰问困难职工", "户", {{"线下活动"}}}, ctx),
                 Error);
    EXPECT_EQ(plans->metrics(c.id).front().aliases,
              (std::vector<std::string>{"线下活动", "线下活动场次"}));
    EXPECT_THROW(admin->rename_metric(c.id, m.id, {"开展线下活动", "场", {}}, ctx), Error);
    EXPECT_THROW(admin->rename_metric(c.id, MetricId{m.id.value + 1000}, {"x", "个", {}}, ctx), Error);
    admin->retire_metric(c.id, m.id, ctx);
    EXPECT_EQ(plans->metrics(c.id).size(), default_metrics().size());
    EXPECT_EQ(events("campaign.metric_retire"), 1u);
}

TEST_P(CampaignAdminStoreTest, AMetricWithAQuotaOrAnApprovedFigureStays) {
    auto c = admin->create_campaign({2027, "网聚", ""}, district.id, ctx);
    const auto metrics = plans->metrics(c.id);
    plans->set_quotas(c.id, {{town.id, metrics[0].id, 3}}, ctx);
    EXPECT_THROW(admin->retire_metric(c.id, metrics[0].id, ctx), Error);

    // 覆盖职工 has no quota but an approved report counts its participants.
    ActivityReportStore reports(store->database());
    const auto filer = add_user("xinhe_admin", town.id);
    auto r = reports.create_report(c.id, town, wangju::testing::sample_report(30, "2027-07-01"),
                                   filer.id, now_utc(), ctx);
    reports.submit_report(r.id, false, now_utc(), ctx);
    reports.approve_report(r.id, metrics, now_utc(), ctx);
    MetricId workers;
    for (const auto& m : metrics)
        if (m.code == "workers_reached") workers = m.id;
    EXPECT_THROW(admin->retire_metric(c.id, workers, ctx), Error);
    EXPECT_EQ(plans->metrics(c.id).size(), metrics.size());
    EXPECT_EQ(events("campaign.metric_retire"), 0u);
}

}  // namespace
}  // namespace wangju::store::testing
