#include "web/announcements/announcement_json.h"

#include "domain/letter.h"

namespace wangju::web::announcements {

using Json = nlohmann::json;

namespace {

Json optional_time(const std::optional<Timestamp>& t) { return t ? Json(format_utc(*t)) : Json(); }

}  // namespace

Json announcement_json(const Announcement& a, Timestamp now, const WorkCalendar& calendar) {
    Json entries = Json::array();
    for (const auto& e : a.entries) {
        entries.push_back({{"work_id", e.work.value},
                           {"position", e.position},
                           {"title", e.title},
                           {"unit", e.unit_name},
                           {"track", e.track_name},
                           {"tier", e.tier},
                           {"outcome", to_string(e.outcome)},
                           {"outcome_label", label_zh(e.outcome)}});
    }
    const auto phase = phase_at(a, now);
    Json json{{"id", a.id.value},
              {"campaign_id", a.campaign.value},
              {"kind", to_string(a.kind)},
              {"kind_label", label_zh(a.kind)},
              {"judging_id", a.judging ? Json(a.judging->value) : Json()},
              {"public_vote_id", a.vote ? Json(a.vote->value) : Json()},
              {"title", a.title},
              {"first_day", format_date(a.first_day)},
              {"last_day", format_date(a.last_day)},
              {"working_days", a.working_days},
              {"days_left", working_days_left(a, now, calendar)},
              {"phase", to_string(phase)},
              {"phase_label", label_zh(phase)},
              {"taking_objections", phase == AnnouncementPhase::running},
              {"contact", a.contact},
              {"created_at", format_utc(a.created_at)},
              {"closed_at", optional_time(a.closed_at)},
              {"entries", entries}};
    if (a.closed_at) {
        Json list = Json::array();
        for (auto w : final_list(a)) list.push_back(w.value);
        json["final_list"] = list;
    }
    return json;
}

Json objection_json(const Objection& o, bool full_phone, bool with_code) {
    Json json{{"id", o.id.value},
              {"announcement_id", o.announcement.value},
              {"work_id", o.work.value},
              {"reason", o.reason},
              {"name", o.name},
              {"phone", full_phone ? o.phone : mask_phone(o.phone)},
              {"attachment", o.attachment_name.empty()
                                 ? Json()
                                 : Json{{"filename", o.attachment_name},
                                        {"content_type", o.attachment_type},
                                        {"size_bytes", o.attachment_bytes}}},
              {"submitted_at", format_utc(o.submitted_at)},
              {"answered", o.answer.has_value()},
              {"upheld", o.answer ? Json(*o.answer == ObjectionAnswer::upheld) : Json()},
              {"answer_label", o.answer ? Json(label_zh(*o.answer)) : Json()},
              {"outcome", o.upheld_outcome ? Json(to_string(*o.upheld_outcome)) : Json()},
              {"answer_reason", o.answer_reason},
              {"answered_at", optional_time(o.answered_at)}};
    if (with_code) json["code"] = o.code;
    return json;
}

}  // namespace wangju::web::announcements
