// Timed reminders in the database: the facts the decision reads (quotas with approved figures,
// reminders already sent) and the record of each reminder, written with its inbox notice in one
// transaction so that a unit is reminded once per last day, across runs and restarts. The e-mail
// of a reminder is sent later, outside any transaction; its state is kept on the same row.
// Thread-safe; every change commits together with its audit event or not at all.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/campaign_reminder.h"
#include "store/database.h"
#include "store/inbox_store.h"

namespace wangju::store {

// A reminder whose e-mail is still to be sent.
struct PendingMail {
    Reminder reminder;
    std::int64_t notice_id = 0;
    int attempts = 0;  // failed attempts so far
};

class CampaignReminderStore {
  public:
    explicit CampaignReminderStore(Database& database) : database_(database) {}

    // Every quota of the campaign with the approved figure of its unit's subtree.
    std::vector<QuotaFigure> quota_figures(CampaignId campaign);
    // The units that hold a quota in the campaign.
    std::vector<Unit> units_with_quotas(CampaignId campaign);
    std::set<ReminderKey> sent(CampaignId campaign);

    // Stores the notice and the reminder in one transaction, with the event "campaign.reminder".
    // False (and nothing stored) when this reminder was recorded before.
    bool record(const Reminder& reminder, const InboxNotice& notice, const AuditContext& ctx);

    std::vector<PendingMail> pending_mail();
    // state: "sent", "none" (nobody to send it to) or "expired" (the last day passed unsent).
    void finish_mail(const Reminder& reminder, const std::string& state, Timestamp at,
                     const AuditContext& ctx);
    void mail_failed(const Reminder& reminder, const std::string& error, const AuditContext& ctx);

    // The mail state and failed attempts of a recorded reminder (for tests and the log).
    std::optional<std::pair<std::string, int>> mail_state(const Reminder& reminder);

  private:
    Database& database_;
};

}  // namespace wangju::store
