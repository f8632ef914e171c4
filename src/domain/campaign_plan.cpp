#include "domain/campaign_plan.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::sys_days;

std::string duty_label(std::string_view duty) {
    if (duty == duty_activity_report) return "报送线下活动统计表";
    if (duty == duty_recommend_works) return "推荐作品";
    return std::string(duty);
}

Timestamp end_of_shanghai_day(Date day) {
    // Shanghai is UTC+8 without daylight saving (see domain/time.cpp).
    return Timestamp{sys_days{day} + days{1} - hours{8} - seconds{1}};
}

bool is_on_time(Timestamp at, Date due) {
    return at <= end_of_shanghai_day(due);
}

std::optional<Deadline> deadline_below(const std::vector<Deadline>& deadlines,
                                       std::string_view unit_path, std::string_view duty) {
    const auto path = ids_on_path(unit_path);
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        for (const auto& d : deadlines) {
            if (d.duty == duty && d.set_by == *it) return d;
        }
    }
    return std::nullopt;
}

std::optional<Deadline> deadline_for(const std::vector<Deadline>& deadlines,
                                     std::string_view unit_path, std::string_view duty) {
    // The parent's path: drop the last "id/".
    if (unit_path.size() < 2) return std::nullopt;
    const auto cut = unit_path.substr(0, unit_path.size() - 1).rfind('/');
    if (cut == std::string_view::npos || cut == 0) return std::nullopt;
    return deadline_below(deadlines, unit_path.substr(0, cut + 1), duty);
}

DutyWindow duty_window(const std::optional<Deadline>& deadline,
                       const std::optional<Extension>& extension, Timestamp now) {
    DutyWindow w;
    if (!deadline) return w;
    w.due = deadline->due_on;
    if (extension && extension->until > deadline->due_on) w.extended = extension->until;
    w.late = !is_on_time(now, *w.due);
    w.open = is_on_time(now, w.extended.value_or(*w.due));
    return w;
}

void require_open(const DutyWindow& window, std::string_view duty) {
    if (window.open) return;
    const Date last = window.extended.value_or(*window.due);
    throw Error(ErrorKind::deadline_passed,
                fmt::format("“{}”已于 {} 24:00(北京时间)截止,不能再报送;如需补报,请联系上级单位申请延期",
                            duty_label(duty), format_date(last)));
}

std::string countdown_text(Date due, Timestamp now) {
    const Timestamp end = end_of_shanghai_day(due);
    if (now > end) return "已截止";
    const auto left = end - now + seconds{1};
    const auto d = std::chrono::duration_cast<days>(left);
    const auto h = std::chrono::duration_cast<hours>(left - d);
    if (d.count() == 0) {
        const auto m = std::chrono::duration_cast<std::chrono::minutes>(left - h);
        return fmt::format("今天截止,还剩 {} 小时 {} 分", h.count(), m.count());
    }
    return fmt::format("还剩 {} 天 {} 小时", d.count(), h.count());
}

void check_phase(const Phase& phase) {
    std::map<std::string, std::string> errors;
    const auto name = decode_utf8(phase.name);
    if (!name || trim(phase.name).empty()) errors["name"] = "请填写阶段名称";
    else if (name->size() > 40) errors["name"] = "阶段名称不能超过 40 个字";
    if (!phase.starts_on.ok()) errors["starts_on"] = "请填写开始日期";
    if (!phase.ends_on.ok()) errors["ends_on"] = "请填写结束日期";
    else if (phase.starts_on.ok() && phase.ends_on < phase.starts_on)
        errors["ends_on"] = "结束日期不能早于开始日期";
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

void check_duty_code(std::string_view duty) {
    const bool ok = !duty.empty() && duty.size() <= 40 &&
                    std::all_of(duty.begin(), duty.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
    if (!ok) throw_invalid("事项编码只能由小写字母、数字和下划线组成", {{"duty", "事项编码无效"}});
}

nlohmann::json to_json(const Phase& phase) {
    return {{"id", phase.id},
            {"position", phase.position},
            {"name", phase.name},
            {"starts_on", format_date(phase.starts_on)},
            {"ends_on", format_date(phase.ends_on)}};
}

nlohmann::json to_json(const Deadline& deadline, Timestamp now) {
    return {{"id", deadline.id},
            {"duty", deadline.duty},
            {"duty_label", duty_label(deadline.duty)},
            {"set_by", deadline.set_by.value},
            {"due_on", format_date(deadline.due_on)},
            {"due_at", format_utc(end_of_shanghai_day(deadline.due_on))},
            {"countdown", countdown_text(deadline.due_on, now)},
            {"passed", !is_on_time(now, deadline.due_on)}};
}

}  // namespace wangju
