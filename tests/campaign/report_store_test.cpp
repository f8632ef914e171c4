#include "domain/error.h"
#include "sample_report.h"
#include "store/activity_report_store.h"
#include "store/campaign_plan_store.h"
#include "store/campaign_store.h"
#include "store/inbox_store.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class ReportStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        plans = std::make_unique<CampaignPlanStore>(store->database());
        reports = std::make_unique<ActivityReportStore>(store->database());
        city = add_unit("tianjin", UnitKind::city);
        district = add_unit("binhai", UnitKind::district, "tianjin");
        town = add_unit("bh_xinhe", UnitKind::town, "binhai");
        grassroots = add_unit("xinhe_shequ", UnitKind::grassroots, "bh_xinhe");
        filer = add_user("xinhe_admin", town.id);
        campaign = CampaignStore(store->database()).create_campaign({2023, "网聚", ""}, ctx);
        plans->add_default_metrics(campaign.id, ctx);
        metrics = plans->metrics(campaign.id);
    }

    ReportDraft draft(long long people) { return wangju::testing::sample_report(people); }

    ActivityReport approved(const Unit& unit, long long people, bool late = false) {
        auto r = reports->create_report(campaign.id, unit, draft(people), filer.id, now_utc(), ctx);
        reports->submit_report(r.id, late, now_utc(), ctx);
        return reports->approve_report(r.id, metrics, now_utc(), ctx);
    }

    long long total(const Unit& parent, const Unit& unit, const char* code) {
        auto f = plans->figures(campaign.id, parent);
        for (const auto& m : metrics) {
            if (m.code != code) continue;
            auto it = f.approved.find({unit.id, m.id});
            return it == f.approved.end() ? 0 : it->second;
        }
        return -1;
    }

    std::unique_ptr<CampaignPlanStore> plans;
    std::unique_ptr<ActivityReportStore> reports;
    Unit city, district, town, grassroots;
    User filer;
    Campaign campaign;
    std::vector<Metric> metrics;
};
INSTANTIATE_TEST_SUITE_P(Engines, ReportStoreTest, engines(), engine_name);

TEST_P(ReportStoreTest, MovingAUnitMovesItsApprovedFiguresToItsNewAncestors) {
    auto other_town = add_unit("bh_hangu", UnitKind::town, "binhai");
    approved(grassroots, 40);
    approved(grassroots, 5, true);
    ASSERT_EQ(total(district, town, "workers_reached"), 45);

    store->move_unit(grassroots.id, other_town.id, ctx);

    EXPECT_EQ(total(district, town, "workers_reached"), 0);
    EXPECT_EQ(total(district, other_town, "workers_reached"), 45);
    EXPECT_EQ(total(city, district, "workers_reached"), 45);  // shared ancestors keep their figures
    EXPECT_EQ(total(city, city, "offline_activities"), 2);
    auto f = plans->figures(campaign.id, district);
    EXPECT_EQ(f.counts[town.id].on_time + f.counts[town.id].late, 0);
    EXPECT_EQ(f.counts[other_town.id].on_time, 1);
    EXPECT_EQ(f.counts[other_town.id].late, 1);
    EXPECT_EQ(plans->figures(campaign.id, city).counts[district.id].on_time, 1);
}

TEST_P(ReportStoreTest, ApprovalAddsToTheUnitAndEveryAncestorAndUnlockTakesItBack) {
    approved(grassroots, 40);
    auto second = approved(town, 60, true);
    EXPECT_EQ(total(town, grassroots, "workers_reached"), 40);
    EXPECT_EQ(total(district, town, "workers_reached"), 100);
    EXPECT_EQ(total(city, district, "workers_reached"), 100);
    EXPECT_EQ(total(city, city, "offline_activities"), 2);
    auto f = plans->figures(campaign.id, district);
    EXPECT_EQ(f.counts[town.id].on_time, 1);
    EXPECT_EQ(f.counts[town.id].late, 1);

    reports->unlock_report(second.id, "人数有误", now_utc(), ctx);
    EXPECT_EQ(total(district, town, "workers_reached"), 40);
    EXPECT_EQ(total(city, city, "offline_activities"), 1);
    EXPECT_EQ(plans->figures(campaign.id, district).counts[town.id].late, 0);
    EXPECT_EQ(reports->find_report(second.id)->report.state, ReportState::draft);
    EXPECT_EQ(reports->find_report(second.id)->report.note, "人数有误");
}

TEST_P(ReportStoreTest, ApprovedReportIsLockedAndStatesMoveOnlyForward) {
    auto r = approved(town, 10);
    const auto events = store->count_audit_events();
    EXPECT_THROW(reports->update_report(r.id, draft(99), now_utc(), ctx), Error);
    EXPECT_THROW(reports->approve_report(r.id, metrics, now_utc(), ctx), Error);
    EXPECT_THROW(reports->return_report(r.id, "x", now_utc(), ctx), Error);
    EXPECT_EQ(store->count_audit_events(), events);
    EXPECT_EQ(reports->find_report(r.id)->report.draft.participants, 10);
    EXPECT_EQ(total(district, town, "workers_reached"), 10);
}

TEST_P(ReportStoreTest, ReturnedReportCanBeEditedAndSubmittedAgain) {
    auto r = reports->create_report(campaign.id, town, draft(5), filer.id, now_utc(), ctx);
    reports->submit_report(r.id, false, now_utc(), ctx);
    EXPECT_THROW(reports->update_report(r.id, draft(6), now_utc(), ctx), Error);  // awaiting review
    reports->return_report(r.id, "请补充照片", now_utc(), ctx);
    EXPECT_EQ(reports->update_report(r.id, draft(6), now_utc(), ctx).draft.participants, 6);
    EXPECT_EQ(reports->submit_report(r.id, false, now_utc(), ctx).state, ReportState::submitted);
    ReportQuery q{campaign.id, district.path, ReportState::submitted, 10, 0};
    EXPECT_EQ(reports->count_reports(q), 1u);
    q.subtree_path = grassroots.path;
    EXPECT_EQ(reports->count_reports(q), 0u);
}

TEST_P(ReportStoreTest, QuotasDeadlinesAndExtensionsReadBack) {
    plans->set_quotas(campaign.id, {{town.id, metrics[0].id, 3}, {district.id, metrics[0].id, 9}}, ctx);
    plans->set_quotas(campaign.id, {{town.id, metrics[0].id, 4}}, ctx);
    auto f = plans->figures(campaign.id, district);
    EXPECT_EQ((f.quotas[{town.id, metrics[0].id}]), 4);
    EXPECT_EQ((f.quotas[{district.id, metrics[0].id}]), 9);
    plans->set_deadline(campaign.id, "activity_report", district.id, *parse_date("2023-08-05"), ctx);
    plans->set_deadline(campaign.id, "activity_report", district.id, *parse_date("2023-08-06"), ctx);
    ASSERT_EQ(plans->deadlines(campaign.id).size(), 1u);
    const auto after = *parse_utc("2023-08-07T01:00:00Z");
    EXPECT_FALSE(plans->duty_window(campaign.id, "activity_report", town, after).open);
    EXPECT_THROW(plans->grant_extension({0, campaign.id, "activity_report", town.id,
                                        *parse_date("2023-08-06"), "太早", filer.id, after},
                                       town, ctx),
                 Error);
    plans->grant_extension({0, campaign.id, "activity_report", town.id, *parse_date("2023-08-10"),
                           "防汛", filer.id, after},
                          town, ctx);
    auto w = plans->duty_window(campaign.id, "activity_report", town, after);
    EXPECT_TRUE(w.open);
    EXPECT_TRUE(w.late);
}

TEST_P(ReportStoreTest, InboxNoticeIsStoredOncePerKey) {
    InboxStore inbox(store->database());
    InboxNotice n{0, town.id, "催办", "请尽快报送", "/campaigns/1", now_utc(), std::nullopt};
    EXPECT_TRUE(inbox.notify(n, "k1", ctx));
    EXPECT_FALSE(inbox.notify(n, "k1", ctx));
    EXPECT_EQ(inbox.unread(town.id), 1u);
    const auto id = inbox.notices(town.id).front().id;
    EXPECT_THROW(inbox.mark_read(id, district.id, now_utc()), Error);
    inbox.mark_read(id, town.id, now_utc());
    EXPECT_EQ(inbox.unread(town.id), 0u);
}

}  // namespace
}  // namespace wangju::store::testing
