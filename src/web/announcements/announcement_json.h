// How the API shows notices and objections. Phone numbers are masked (138****5678) unless the
// reader answers the notice's objections.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/announcement.h"
#include "web/web_context.h"

namespace wangju::web::announcements {

nlohmann::json announcement_json(const Announcement& announcement, Timestamp now,
                                 const WorkCalendar& calendar);
// `full_phone`: for the admins who answer; `with_code`: for the objector.
nlohmann::json objection_json(const Objection& objection, bool full_phone, bool with_code);

}  // namespace wangju::web::announcements
