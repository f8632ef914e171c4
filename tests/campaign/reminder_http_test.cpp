// A reminder run over the demo federation shows in the inbox of a unit behind its quota, over the
// API and on the inbox page, and a second run adds nothing.
#include <gtest/gtest.h>

#include "app/reminder_schedule.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

TEST_F(WebTest, AUnitBehindFindsOneReminderInItsInbox) {
    auto xinhe = logged_in("xinhe_admin");
    Date due{};
    const auto plan = xinhe.get("/api/v1/campaigns/2");
    const auto deadlines = plan.json()["deadlines"];
    for (const auto& d : deadlines) {
        if (d["set_by_code"] == "binhai" && d["duty"] == "activity_report")
            due = *parse_date(d["due_on"].get<std::string>());
    }
    ASSERT_TRUE(due.ok()) << plan.body;
    const auto unread = xinhe.get("/api/v1/inbox").json()["unread"].get<int>();
    store::CampaignReminderStore reminders(store->database());
    app::ReminderSources sources{*store, web->campaigns, web->campaign_plans, reminders};
    const app::ReminderSettings settings;  // hourly, three days ahead
    const auto now = end_of_shanghai_day(due) - std::chrono::hours(30);
    EXPECT_GE(app::run_reminders(sources, settings, now, nullptr).notices, 1u);
    EXPECT_EQ(app::run_reminders(sources, settings, now + std::chrono::hours(1), nullptr).notices,
              0u);

    auto inbox = xinhe.get("/api/v1/inbox").json();
    EXPECT_EQ(inbox["unread"].get<int>(), unread + 1);
    const auto& notice = inbox["notices"][0];
    EXPECT_NE(notice["title"].get<std::string>().find("催办"), std::string::npos);
    EXPECT_NE(notice["body"].get<std::string>().find("已完成"), std::string::npos);
    EXPECT_EQ(notice["link"], "/campaigns/2/dashboard?unit=bh_xinhe");
    EXPECT_NE(xinhe.get("/inbox").body.find(notice["title"].get<std::string>()), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
