// Logging in and out, finding who sent a request, and the CSRF check. Every handler that needs a
// user calls `require_user`; every state-changing handler calls `require_csrf` (through `guard`).
#pragma once

#include <optional>
#include <string>

#include "domain/permission.h"
#include "http/message.h"
#include "store/store.h"
#include "web/web_context.h"

namespace wangju::web {

inline constexpr const char* session_cookie_name = "wangju_session";

// The user behind a request, with the unit they belong to.
struct CurrentUser {
    User user;
    Unit unit;
    store::Session session;
    Actor actor;
    std::string session_token_hash;
};

struct LoginRequest {
    std::string username;
    std::string password;
    std::string totp;  // may be empty
};

struct LoginResult {
    std::string token;       // goes into the session cookie only
    std::string csrf_token;  // the client sends it back with every state change
    User user;
};

// Checks the credentials, the lock, the throttle per address and the second factor; creates a
// session. Throws Error(unauthenticated) with one message for a wrong name or password (so
// nobody learns which names exist), Error(too_many_requests) with retry_after when locked or
// throttled, Error(invalid_input) with field "totp" when a code is needed or wrong.
LoginResult log_in(WebContext& web, const LoginRequest& login, const std::string& client_address,
                   const std::string& user_agent);

// The session cookie for a new login, and the one that removes it.
http::Cookie session_cookie(const std::string& token, bool secure);
http::Cookie expired_session_cookie(bool secure);

// The user of a live session, or nothing. Ends sessions that are idle or too old; refreshes the
// idle clock at most once a minute, so that reading pages costs few writes.
std::optional<CurrentUser> current_user(WebContext& web, const http::Request& request);

// As current_user, but throws Error(unauthenticated) when nobody is logged in. Unless
// `allow_pending` is set, also throws Error(password_change_required) while the user must still
// change their password or (a sysadmin) set up two-factor login.
CurrentUser require_user(WebContext& web, const http::Request& request, bool allow_pending = false);

// A login has no session yet, hence no CSRF token: a page of another site could log the visitor in
// under the attacker's account (login CSRF). Browsers name such a request's origin in
// Sec-Fetch-Site; "cross-site" is refused with Error(csrf_failed). Requests without the header
// (other clients, older browsers) pass; the header does not depend on a proxy's Host.
void refuse_cross_site_login(const http::Request& request);

// Throws Error(csrf_failed) unless the request carries the session's CSRF token in the header
// X-CSRF-Token or the form field "csrf".
void require_csrf(const http::Request& request, const CurrentUser& user);
// The same check for a token the caller read itself (e.g. from a multipart form).
void require_csrf_token(const CurrentUser& user, std::string_view sent);

// What the user must do before anything else, if anything: "password" or "totp".
std::optional<std::string> pending_step(const User& user);

AuditContext audit_context(const http::Request& request, const std::optional<CurrentUser>& user);
AuditContext audit_context(const http::Request& request, const CurrentUser& user);

}  // namespace wangju::web
