#include "app/reminder_schedule.h"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "http/message.h"
#include "web/user_admin.h"

namespace wangju::app {

namespace {

const AuditContext kScheduler{std::nullopt, "reminders"};

std::string dashboard_path(CampaignId campaign, const Unit& unit) {
    return fmt::format("/campaigns/{}/dashboard?unit={}", campaign.value,
                       http::percent_encode(unit.code));
}

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

ReminderFacts facts_of(const ReminderSources& s, const Campaign& campaign) {
    ReminderFacts f;
    f.campaign = campaign;
    f.deadlines = s.plans.deadlines(campaign.id);
    f.extensions = s.plans.extensions(campaign.id);
    f.metrics = s.plans.metrics(campaign.id);
    f.units = s.reminders.units_with_quotas(campaign.id);
    f.figures = s.reminders.quota_figures(campaign.id);
    f.sent = s.reminders.sent(campaign.id);
    return f;
}

std::size_t notify_campaign(const ReminderSources& s, const ReminderSettings& settings,
                            const Campaign& campaign, Timestamp now) {
    if (!any_deadline_near(s.plans.deadlines(campaign.id), s.plans.extensions(campaign.id), now,
                           settings.window))
        return 0;
    const auto facts = facts_of(s, campaign);
    std::map<UnitId, const Unit*> units;
    for (const auto& u : facts.units) units[u.id] = &u;
    std::size_t sent = 0;
    for (const auto& r : reminders_due(facts, now, settings.window)) {
        const Unit& unit = *units.at(r.unit);
        const auto path = dashboard_path(campaign.id, unit);
        const auto text = reminder_text(r, campaign, unit.name, now, path);
        store::InboxNotice notice{0, unit.id, text.title, text.body, path, now, std::nullopt};
        if (s.reminders.record(r, notice, kScheduler)) ++sent;
    }
    return sent;
}

void mail_one(const ReminderSources& s, const ReminderSettings& settings, Timestamp now,
              Mailer& mailer, const store::PendingMail& pending, ReminderRun& run) {
    const auto& r = pending.reminder;
    if (now > end_of_shanghai_day(r.due_on)) {
        s.reminders.finish_mail(r, "expired", now, kScheduler);
        return;
    }
    auto unit = s.store.find_unit(r.unit);
    auto campaign = s.campaigns.find_campaign(r.campaign);
    if (!unit || !campaign) return;
    MailMessage message;
    message.to = web::unit_admin_addresses(s.store, *unit);
    if (message.to.empty()) {
        s.reminders.finish_mail(r, "none", now, kScheduler);
        ++run.unaddressed;
        return;
    }
    const auto text = reminder_text(
        r, *campaign, unit->name, now,
        without_trailing_slash(settings.public_url) + dashboard_path(campaign->id, *unit));
    message.subject = text.title;
    message.body = text.body;
    try {
        mailer.send(message);
    } catch (const std::exception& e) {
        spdlog::warn("reminder e-mail to {} for unit {} failed (attempt {}): {}",
                     fmt::join(message.to, ", "), unit->code, pending.attempts + 1, e.what());
        s.reminders.mail_failed(r, e.what(), kScheduler);
        ++run.failed;
        return;
    }
    s.reminders.finish_mail(r, "sent", now_utc(), kScheduler);
    ++run.mailed;
}

}  // namespace

ReminderRun run_reminders(const ReminderSources& sources, const ReminderSettings& settings,
                          Timestamp now, Mailer* mailer) {
    ReminderRun run;
    for (const auto& campaign : sources.campaigns.campaigns())
        run.notices += notify_campaign(sources, settings, campaign, now);
    if (mailer) {
        for (const auto& pending : sources.reminders.pending_mail())
            mail_one(sources, settings, now, *mailer, pending, run);
    }
    return run;
}

ReminderSchedule::ReminderSchedule(ReminderSources sources, ReminderSettings settings,
                                   Mailer* mailer)
    : sources_(sources),
      settings_(std::move(settings)),
      mailer_(mailer),
      thread_([this] { run(); }) {}

ReminderSchedule::~ReminderSchedule() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReminderSchedule::run() {
    std::unique_lock lock(mutex_);
    do {
        lock.unlock();
        try {
            const auto r = run_reminders(sources_, settings_, now_utc(), mailer_);
            if (r.notices + r.mailed + r.failed > 0)
                spdlog::info("reminders: {} notices, {} e-mails sent, {} failed", r.notices,
                             r.mailed, r.failed);
        } catch (const std::exception& e) {
            spdlog::error("reminder run failed: {}", e.what());
        }
        lock.lock();
    } while (!wake_.wait_for(lock, settings_.interval, [this] { return stopping_; }));
}

}  // namespace wangju::app
