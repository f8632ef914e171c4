#include "domain/work_calendar.h"

#include <chrono>

namespace wangju {

namespace {

std::chrono::sys_days days_of(Date day) { return std::chrono::sys_days{day}; }

}  // namespace

bool is_working_day(Date day, const WorkCalendar& calendar) {
    if (calendar.working_weekends.count(day)) return true;
    if (calendar.holidays.count(day)) return false;
    const std::chrono::weekday weekday{days_of(day)};
    return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

Date first_working_day_from(Date day, const WorkCalendar& calendar) {
    auto d = days_of(day);
    while (!is_working_day(Date{d}, calendar)) d += std::chrono::days{1};
    return Date{d};
}

Date last_of_working_days(Date first, int count, const WorkCalendar& calendar) {
    auto d = days_of(first_working_day_from(first, calendar));
    for (int left = count - 1; left > 0;) {
        d += std::chrono::days{1};
        if (is_working_day(Date{d}, calendar)) --left;
    }
    return Date{d};
}

int working_days_between(Date from, Date to, const WorkCalendar& calendar) {
    int count = 0;
    for (auto d = days_of(from); d <= days_of(to); d += std::chrono::days{1}) {
        if (is_working_day(Date{d}, calendar)) ++count;
    }
    return count;
}

}  // namespace wangju
