// What a logged-in user can do to their own account. The API and the pages both call these.
#pragma once

#include <string>

#include "web/auth.h"

namespace wangju::web {

// Checks the current password and the policy; clears "must change". Ends the user's other
// sessions, since whoever knew the old password may hold one.
void change_password(WebContext& web, const CurrentUser& user, const std::string& current,
                     const std::string& replacement, const AuditContext& ctx);

struct TotpSetup {
    std::string secret;
    std::string uri;
};
TotpSetup begin_totp(const CurrentUser& user);
// Turns two-factor login on when `code` is valid for `secret`.
void confirm_totp(WebContext& web, const CurrentUser& user, const std::string& secret,
                  const std::string& code, const AuditContext& ctx);
// A sysadmin cannot turn it off: it is required for that role.
void disable_totp(WebContext& web, const CurrentUser& user, const std::string& password,
                  const AuditContext& ctx);

// Sets or (with "") clears the user's own e-mail address; invalid naming "email" when it is not one.
void set_own_email(WebContext& web, const CurrentUser& user, const std::string& email,
                   const AuditContext& ctx);

// Ends one of the user's own sessions, named by session_id(); not_found for another's.
void end_session(WebContext& web, const CurrentUser& user, const std::string& id,
                 const AuditContext& ctx);

}  // namespace wangju::web
