#include "domain/campaign_reminder.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

namespace wangju {

namespace {

bool ends_within(Date last_day, Timestamp now, std::chrono::seconds window) {
    const auto end = end_of_shanghai_day(last_day);
    return now <= end && end - now <= window;
}

std::optional<Extension> extension_of(const std::vector<Extension>& extensions, UnitId unit,
                                      std::string_view duty) {
    for (const auto& e : extensions) {
        if (e.unit == unit && e.duty == duty) return e;
    }
    return std::nullopt;
}

// The unit's last day of `duty`: the deadline that applies to it, or its extension when later.
std::optional<Date> last_day(const ReminderFacts& facts, const Unit& unit, std::string_view duty) {
    auto deadline = deadline_for(facts.deadlines, unit.path, duty);
    if (!deadline) return std::nullopt;
    auto extension = extension_of(facts.extensions, unit.id, duty);
    if (extension && extension->until > deadline->due_on) return extension->until;
    return deadline->due_on;
}

std::vector<MetricBehind> behind_of(const ReminderFacts& facts,
                                    const std::map<MetricId, const QuotaFigure*>& figures) {
    std::vector<MetricBehind> behind;
    for (const auto& m : facts.metrics) {
        auto it = figures.find(m.id);
        if (it == figures.end() || it->second->approved >= it->second->quota) continue;
        behind.push_back({m.name, m.measure, it->second->approved, it->second->quota});
    }
    return behind;
}

}  // namespace

ReminderKey Reminder::key() const {
    return {unit.value, duty, format_date(due_on)};
}

bool any_deadline_near(const std::vector<Deadline>& deadlines,
                       const std::vector<Extension>& extensions, Timestamp now,
                       std::chrono::seconds window) {
    for (const auto& d : deadlines) {
        if (d.duty == duty_activity_report && ends_within(d.due_on, now, window)) return true;
    }
    for (const auto& e : extensions) {
        if (e.duty == duty_activity_report && ends_within(e.until, now, window)) return true;
    }
    return false;
}

std::vector<Reminder> reminders_due(const ReminderFacts& facts, Timestamp now,
                                    std::chrono::seconds window) {
    std::map<UnitId, std::map<MetricId, const QuotaFigure*>> by_unit;
    for (const auto& f : facts.figures) by_unit[f.unit][f.metric] = &f;
    const Date today = shanghai_date(now);
    std::vector<Reminder> out;
    for (const auto& unit : facts.units) {
        auto figures = by_unit.find(unit.id);
        if (figures == by_unit.end() || !unit.is_open_on(today)) continue;
        auto last = last_day(facts, unit, duty_activity_report);
        if (!last || !ends_within(*last, now, window)) continue;
        Reminder r{facts.campaign.id, unit.id, duty_activity_report, *last, {}};
        if (facts.sent.contains(r.key())) continue;
        r.behind = behind_of(facts, figures->second);
        if (!r.behind.empty()) out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(),
              [](const Reminder& a, const Reminder& b) { return a.unit < b.unit; });
    return out;
}

ReminderText reminder_text(const Reminder& r, const Campaign& campaign,
                           const std::string& unit_name, Timestamp now,
                           const std::string& dashboard_link) {
    const std::string due = format_date(r.due_on);
    ReminderText t;
    t.title = fmt::format("催办:“{}”{}截止,{}尚有任务未完成", campaign.name, due, unit_name);
    t.body = fmt::format(
        "{}:\n\n{}年“{}”主题活动{}的截止时间为 {} 24:00(北京时间),{}。\n"
        "截至 {}(北京时间),以下指标的完成数尚未达到任务数:\n",
        unit_name, campaign.year, campaign.name, duty_label(r.duty), due,
        countdown_text(r.due_on, now), format_shanghai(now));
    for (const auto& b : r.behind) {
        t.body += fmt::format("- {}:已完成 {} {},任务 {} {},还差 {} {}\n", b.name, b.approved,
                              b.measure, b.quota, b.measure, b.quota - b.approved, b.measure);
    }
    t.body += fmt::format("\n请抓紧开展活动并及时报送、审核。任务完成情况:{}\n", dashboard_link);
    return t;
}

nlohmann::json to_json(const std::vector<MetricBehind>& behind) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& b : behind) {
        list.push_back({{"name", b.name},
                        {"measure", b.measure},
                        {"approved", b.approved},
                        {"quota", b.quota}});
    }
    return list;
}

std::vector<MetricBehind> behind_from_json(const nlohmann::json& json) {
    std::vector<MetricBehind> out;
    for (const auto& j : json) {
        out.push_back({j.at("name").get<std::string>(), j.at("measure").get<std::string>(),
                       j.at("approved").get<long long>(), j.at("quota").get<long long>()});
    }
    return out;
}

}  // namespace wangju
