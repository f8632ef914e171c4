// The reminder schedule that `wangju serve` runs beside the server: at every interval, for every
// campaign, the units behind their quota whose last day of reporting ends within the window get
// one inbox notice each (domain/campaign_reminder.h decides who), recorded once in the database;
// then the e-mails of recorded reminders are sent, outside any transaction, when SMTP is set up.
// A failed e-mail is logged and tried again at the next run; it never holds back a notice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "app/mailer.h"
#include "store/campaign_plan_store.h"
#include "store/campaign_reminder_store.h"
#include "store/campaign_store.h"
#include "store/store.h"

namespace wangju::app {

struct ReminderSettings {
    std::chrono::seconds interval{std::chrono::hours(1)};
    std::chrono::seconds window{std::chrono::hours(72)};
    std::string public_url = "http://127.0.0.1:8080";  // the site's address, for links in e-mail
};

struct ReminderSources {
    store::Store& store;
    store::CampaignStore& campaigns;
    store::CampaignPlanStore& plans;
    store::CampaignReminderStore& reminders;
};

struct ReminderRun {
    std::size_t notices = 0;      // new inbox notices
    std::size_t mailed = 0;       // e-mails the server accepted
    std::size_t failed = 0;       // e-mails that failed (tried again next run)
    std::size_t unaddressed = 0;  // reminders whose unit has no admin with an e-mail address
};

// One run at `now`. `mailer` may be null (no SMTP): e-mails then stay pending.
ReminderRun run_reminders(const ReminderSources& sources, const ReminderSettings& settings,
                          Timestamp now, Mailer* mailer);

// Runs run_reminders at start and then every interval on its own thread, until destroyed. The
// destructor returns after the run in progress (an SMTP send is bounded by its timeout).
class ReminderSchedule {
  public:
    ReminderSchedule(ReminderSources sources, ReminderSettings settings, Mailer* mailer);
    ~ReminderSchedule();
    ReminderSchedule(const ReminderSchedule&) = delete;
    ReminderSchedule& operator=(const ReminderSchedule&) = delete;

  private:
    void run();

    ReminderSources sources_;
    ReminderSettings settings_;
    Mailer* mailer_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace wangju::app
