// Timed reminders on both engines: one inbox notice per unit and deadline across runs and
// restarts, and their e-mail through a real SMTP server (aiosmtpd) with retries after a failure.
#include <gtest/gtest.h>

#include "app/reminder_schedule.h"
#include "app/smtp_mailer.h"
#include "domain/error.h"
#include "sample_report.h"
#include "smtp_test_server.h"
#include "store/activity_report_store.h"
#include "store/inbox_store.h"
#include "support/store_fixture.h"
#include "support/web_fixture.h"

namespace wangju::store::testing {
namespace {

using std::chrono::hours;
using wangju::testing::SmtpTestServer;

class ReminderStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        open_stores(*store);
        district = add_unit("binhai", UnitKind::district);
        xinhe = add_unit("bh_xinhe", UnitKind::town, "binhai");
        teda = add_unit("bh_teda", UnitKind::zone, "binhai");
        xinhe_admin = add_user("xinhe_admin", xinhe.id);
        store->set_roles(xinhe_admin.id, Roles{Role::unit_admin}, ctx);
        campaign = campaigns->create_campaign({2023, "网聚职工正能量 争做中国好网民", ""}, ctx);
        plans->add_default_metrics(campaign.id, ctx);
        metrics = plans->metrics(campaign.id);
        plans->set_deadline(campaign.id, duty_activity_report, district.id, due, ctx);
        // 新河: 1 activity of 3 and 50 workers of 100; 泰达: 1 activity of 1.
        plans->set_quotas(campaign.id,
                          {{xinhe.id, metric("offline_activities"), 3},
                           {xinhe.id, metric("workers_reached"), 100},
                           {teda.id, metric("offline_activities"), 1}},
                          ctx);
        approve(xinhe, 50);
        approve(teda, 20);
    }

    void open_stores(Store& s) {
        campaigns = std::make_unique<CampaignStore>(s.database());
        plans = std::make_unique<CampaignPlanStore>(s.database());
        reminders = std::make_unique<CampaignReminderStore>(s.database());
        inbox = std::make_unique<InboxStore>(s.database());
    }

    MetricId metric(const std::string& code) {
        for (const auto& m : metrics)
            if (m.code == code) return m.id;
        throw std::runtime_error(code);
    }

    void approve(const Unit& unit, long long people) {
        ActivityReportStore reports(store->database());
        auto r = reports.create_report(campaign.id, unit, wangju::testing::sample_report(people),
                                       xinhe_admin.id, now_utc(), ctx);
        reports.submit_report(r.id, false, now_utc(), ctx);
        reports.approve_report(r.id, metrics, now_utc(), ctx);
    }

    app::ReminderRun run(Timestamp at, app::Mailer* mailer = nullptr, Store* s = nullptr) {
        app::ReminderSources sources{s ? *s : *store, *campaigns, *plans, *reminders};
        return app::run_reminders(sources, settings, at, mailer);
    }

    std::size_t audit_actions(const std::string& action) {
        std::size_t n = 0;
        for (const auto& e : store->audit_events(0, 10000)) n += e.action == action;
        return n;
    }

    Reminder xinhe_reminder() const {
        return {campaign.id, xinhe.id, duty_activity_report, due, {}};
    }

    const Date due = *parse_date("2023-08-05");
    const Timestamp two_days_before = end_of_shanghai_day(due) - hours(48);
    app::ReminderSettings settings{hours(1), hours(72), "https://wangju.example.cn/"};
    std::unique_ptr<CampaignStore> campaigns;
    std::unique_ptr<CampaignPlanStore> plans;
    std::unique_ptr<CampaignReminderStore> reminders;
    std::unique_ptr<InboxStore> inbox;
    Unit district, xinhe, teda;
    User xinhe_admin;
    Campaign campaign;
    std::vector<Metric> metrics;
};
INSTANTIATE_TEST_SUITE_P(Engines, ReminderStoreTest, engines(), engine_name);

TEST_P(ReminderStoreTest, OneNoticePerUnitBehindAcrossRunsAndRestarts) {
    EXPECT_EQ(run(two_days_before - hours(48)).notices, 0u);  // 4 days ahead: outside the window
    EXPECT_EQ(run(two_days_before).notices, 1u);
    EXPECT_EQ(run(two_days_before + hours(1)).notices, 0u);
    auto again = open_again();
    open_stores(*again);
    EXPECT_EQ(run(two_days_before + hours(2), nullptr, again.get()).notices, 0u);

    auto notices = inbox->notices(xinhe.id);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].title.find("网聚职工正能量"), std::string::npos);
    EXPECT_NE(notices[0].body.find("开展线下活动:已完成 1 场,任务 3 场"), std::string::npos);
    EXPECT_NE(notices[0].body.find("覆盖职工:已完成 50 人次,任务 100 人次"), std::string::npos);
    EXPECT_EQ(notices[0].link,
              "/campaigns/" + std::to_string(campaign.id.value) + "/dashboard?unit=bh_xinhe");
    EXPECT_TRUE(inbox->notices(teda.id).empty());  // its quota is met
    EXPECT_EQ(audit_actions("campaign.reminder"), 1u);
    EXPECT_EQ(reminders->mail_state(xinhe_reminder())->first, "pending");
}

TEST_P(ReminderStoreTest, AnExtensionPastTheWindowWaitsForTheExtendedDay) {
    const Date later = *parse_date("2023-08-20");
    plans->grant_extension({0, campaign.id, duty_activity_report, xinhe.id, later, "防汛",
                            xinhe_admin.id, two_days_before},
                           xinhe, ctx);
    EXPECT_EQ(run(two_days_before).notices, 0u);
    EXPECT_EQ(run(end_of_shanghai_day(later) - hours(24)).notices, 1u);
    EXPECT_NE(inbox->notices(xinhe.id).at(0).body.find("2023-08-20 24:00"), std::string::npos);
}

TEST_P(ReminderStoreTest, TheEmailReachesTheUnitAdminThroughARealSmtpServer) {
    store->set_email(xinhe_admin.id, "xinhe_admin@bhxqgh.cn", ctx);
    auto dir = wangju::testing::make_temp_dir("smtp");
    SmtpTestServer smtp(dir / "maildir");
    app::SmtpMailer mailer({smtp.url(), "wangju@bhxqgh.cn"});
    auto result = run(two_days_before, &mailer);
    EXPECT_EQ(result.notices, 1u);
    EXPECT_EQ(result.mailed, 1u);
    EXPECT_EQ(run(two_days_before + hours(1), &mailer).mailed, 0u);  // sent once

    auto messages = smtp.messages();
    ASSERT_EQ(messages.size(), 1u);
    const auto& m = messages[0];
    EXPECT_EQ(wangju::testing::mail_header(m, "X-RcptTo"), "xinhe_admin@bhxqgh.cn");
    EXPECT_EQ(wangju::testing::mail_header(m, "X-MailFrom"), "wangju@bhxqgh.cn");
    const auto subject = wangju::testing::mail_header(m, "Subject");
    EXPECT_EQ(subject,
              "催办:“网聚职工正能量 争做中国好网民”2023-08-05截止,bh_xinhe工会尚有任务未完成");
    const auto body = wangju::testing::mail_text(m);
    EXPECT_NE(body.find("2023-08-05 24:00"), std::string::npos) << body;
    EXPECT_NE(body.find(countdown_text(due, two_days_before)), std::string::npos) << body;
    EXPECT_NE(body.find("开展线下活动:已完成 1 场,任务 3 场,还差 2 场"), std::string::npos) << body;
    EXPECT_NE(body.find("覆盖职工:已完成 50 人次,任务 100 人次"), std::string::npos) << body;
    EXPECT_NE(body.find("https://wangju.example.cn/campaigns/" + std::to_string(campaign.id.value) +
                        "/dashboard?unit=bh_xinhe"),
              std::string::npos)
        << body;
    EXPECT_EQ(reminders->mail_state(xinhe_reminder())->first, "sent");
}

TEST_P(ReminderStoreTest, AFailedSendIsRetriedLaterAndNeverHoldsBackTheNotice) {
    store->set_email(xinhe_admin.id, "xinhe_admin@bhxqgh.cn", ctx);
    auto dir = wangju::testing::make_temp_dir("smtp");
    app::SmtpMailer nobody_listens(
        {"smtp://127.0.0.1:" + std::to_string(wangju::testing::unused_port()), "wangju@bhxqgh.cn"});
    auto failed = run(two_days_before, &nobody_listens);
    EXPECT_EQ(failed.notices, 1u);
    EXPECT_EQ(failed.failed, 1u);
    EXPECT_EQ(inbox->notices(xinhe.id).size(), 1u);
    EXPECT_EQ(*reminders->mail_state(xinhe_reminder()), std::make_pair(std::string("pending"), 1));

    SmtpTestServer smtp(dir / "maildir");
    app::SmtpMailer mailer({smtp.url(), "wangju@bhxqgh.cn"});
    auto retried = run(two_days_before + hours(1), &mailer);
    EXPECT_EQ(retried.notices, 0u);
    EXPECT_EQ(retried.mailed, 1u);
    EXPECT_EQ(smtp.messages().size(), 1u);
    EXPECT_EQ(inbox->notices(xinhe.id).size(), 1u);
}

TEST_P(ReminderStoreTest, WithoutAnAddressOrAfterTheDeadlineNoMailIsTried) {
    auto dir = wangju::testing::make_temp_dir("smtp");
    SmtpTestServer smtp(dir / "maildir");
    app::SmtpMailer mailer({smtp.url(), "wangju@bhxqgh.cn"});
    EXPECT_EQ(run(two_days_before, &mailer).unaddressed, 1u);
    EXPECT_EQ(reminders->mail_state(xinhe_reminder())->first, "none");

    // A reminder recorded while SMTP was off, found only after its last day: not mailed late.
    const Reminder teda_later{campaign.id, teda.id, duty_activity_report, due, {}};
    plans->set_quotas(campaign.id, {{teda.id, metric("offline_activities"), 5}}, ctx);
    store->set_email(xinhe_admin.id, "xinhe_admin@bhxqgh.cn", ctx);
    EXPECT_EQ(run(two_days_before + hours(1)).notices, 1u);
    EXPECT_EQ(run(end_of_shanghai_day(due) + hours(1), &mailer).mailed, 0u);
    EXPECT_EQ(reminders->mail_state(teda_later)->first, "expired");
    EXPECT_TRUE(smtp.messages().empty());
}

TEST_P(ReminderStoreTest, AnEmailIsCheckedAndABadOneChangesNothing) {
    EXPECT_THROW(store->set_email(xinhe_admin.id, "xinhe_admin at bhxqgh", ctx), Error);
    EXPECT_FALSE(store->find_user(xinhe_admin.id)->email.has_value());
    store->set_email(xinhe_admin.id, "xinhe@bhxqgh.cn", ctx);
    EXPECT_EQ(open_again()->find_user(xinhe_admin.id)->email, "xinhe@bhxqgh.cn");
    store->set_email(xinhe_admin.id, "", ctx);
    EXPECT_FALSE(store->find_user(xinhe_admin.id)->email.has_value());
}

TEST_P(ReminderStoreTest, TheScheduleRunsAtOnceOnItsThreadAndStopsWhenDestroyed) {
    // A deadline tomorrow (Asia/Shanghai) ends 24 to 48 hours from now: within the window.
    const Date tomorrow{std::chrono::sys_days{shanghai_date(now_utc())} + std::chrono::days{1}};
    plans->set_deadline(campaign.id, duty_activity_report, district.id, tomorrow, ctx);
    {
        app::ReminderSchedule schedule({*store, *campaigns, *plans, *reminders}, settings, nullptr);
    }  // the destructor waits for the run in progress, or the first one, to end
    EXPECT_EQ(inbox->notices(xinhe.id).size(), 1u);
    EXPECT_EQ(
        reminders->mail_state({campaign.id, xinhe.id, duty_activity_report, tomorrow, {}})->first,
        "pending");
}

}  // namespace
}  // namespace wangju::store::testing
