// Public notices (公示), their listed works and the objections to them, and the working calendar
// they count their days by, in the database. Built on the shared Database with its contract:
// thread-safe; a change commits together with its audit event or not at all.
//
// Objectors' phone numbers are sealed with the SecretBox given at construction (as the mailbox
// seals its letters'); the store hands them out in clear text and the pages mask them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/announcement.h"
#include "domain/audit.h"
#include "domain/secret_box.h"
#include "domain/work_calendar.h"
#include "store/database.h"

namespace wangju::store {

struct CalendarDay {
    Date day{};
    bool working = false;  // true: a weekend day worked (调休); false: a holiday
    std::string name;      // "国庆节"
};

class AnnouncementStore {
  public:
    AnnouncementStore(Database& database, SecretBox box)
        : database_(database), box_(std::move(box)) {}

    // ---- the working calendar
    WorkCalendar calendar();
    std::vector<CalendarDay> calendar_days(int year);
    // Sets one day (a holiday or a weekend worked), or with `day.name` empty and `clear` true
    // removes it; audited as calendar.set.
    void set_calendar_day(const CalendarDay& day, bool clear, const AuditContext& ctx);

    // ---- notices
    // Stores a checked notice with its entries; refused (conflict) while another notice of the
    // same source and kind is not closed.
    Announcement open(const Announcement& announcement, const AuditContext& ctx);
    std::optional<Announcement> find(AnnouncementId id);
    // The notices of a campaign, newest first (all of them when `campaign` is none).
    std::vector<Announcement> list(std::optional<CampaignId> campaign);
    // The notices of a judging or a vote that are not closed.
    std::vector<Announcement> unclosed_of_judging(JudgingId judging);
    std::vector<Announcement> unclosed_of_vote(PublicVoteId vote);
    // Closes the notice into its final list and, in the same transaction, applies it to the
    // source: a work withdrawn from a judging's proposed winners loses its award (with a move
    // that says why); a work returned to the judges puts the whole list back to a draft, to be
    // scored again and confirmed anew; a work that left a vote's shortlist leaves the vote. The
    // caller checked
    // require_closable; this refuses (conflict) a notice closed meanwhile or with an objection
    // left unanswered.
    Announcement close(AnnouncementId id, Timestamp at, UserId by, const AuditContext& ctx);

    // ---- objections
    // Stores an objection with a new tracking code, refusing (conflict) when the notice stopped
    // taking objections meanwhile. The proof-of-work solution (`spent_key`, valid until
    // `challenge_expires`) is spent in the same transaction: Error(invalid_input) on "altcha" when
    // it was spent before.
    Objection add_objection(const Objection& objection, const std::string& spent_key,
                            Timestamp challenge_expires, const AuditContext& ctx);
    std::vector<Objection> objections(AnnouncementId id);  // by submission
    std::optional<Objection> find_objection(ObjectionId id);
    std::optional<Objection> find_objection_by_code(const std::string& code);
    // Answers an objection; an upheld one sets the work's outcome on the notice. Refused
    // (conflict) when it was answered meanwhile or the notice is closed.
    Objection answer(ObjectionId id, ObjectionAnswer answer, std::optional<EntryOutcome> outcome,
                     const std::string& reason, UserId by, Timestamp at, const AuditContext& ctx);

  private:
    Database& database_;
    SecretBox box_;
};

}  // namespace wangju::store
