// Public notices (公示) as their users act on them: the admins of a judging open a notice of its
// proposed winners, the organisers of a vote a notice of its shortlist; anyone objects while it
// runs, under a real name and behind the proof-of-work challenge; the same admins answer every
// objection and close the notice into its final list. The API and the pages both call these.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/announcement.h"
#include "web/auth.h"
#include "web/multipart_form.h"

namespace wangju::web::announcements {

// The positive id written in `text` (a path parameter); "not found" naming `what` otherwise.
std::int64_t id_from_text(const std::string& text, const char* what);

Announcement load_announcement(WebContext& web, const std::string& id_text);

// What an admin sends to open a notice.
struct NoticeForm {
    std::string kind;  // "shortlist" or "winners"
    std::string starts;  // "2023-07-03", Beijing date
    int working_days = 5;
    std::string contact;
    std::string title;  // empty: made from the source
};

// Who may open a notice, asked before the form is read: one of the judging's admins (else not
// found), a vote's organiser (else forbidden).
void require_judging_notice_right(WebContext& web, const CurrentUser& user, JudgingId judging);
void require_vote_notice_right(const CurrentUser& user);

// A judging's confirmed, not yet published awards (kind winners), for one of its admins.
Announcement open_for_judging(WebContext& web, const CurrentUser& user, JudgingId judging,
                              const NoticeForm& form, const AuditContext& ctx);
// A vote's works before it opens (kind shortlist), for its organisers; the notice must end
// before the vote starts.
Announcement open_for_vote(WebContext& web, const CurrentUser& user, PublicVoteId vote,
                           const NoticeForm& form, const AuditContext& ctx);

// May `user` answer the objections to the notice and close it (the judging's admins, the
// vote's organisers)?
bool may_answer(WebContext& web, const CurrentUser& user, const Announcement& announcement);
void require_answerer(WebContext& web, const CurrentUser& user, const Announcement& announcement);

// Takes an objection from anyone: checked (fields, the notice running, the challenge, one
// address's rate), its attachment (optional, one JPEG, PNG or PDF up to 5 MB) kept as a file.
// Nothing is stored when anything is refused.
Objection submit_objection(WebContext& web, const http::Request& request,
                           const Announcement& announcement, NewObjection objection,
                           const std::string& altcha, const std::vector<UploadedFile>& files);

// The objection of a code, for the objector; a malformed or unknown code is "not found", and
// an address that keeps guessing is throttled.
Objection objection_by_code(WebContext& web, const http::Request& request,
                            const std::string& code);

struct AnswerForm {
    std::string answer;   // "upheld" or "dismissed"
    std::string outcome;  // with upheld: "withdrawn" or "returned"
    std::string reason;
};
// Throws not_found or forbidden unless the user may answer the objection: asked before the
// answer is read.
void require_objection_answerer(WebContext& web, const CurrentUser& user, ObjectionId id);
Objection answer_objection(WebContext& web, const CurrentUser& user, ObjectionId id,
                           const AnswerForm& form, const AuditContext& ctx);

Announcement close_announcement(WebContext& web, const CurrentUser& user, AnnouncementId id,
                                const AuditContext& ctx);

// The folder of objections' attachments (random names; the name sent is only shown).
std::filesystem::path objection_files_dir(const WebContext& web);

}  // namespace wangju::web::announcements
