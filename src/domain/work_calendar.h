// The working calendar of the mainland: Mondays to Fridays work, except the public holidays the
// State Council announces each year, and some weekend days are working days instead (调休). Both
// lists are data (the calendar_days table), so that a new year's schedule is entered, not coded.
#pragma once

#include <set>

#include "domain/time.h"

namespace wangju {

struct WorkCalendar {
    std::set<Date> holidays;          // days off that would otherwise be working days
    std::set<Date> working_weekends;  // Saturdays and Sundays worked instead (调休上班)
};

bool is_working_day(Date day, const WorkCalendar& calendar);
// The first working day on or after `day`.
Date first_working_day_from(Date day, const WorkCalendar& calendar);
// The last of `count` working days that begin with the first working day on or after `first`
// (count >= 1): a notice of five working days from a Friday ends on the Thursday after.
Date last_of_working_days(Date first, int count, const WorkCalendar& calendar);
// Working days from `from` to `to`, both included (0 when `to` is before `from`).
int working_days_between(Date from, Date to, const WorkCalendar& calendar);

}  // namespace wangju
