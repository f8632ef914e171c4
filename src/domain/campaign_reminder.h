// Timed reminders (催办): which units are behind their quota as their last day of reporting
// nears, and what they are told, on the site and by e-mail. Free of I/O and of the clock: every
// function takes `now`, so that a test decides the time.
//
// A unit's last day is its deadline for the activity report (set by the nearest unit above it,
// domain/campaign_plan.h), or its extension when that is later. A unit gets one reminder per last
// day when that day ends within the window ahead of `now` (not passed), it is open, and some metric
// with a quota has an approved figure below it.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/campaign_metric.h"
#include "domain/campaign_plan.h"
#include "domain/unit.h"

namespace wangju {

// One metric of a unit: its quota and the approved figure of its subtree.
struct QuotaFigure {
    UnitId unit;
    MetricId metric;
    long long quota = 0;
    long long approved = 0;
};

// A reminder already sent, by unit, duty and last day.
using ReminderKey = std::tuple<std::int64_t, std::string, std::string>;  // unit id, duty, date

// What the decision reads about one campaign.
struct ReminderFacts {
    Campaign campaign;
    std::vector<Deadline> deadlines;
    std::vector<Extension> extensions;
    std::vector<Metric> metrics;
    std::vector<Unit> units;           // at least every unit that has a quota
    std::vector<QuotaFigure> figures;  // every quota of the campaign
    std::set<ReminderKey> sent;
};

struct MetricBehind {
    std::string name;     // "开展线下活动"
    std::string measure;  // "场"
    long long approved = 0;
    long long quota = 0;
};

struct Reminder {
    CampaignId campaign;
    UnitId unit;
    std::string duty;
    Date due_on{};                     // the unit's last day: its deadline, or its later extension
    std::vector<MetricBehind> behind;  // in the order of the campaign's metrics; never empty

    ReminderKey key() const;
};

// The reminders to send at `now` for deadlines that end within `window` ahead and have not been
// sent before (facts.sent), ordered by unit id.
std::vector<Reminder> reminders_due(const ReminderFacts& facts, Timestamp now,
                                    std::chrono::seconds window);

// True when some deadline or extension of the activity report ends within `window` ahead of `now`:
// a cheap test before the figures are read.
bool any_deadline_near(const std::vector<Deadline>& deadlines,
                       const std::vector<Extension>& extensions, Timestamp now,
                       std::chrono::seconds window);

// The texts of a reminder. `dashboard_link` is the dashboard's address (a path for the inbox, a
// full URL for the e-mail).
struct ReminderText {
    std::string title;  // the inbox title, the e-mail subject
    std::string body;
};
ReminderText reminder_text(const Reminder& reminder, const Campaign& campaign,
                           const std::string& unit_name, Timestamp now,
                           const std::string& dashboard_link);

nlohmann::json to_json(const std::vector<MetricBehind>& behind);
std::vector<MetricBehind> behind_from_json(const nlohmann::json& json);

}  // namespace wangju
