// What the mailbox's pages and its JSON API share: sending a letter, the writer's look-up with
// the secret, and the staff's actions, each checked by domain/letter.h `may`. Nothing here knows
// HTTP beyond the uploaded files and the current user.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/letter.h"
#include "store/letter_store.h"
#include "web/auth.h"
#include "web/multipart_form.h"
#include "web/web_context.h"

namespace wangju::web {

// A letter as a form or a JSON body gives it; nothing is checked yet.
struct LetterInput {
    std::string unit_code;  // empty: the site's unit (WebConfig::letter_unit_code)
    std::string writer_name, phone, address, workplace, category, title, body;
    bool may_publish = false;
    std::string honeypot;  // the hidden field "website": people leave it empty
    std::vector<UploadedFile> files;
};

// The units a letter may be addressed to: the site's unit and its children.
std::vector<Unit> letter_units(WebContext& web);

// Checks everything (each bad field named in one Error(invalid_input)), applies the rate limit
// per client address (Error(too_many_requests)), stores the letter and its files.
store::SubmittedLetter send_letter(WebContext& web, const LetterInput& input,
                                   const AuditContext& ctx);

// The letter for its writer. A wrong secret and an unknown code give the same Error(not_found);
// failed attempts per address are limited (Error(too_many_requests)).
Letter letter_for_writer(WebContext& web, const std::string& code, const std::string& secret,
                         const std::string& client_address);

// A letter and the unit it is addressed to, after the permission check for `action`.
struct StaffLetter {
    Letter letter;
    Unit unit;
};
StaffLetter letter_for_staff(WebContext& web, const CurrentUser& user, const std::string& code,
                             LetterAction action);
// As above for reading the full letter: the read is audited.
StaffLetter read_letter_as_staff(WebContext& web, const CurrentUser& user, const std::string& code,
                                 const AuditContext& ctx);

// The letters a staff member sees: those addressed to their subtree (unit_admin, sysadmin) and
// those assigned to them, newest first.
std::vector<Letter> letters_for_staff(WebContext& web, const CurrentUser& user,
                                      std::optional<LetterState> state);

// Runs a staff action named "assign", "accept", "reject", "reply", "close" or "publish" with its
// parameters (handler, complexity, reason, reply, public_body). Error(not_found) for other names.
Letter act_on_letter(WebContext& web, const CurrentUser& user, const std::string& code,
                     const std::string& action, const std::map<std::string, std::string>& params,
                     const AuditContext& ctx);

// The users a letter addressed to `unit` may be assigned to (its subtree, enabled accounts).
std::vector<User> possible_handlers(WebContext& web, const Unit& unit);

// The code as typed: trimmed and upper-cased. Empty when it cannot be a tracking code.
std::string normal_tracking_code(std::string_view typed);

}  // namespace wangju::web
