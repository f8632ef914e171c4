// Public notice (公示): before the vote, a track's shortlist; before the final list, a judging's
// proposed winners. A notice runs for a number of working days (Asia/Shanghai, domain/
// work_calendar.h); while it runs anyone may object in writing under their real name (实名反映),
// and the organisers answer every objection before the notice closes into the final list.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign.h"
#include "domain/judging.h"
#include "domain/public_vote.h"
#include "domain/time.h"
#include "domain/work.h"
#include "domain/work_calendar.h"

namespace wangju {

struct AnnouncementId {
    std::int64_t value = 0;
    auto operator<=>(const AnnouncementId&) const = default;
};

struct ObjectionId {
    std::int64_t value = 0;
    auto operator<=>(const ObjectionId&) const = default;
};

enum class AnnouncementKind { shortlist, winners };
std::string_view to_string(AnnouncementKind kind);
std::optional<AnnouncementKind> parse_announcement_kind(std::string_view text);
std::string_view label_zh(AnnouncementKind kind);  // "入围名单公示"

// What became of a listed work: still listed, withdrawn by an upheld objection, or sent back to
// the judges by one. Only listed works reach the final list.
enum class EntryOutcome { listed, withdrawn, returned };
std::string_view to_string(EntryOutcome outcome);
std::optional<EntryOutcome> parse_entry_outcome(std::string_view text);
std::string_view label_zh(EntryOutcome outcome);  // "撤销"

// One listed work as the notice published it: copied when the notice opens, so that the page
// keeps showing what was announced whatever happens to the work later.
struct AnnouncementEntry {
    WorkId work;
    int position = 0;  // 1, 2, ... in the order listed
    std::string title;
    std::string unit_name;
    std::string track_name;
    std::string tier;  // the proposed award tier; empty on a shortlist
    EntryOutcome outcome = EntryOutcome::listed;
};

struct Announcement {
    AnnouncementId id;
    CampaignId campaign;
    AnnouncementKind kind = AnnouncementKind::winners;
    std::optional<JudgingId> judging;    // winners: the judging whose awards are listed
    std::optional<PublicVoteId> vote;    // shortlist: the vote whose works are listed
    std::string title;
    Date first_day{};  // a working day
    int working_days = 5;
    Date last_day{};   // objections are taken until the end of this day, Beijing time
    std::string contact;
    std::vector<AnnouncementEntry> entries;
    Timestamp created_at{};
    std::optional<Timestamp> closed_at;
};

// scheduled: before the first day; running: objections taken; ended: the last day is over and
// the notice waits to be closed; closed: the final list is out.
enum class AnnouncementPhase { scheduled, running, ended, closed };
std::string_view to_string(AnnouncementPhase phase);
std::string_view label_zh(AnnouncementPhase phase);  // "公示中"
AnnouncementPhase phase_at(const Announcement& announcement, Timestamp now);
// The instants (UTC) at which the first day begins and the last day ends in Asia/Shanghai.
Timestamp opens_at(const Announcement& announcement);
Timestamp ends_at(const Announcement& announcement);
// Working days left, today included while running; 0 otherwise.
int working_days_left(const Announcement& announcement, Timestamp now,
                      const WorkCalendar& calendar);

// What the admin sends to open a notice. Checks: the first day not before today (Beijing), 1 to
// 30 working days, a contact line of 1 to 200 characters, a title of at most 100 (empty: made
// from the source). Throws Error(invalid_input) naming the fields "starts", "working_days",
// "contact" and "title". Returns the first and the last day.
struct NoticePeriod {
    Date first_day{};
    Date last_day{};
};
NoticePeriod check_notice_period(Date starts, int working_days, const std::string& contact,
                                 const std::string& title, Date today,
                                 const WorkCalendar& calendar);

enum class ObjectionAnswer { upheld, dismissed };
std::string_view to_string(ObjectionAnswer answer);
std::string_view label_zh(ObjectionAnswer answer);  // "异议成立"

struct Objection {
    ObjectionId id;
    AnnouncementId announcement;
    WorkId work;
    std::string code;  // given to the objector to follow the answer
    std::string reason;
    std::string name;
    std::string phone;  // stored sealed; clear text here, masked for everyone but the answerers
    std::string attachment_name;  // empty: none
    std::string attachment_type;
    std::int64_t attachment_bytes = 0;
    std::string attachment_stored;
    Timestamp submitted_at{};
    std::optional<ObjectionAnswer> answer;
    std::optional<EntryOutcome> upheld_outcome;  // withdrawn or returned, when upheld
    std::string answer_reason;
    std::optional<Timestamp> answered_at;
};

struct NewObjection {
    std::int64_t work_id = 0;
    std::string reason;
    std::string name;
    std::string phone;
};
// Trims the text fields in place, then checks them: the work listed (and still listed) on the
// notice, a reason of 1 to 2,000 characters, a name of 1 to 20, a phone as the mailbox takes it.
// Throws Error(invalid_input) naming each bad field (work_id, reason, name, phone).
void check_new_objection(NewObjection& objection, const Announcement& announcement);
// Objections are taken only while the notice runs (Error(conflict) otherwise, saying why).
void require_taking_objections(const Announcement& announcement, Timestamp now);

// An answer: dismissed, or upheld with the work withdrawn or returned to the judges; a reason of
// 1 to 2,000 characters either way. Refused (conflict) when the objection was answered or the
// notice is closed; Error(invalid_input) naming "reason" or "outcome".
void check_answer(const Announcement& announcement, const Objection& objection,
                  ObjectionAnswer answer, std::optional<EntryOutcome> outcome,
                  const std::string& reason);

// A notice closes into its final list once its last day is over and every objection is answered;
// throws Error(conflict) saying which condition fails (and how many objections are open).
void require_closable(const Announcement& announcement, const std::vector<Objection>& objections,
                      Timestamp now);

// The works of the final list: those still listed, in order.
std::vector<WorkId> final_list(const Announcement& announcement);

// A tracking code for an objection: "YY", the Shanghai date as YYMMDD, and eight characters of
// `random_bytes` (at least 8 bytes) in an alphabet without 0/O and 1/I/L: 40 bits, so that the
// code alone may show the objector the answer.
std::string objection_code(Date day, std::string_view random_bytes);
bool looks_like_objection_code(std::string_view text);

}  // namespace wangju
