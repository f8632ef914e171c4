#include "domain/announcement.h"

#include <chrono>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/form_text.h"
#include "domain/named_values.h"
#include "domain/text.h"
#include "domain/tracking_code.h"

namespace wangju {
namespace {

constexpr Name<AnnouncementKind> kind_names[] = {
    {AnnouncementKind::shortlist, "shortlist", "入围名单公示"},
    {AnnouncementKind::winners, "winners", "拟获奖名单公示"},
};

constexpr Name<EntryOutcome> outcome_names[] = {
    {EntryOutcome::listed, "listed", "公示中"},
    {EntryOutcome::withdrawn, "withdrawn", "撤销"},
    {EntryOutcome::returned, "returned", "退回评审"},
};

constexpr Name<AnnouncementPhase> phase_names[] = {
    {AnnouncementPhase::scheduled, "scheduled", "未开始"},
    {AnnouncementPhase::running, "running", "公示中"},
    {AnnouncementPhase::ended, "ended", "公示期满,待处理"},
    {AnnouncementPhase::closed, "closed", "已结束"},
};

constexpr Name<ObjectionAnswer> answer_names[] = {
    {ObjectionAnswer::upheld, "upheld", "异议成立"},
    {ObjectionAnswer::dismissed, "dismissed", "异议不成立"},
};

// Beijing midnight of a civil date, as UTC (UTC+8 all year since 1991).
Timestamp shanghai_midnight(Date day) {
    return Timestamp{std::chrono::sys_days{day}} - std::chrono::hours{8};
}

constexpr std::size_t objection_code_chars = 8;
constexpr int max_working_days = 30;

bool listed(const Announcement& announcement, WorkId work) {
    for (const auto& e : announcement.entries) {
        if (e.work == work) return e.outcome == EntryOutcome::listed;
    }
    return false;
}

}  // namespace

std::string_view to_string(AnnouncementKind kind) { return code_of(kind_names, kind); }
std::optional<AnnouncementKind> parse_announcement_kind(std::string_view text) {
    return parse_of(kind_names, text);
}
std::string_view label_zh(AnnouncementKind kind) { return label_of(kind_names, kind); }

std::string_view to_string(EntryOutcome outcome) { return code_of(outcome_names, outcome); }
std::optional<EntryOutcome> parse_entry_outcome(std::string_view text) {
    return parse_of(outcome_names, text);
}
std::string_view label_zh(EntryOutcome outcome) { return label_of(outcome_names, outcome); }

std::string_view to_string(AnnouncementPhase phase) { return code_of(phase_names, phase); }
std::string_view label_zh(AnnouncementPhase phase) { return label_of(phase_names, phase); }

std::string_view to_string(ObjectionAnswer answer) { return code_of(answer_names, answer); }
std::string_view label_zh(ObjectionAnswer answer) { return label_of(answer_names, answer); }

Timestamp opens_at(const Announcement& announcement) {
    return shanghai_midnight(announcement.first_day);
}

Timestamp ends_at(const Announcement& announcement) {
    return shanghai_midnight(Date{std::chrono::sys_days{announcement.last_day} +
                                  std::chrono::days{1}});
}

AnnouncementPhase phase_at(const Announcement& announcement, Timestamp now) {
    if (announcement.closed_at) return AnnouncementPhase::closed;
    if (now < opens_at(announcement)) return AnnouncementPhase::scheduled;
    if (now < ends_at(announcement)) return AnnouncementPhase::running;
    return AnnouncementPhase::ended;
}

int working_days_left(const Announcement& announcement, Timestamp now,
                      const WorkCalendar& calendar) {
    if (phase_at(announcement, now) != AnnouncementPhase::running) return 0;
    return working_days_between(shanghai_date(now), announcement.last_day, calendar);
}

NoticePeriod check_notice_period(Date starts, int working_days, const std::string& contact,
                                 const std::string& title, Date today,
                                 const WorkCalendar& calendar) {
    std::map<std::string, std::string> errors;
    if (!starts.ok()) {
        errors["starts"] = "请填写公示开始日期";
    } else if (std::chrono::sys_days{starts} < std::chrono::sys_days{today}) {
        errors["starts"] = "公示开始日期不能早于今天";
    }
    if (working_days < 1 || working_days > max_working_days) {
        errors["working_days"] = fmt::format("公示期应为 1 至 {} 个工作日", max_working_days);
    }
    check_text(errors, "contact", contact, "联系方式", 1, 200);
    check_text(errors, "title", title, "标题", 0, 100);
    if (!errors.empty()) throw_invalid("公示设置有误", errors);
    const Date first = first_working_day_from(starts, calendar);
    return {first, last_of_working_days(first, working_days, calendar)};
}

void check_new_objection(NewObjection& objection, const Announcement& announcement) {
    for (auto* text : {&objection.reason, &objection.name, &objection.phone}) {
        *text = std::string(trim(*text));
    }
    std::map<std::string, std::string> errors;
    if (!listed(announcement, WorkId{objection.work_id})) {
        errors["work_id"] = "请选择本公示中列出的作品";
    }
    check_text(errors, "reason", objection.reason, "异议理由", 1, 2000);
    check_text(errors, "name", objection.name, "真实姓名", 1, 20);
    if (auto why = check_phone(objection.phone); !why.empty()) errors["phone"] = why;
    if (!errors.empty()) throw_invalid("异议未能提交,请检查填写的内容", errors);
}

void require_taking_objections(const Announcement& announcement, Timestamp now) {
    switch (phase_at(announcement, now)) {
    case AnnouncementPhase::running:
        return;
    case AnnouncementPhase::scheduled:
        throw_conflict("公示尚未开始,暂不受理异议");
    case AnnouncementPhase::ended:
    case AnnouncementPhase::closed:
        throw_conflict("公示期已结束,不再受理异议");
    }
}

void check_answer(const Announcement& announcement, const Objection& objection,
                  ObjectionAnswer answer, std::optional<EntryOutcome> outcome,
                  const std::string& reason) {
    if (announcement.closed_at) throw_conflict("公示已结束,不能再答复异议");
    if (objection.answer) throw_conflict("该异议已经答复");
    std::map<std::string, std::string> errors;
    if (answer == ObjectionAnswer::upheld &&
        (!outcome || *outcome == EntryOutcome::listed)) {
        errors["outcome"] = "异议成立时请选择撤销该作品或退回评审";
    }
    check_text(errors, "reason", reason, "答复理由", 1, 2000);
    if (!errors.empty()) throw_invalid("答复未能保存,请检查填写的内容", errors);
}

void require_closable(const Announcement& announcement, const std::vector<Objection>& objections,
                      Timestamp now) {
    const auto phase = phase_at(announcement, now);
    if (phase == AnnouncementPhase::closed) throw_conflict("公示已经结束");
    if (phase != AnnouncementPhase::ended) {
        throw_conflict(fmt::format("公示期至 {} 结束,期满后才能形成最终名单",
                                   format_date(announcement.last_day)));
    }
    int open = 0;
    for (const auto& o : objections) {
        if (!o.answer) ++open;
    }
    if (open > 0) {
        throw_conflict(fmt::format("还有 {} 件异议未答复,答复全部异议后才能结束公示", open));
    }
}

std::vector<WorkId> final_list(const Announcement& announcement) {
    std::vector<WorkId> works;
    for (const auto& e : announcement.entries) {
        if (e.outcome == EntryOutcome::listed) works.push_back(e.work);
    }
    return works;
}

std::string objection_code(Date day, std::string_view random_bytes) {
    return dated_code("YY", day, random_bytes, objection_code_chars);
}

bool looks_like_objection_code(std::string_view text) {
    return looks_like_dated_code(text, "YY", objection_code_chars);
}

}  // namespace wangju
