// The demo's public notices (公示): the Tianjin platforms' proposed winners under notice now,
// with two objections, one answered; and the national accounts' winners, whose notice ran before
// their publication and closed into the final list.
#include <chrono>

#include "app/demo.h"
#include "store/announcement_store.h"
#include "store/judging_store.h"
#include "store/work_store.h"

namespace wangju::app {
namespace {

Date days_from(Date day, int days) {
    return Date{std::chrono::sys_days{day} + std::chrono::days{days}};
}

std::optional<Judging> judging_of(store::Store& store, const Campaign& campaign,
                                  const char* unit_code, const char* track_code) {
    store::WorkStore works(store.database());
    store::JudgingStore judgings(store.database());
    const auto track = works.find_track_by_code(campaign.id, track_code);
    const auto top = store.find_unit_by_code(unit_code);
    if (!track || !top) return std::nullopt;
    for (const auto& j : judgings.judgings_of(campaign.id)) {
        if (j.track == track->id && j.unit == top->id) return j;
    }
    return std::nullopt;
}

// A winners' notice of `judging` over five working days from `first` (moved to a working day).
Announcement winners_notice(store::Store& store, const Judging& judging, Date first,
                            const WorkCalendar& calendar, Timestamp created_at,
                            const std::string& contact) {
    store::WorkStore works(store.database());
    store::JudgingStore judgings(store.database());
    const auto track = works.find_track(judging.track);
    Announcement a;
    a.campaign = judging.campaign;
    a.kind = AnnouncementKind::winners;
    a.judging = judging.id;
    a.title = (track ? track->name : std::string()) + "拟获奖作品名单公示";
    a.first_day = first_working_day_from(first, calendar);
    a.working_days = 5;
    a.last_day = last_of_working_days(a.first_day, a.working_days, calendar);
    a.contact = contact;
    a.created_at = created_at;
    int position = 0;
    for (const auto& award : judgings.awards(judging.id)) {
        const auto work = works.find_work(award.work);
        if (!work) continue;
        const auto unit = store.find_unit(work->unit);
        a.entries.push_back({award.work, ++position, work->content.title,
                             unit ? unit->name : "", track ? track->name : "", award.tier,
                             EntryOutcome::listed});
    }
    return a;
}

}  // namespace

void load_demo_announcements(store::Store& store, const Campaign& campaign,
                             const std::string& letter_key) {
    const AuditContext system{std::nullopt, "demo"};
    store::AnnouncementStore notices(store.database(),
                                     letter_key.empty() ? SecretBox() : SecretBox(letter_key));
    const WorkCalendar calendar = notices.calendar();
    const Timestamp now = now_utc();
    const Date today = shanghai_date(now);
    const auto decider = store.find_user_by_username("sysadmin");
    const auto city_admin = store.find_user_by_username("tianjin_admin");
    if (!decider || !city_admin) return;

    if (auto accounts = judging_of(store, campaign, "acftu", "accounts")) {
        // Ran three weeks ago, no objection, closed the day after.
        auto a = winners_notice(store, *accounts, days_from(today, -21), calendar,
                                now - std::chrono::days{21},
                                "全国总工会宣传教育部,电话 010-68592114(工作日 9:00-17:00)");
        a = notices.open(a, system);
        notices.close(a.id, now - std::chrono::days{13}, decider->id, system);
    }

    const auto platforms = judging_of(store, campaign, "tianjin", "platforms");
    if (!platforms) return;
    // Began on the last working day before today, so that it runs whatever day the demo loads.
    Date began = days_from(today, -1);
    while (!is_working_day(began, calendar)) began = days_from(began, -1);
    auto a = winners_notice(store, *platforms, began, calendar, now,
                            "天津市总工会宣传教育部,电话 022-23301234(工作日 9:00-17:00)");
    a = notices.open(a, system);
    if (letter_key.empty() || a.entries.size() < 2) return;  // phones need the key
    // An objection to entry `n`, sent `hours` ago; each spends a challenge of its own.
    auto object = [&](std::size_t n, const char* reason, const char* name, const char* phone,
                      int hours) {
        Objection o;
        o.announcement = a.id;
        o.work = a.entries[n].work;
        o.reason = reason;
        o.name = name;
        o.phone = phone;
        o.submitted_at = now - std::chrono::hours{hours};
        return notices.add_objection(o, "demo-objection-" + std::to_string(n),
                                     now + std::chrono::days{365}, system);
    };
    const auto answered =
        object(1, "该平台的注册用户数与实际不符,申报材料称一万二千人,据了解不足五千人。", "赵宏",
               "13920001234", 20);
    notices.answer(answered.id, ObjectionAnswer::dismissed, std::nullopt,
                   "经核实,该平台后台数据显示注册用户 12,436 人,与申报材料一致,异议不成立。",
                   city_admin->id, now - std::chrono::hours{2}, {city_admin->id, "demo"});
    object(0, "平台介绍中的“维权服务”栏目内容大量转载自其他网站,未注明出处。", "钱芳",
           "022-58881234", 1);
}

}  // namespace wangju::app
