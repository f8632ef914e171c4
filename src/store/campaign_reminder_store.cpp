#include "store/campaign_reminder_store.h"

#include <fmt/format.h>

#include "store/audit_log.h"
#include "store/rows.h"
#include "store/unit_queries.h"

namespace wangju::store {

namespace {

constexpr const char* kQuotaFigures =
    "SELECT q.unit_id, q.metric_id, q.target, COALESCE(t.approved, 0) FROM campaign_quotas q "
    "LEFT JOIN campaign_totals t ON t.campaign_id = q.campaign_id AND t.unit_id = q.unit_id "
    "AND t.metric_id = q.metric_id WHERE q.campaign_id = :c ORDER BY q.unit_id, q.metric_id";
constexpr const char* kQuotaUnits =
    "SELECT DISTINCT unit_id FROM campaign_quotas WHERE campaign_id = :c ORDER BY unit_id";
constexpr const char* kSent =
    "SELECT unit_id, duty, due_on FROM campaign_reminders WHERE campaign_id = :c";
constexpr const char* kExists =
    "SELECT count(*) FROM campaign_reminders WHERE campaign_id = :c AND unit_id = :u "
    "AND duty = :duty AND due_on = :due";
constexpr const char* kInsertNotice =
    "INSERT INTO inbox_notices (unit_id, title, body, link, dedupe_key, created_at) "
    "VALUES (:u, :title, :body, :link, :key, :at) RETURNING id";
constexpr const char* kInsertReminder =
    "INSERT INTO campaign_reminders (campaign_id, unit_id, duty, due_on, notice_id, behind_json, "
    "created_at, mail_state) VALUES (:c, :u, :duty, :due, :notice, :behind, :at, 'pending')";
constexpr const char* kPending =
    "SELECT campaign_id, unit_id, duty, due_on, notice_id, behind_json, mail_attempts "
    "FROM campaign_reminders WHERE mail_state = 'pending' ORDER BY created_at, unit_id";
constexpr const char* kFinish =
    "UPDATE campaign_reminders SET mail_state = :state, mailed_at = :at, mail_error = '' "
    "WHERE campaign_id = :c AND unit_id = :u AND duty = :duty AND due_on = :due";
constexpr const char* kFailed =
    "UPDATE campaign_reminders SET mail_attempts = mail_attempts + 1, mail_error = :error "
    "WHERE campaign_id = :c AND unit_id = :u AND duty = :duty AND due_on = :due";
constexpr const char* kState =
    "SELECT mail_state, mail_attempts FROM campaign_reminders WHERE campaign_id = :c "
    "AND unit_id = :u AND duty = :duty AND due_on = :due";

struct FigureRow {
    long long unit = 0, metric = 0, quota = 0, approved = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit), soci::into(metric), soci::into(quota), soci::into(approved);
    }
};

struct SentRow {
    long long unit = 0;
    std::string duty, due_on;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit), soci::into(duty), soci::into(due_on);
    }
};

struct PendingRow {
    long long campaign = 0, unit = 0, notice = 0;
    std::string duty, due_on, behind;
    int attempts = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(campaign), soci::into(unit), soci::into(duty), soci::into(due_on),
            soci::into(notice), soci::into(behind), soci::into(attempts);
    }
    PendingMail pending() const {
        Reminder r{CampaignId{campaign}, UnitId{unit}, duty, *parse_date(due_on),
                   behind_from_json(nlohmann::json::parse(behind))};
        return {std::move(r), notice, attempts};
    }
};

struct StateRow {
    std::string state;
    int attempts = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(state), soci::into(attempts); }
};

std::string audit_object(const Reminder& r) {
    return fmt::format("campaign:{}:reminder:{}:{}", r.campaign.value, r.unit.value,
                       format_date(r.due_on));
}

}  // namespace

std::vector<QuotaFigure> CampaignReminderStore::quota_figures(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<QuotaFigure> out;
        for (const auto& r : fetch_all<FigureRow>(s, kQuotaFigures, soci::use(campaign.value)))
            out.push_back({UnitId{r.unit}, MetricId{r.metric}, r.quota, r.approved});
        return out;
    });
}

std::vector<Unit> CampaignReminderStore::units_with_quotas(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Unit> out;
        for (auto id : fetch_values<long long>(s, kQuotaUnits, soci::use(campaign.value))) {
            if (auto u = units::find(s, UnitId{id})) out.push_back(std::move(*u));
        }
        return out;
    });
}

std::set<ReminderKey> CampaignReminderStore::sent(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::set<ReminderKey> out;
        for (const auto& r : fetch_all<SentRow>(s, kSent, soci::use(campaign.value)))
            out.insert({r.unit, r.duty, r.due_on});
        return out;
    });
}

bool CampaignReminderStore::record(const Reminder& r, const InboxNotice& notice,
                                   const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const std::string due = format_date(r.due_on), at = stored(notice.created_at);
        long long existing = 0;
        s << kExists, soci::use(r.campaign.value), soci::use(r.unit.value), soci::use(r.duty),
            soci::use(due), soci::into(existing);
        if (existing > 0) return false;
        const std::string key =
            fmt::format("reminder:{}:{}:{}:{}", r.campaign.value, r.unit.value, r.duty, due);
        long long notice_id = 0;
        s << kInsertNotice, soci::use(notice.unit.value), soci::use(notice.title),
            soci::use(notice.body), soci::use(notice.link), soci::use(key), soci::use(at),
            soci::into(notice_id);
        const auto behind = to_json(r.behind);
        const std::string behind_text = behind.dump();
        s << kInsertReminder, soci::use(r.campaign.value), soci::use(r.unit.value),
            soci::use(r.duty), soci::use(due), soci::use(notice_id), soci::use(behind_text),
            soci::use(at);
        append_event(
            s, ctx, "campaign.reminder", audit_object(r), nullptr,
            {{"duty", r.duty}, {"due_on", due}, {"notice_id", notice_id}, {"behind", behind}});
        return true;
    });
}

std::vector<PendingMail> CampaignReminderStore::pending_mail() {
    return database_.read([&](soci::session& s) {
        std::vector<PendingMail> out;
        for (const auto& r : fetch_all<PendingRow>(s, kPending)) out.push_back(r.pending());
        return out;
    });
}

void CampaignReminderStore::finish_mail(const Reminder& r, const std::string& state, Timestamp at,
                                        const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string due = format_date(r.due_on), when = stored(at);
        s << kFinish, soci::use(state), soci::use(when), soci::use(r.campaign.value),
            soci::use(r.unit.value), soci::use(r.duty), soci::use(due);
        append_event(s, ctx, "campaign.reminder_mail", audit_object(r), nullptr,
                     {{"mail_state", state}});
    });
}

void CampaignReminderStore::mail_failed(const Reminder& r, const std::string& error,
                                        const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string due = format_date(r.due_on);
        s << kFailed, soci::use(error), soci::use(r.campaign.value), soci::use(r.unit.value),
            soci::use(r.duty), soci::use(due);
        append_event(s, ctx, "campaign.reminder_mail", audit_object(r), nullptr,
                     {{"mail_state", "failed"}, {"error", error}});
    });
}

std::optional<std::pair<std::string, int>> CampaignReminderStore::mail_state(const Reminder& r) {
    return database_.read([&](soci::session& s) -> std::optional<std::pair<std::string, int>> {
        const std::string due = format_date(r.due_on);
        auto row = fetch_one<StateRow>(s, kState, soci::use(r.campaign.value),
                                       soci::use(r.unit.value), soci::use(r.duty), soci::use(due));
        if (!row) return std::nullopt;
        return std::make_pair(row->state, row->attempts);
    });
}

}  // namespace wangju::store
