// Letters to the chairman's mailbox (主席信箱): what a writer sends, the states a letter goes
// through, its due date in working days, and who among the staff may do what with it.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "domain/permission.h"
#include "domain/time.h"
#include "domain/unit.h"
#include "domain/user.h"

namespace wangju {

struct LetterId {
    std::int64_t value = 0;
    auto operator<=>(const LetterId&) const = default;
};

enum class LetterCategory { rights, suggestion, question, complaint };  // 维权 建议 咨询 投诉
// 待审查 received, 待处理 accepted, 已办结 closed, 不予受理 rejected.
enum class LetterState { received, accepted, closed, rejected };
enum class LetterComplexity { simple, complex };  // decides the due date

std::string_view to_string(LetterCategory category);                         // "rights"
std::string_view label_zh(LetterCategory category);                          // "维权"
std::optional<LetterCategory> parse_letter_category(std::string_view text);  // code name only
std::string_view to_string(LetterState state);
std::string_view label_zh(LetterState state);
std::optional<LetterState> parse_letter_state(std::string_view text);
std::string_view to_string(LetterComplexity complexity);
std::string_view label_zh(LetterComplexity complexity);
std::optional<LetterComplexity> parse_letter_complexity(std::string_view text);

// What a writer sends. `unit` is the unit the letter is addressed to (受理单位); `workplace` is
// the writer's own work unit (工作单位), free text.
struct NewLetter {
    UnitId unit;
    std::string writer_name;
    std::string phone;
    std::string address;  // may be empty
    std::string workplace;
    LetterCategory category = LetterCategory::question;
    std::string title;
    std::string body;
    bool may_publish = false;
};

// Checks every field and throws Error(invalid_input) naming each bad one (fields writer_name,
// phone, address, workplace, title, body). Trims the text fields in place first.
void check_new_letter(NewLetter& letter);

struct Letter {
    LetterId id;
    std::string code;  // tracking code (查询码), e.g. "XJ2611240K7Q"
    UnitId unit;
    std::string writer_name;
    std::string phone;    // stored encrypted; clear text here
    std::string address;  // stored encrypted; clear text here
    std::string workplace;
    LetterCategory category = LetterCategory::question;
    std::string title;
    std::string body;
    bool may_publish = false;
    LetterState state = LetterState::received;
    LetterComplexity complexity = LetterComplexity::simple;
    Date due_on{};
    std::optional<UserId> handler;
    std::string reply;  // Markdown; empty until a reply is written
    std::optional<Timestamp> replied_at;
    std::string reject_reason;
    std::optional<int> rating;  // 1..5, given by the writer once the letter is closed
    std::string rating_comment;
    std::optional<Timestamp> published_at;
    std::string public_body;  // the body as published in 来信选登, personal data removed
    Timestamp submitted_at{};
    std::optional<Timestamp> closed_at;
};

// The steps of a letter's life. The writer rates; staff do the rest.
enum class LetterAction { read, assign, accept, reject, reply, close, publish, rate };

// The state after `action`, or throws Error(conflict) with a Chinese message when the action is
// not allowed in `letter`'s state:
//   received --accept--> accepted --close (needs a reply)--> closed
//   received --reject (needs a reason)--> rejected
//   assign: received or accepted; reply: accepted (may be rewritten until closed);
//   rate: closed, once; publish: closed, the writer agreed, not yet published.
// Actions that do not move the letter return its state unchanged.
LetterState state_after(const Letter& letter, LetterAction action);

// How long staff have to close a letter, counted in working days from the day it was sent.
struct DueRules {
    int simple_days = 3;
    int complex_days = 10;
    std::set<Date> holidays;  // days off besides Saturdays and Sundays
};

// Mondays to Fridays that are not holidays.
bool is_working_day(Date day, const std::set<Date>& holidays);
// The `days`-th working day after `start` (`start` itself does not count).
Date add_working_days(Date start, int days, const std::set<Date>& holidays);
// The due date of a letter sent at `submitted` (read in Asia/Shanghai).
Date due_date(Timestamp submitted, LetterComplexity complexity, const DueRules& rules);
// Still open (received or accepted) and past its due date on `today`.
bool is_overdue(const Letter& letter, Date today);

// "138****5678": the first three and the last four digits; shorter numbers keep only the last two.
std::string mask_phone(std::string_view phone);

// The one place that answers "may this staff member do `action` on a letter addressed to
// `letter_unit`". A unit_admin or sysadmin of that unit or of one of its ancestors may do every
// staff action; the assigned handler (`handler`) may read and reply. Nobody else may; the writer's
// own actions (rate) go through the secret, not through this function.
bool may(const Actor& actor, LetterAction action, const Unit& letter_unit,
         std::optional<UserId> handler);
// Throws Error(forbidden) when `may` is false.
void require(const Actor& actor, LetterAction action, const Unit& letter_unit,
             std::optional<UserId> handler);
// May `candidate` (a user of `candidate_unit`) be assigned a letter addressed to `letter_unit`?
// Only users of the letter unit's subtree.
bool may_be_handler(const Unit& candidate_unit, const Unit& letter_unit);

// A new tracking code: "XJ", the Shanghai date as YYMMDD, and four characters of `random_bytes`
// in an alphabet without 0/O and 1/I/L. Readable over the phone; unique per day with high
// probability (the store retries on a collision).
std::string tracking_code(Date day, std::string_view random_bytes);
// Is `text` shaped like a tracking code (after upper-casing)? Used before any lookup.
bool looks_like_tracking_code(std::string_view text);

}  // namespace wangju
