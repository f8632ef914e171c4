// The rules of changing accounts and sessions, applied inside a caller's write transaction, each
// with its audit event.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <soci/soci.h>

#include "domain/audit.h"
#include "store/store.h"

namespace wangju::store {

std::string normalized_username(std::string_view username);  // lowercase

User create_user_in(soci::session& session, const NewUser& user, const AuditContext& ctx);

// Loads the user, lets `change` edit it, writes it back and appends `action` with the user
// before and after. `extra_after` is merged into the event's "after" (e.g. a masked field).
User change_user_in(soci::session& session, UserId id, const AuditContext& ctx,
                    const std::string& action, const std::function<void(User&)>& change,
                    const nlohmann::json& extra_after = nlohmann::json::object());

User record_login_failure_in(soci::session& session, UserId id, int lock_after,
                             std::chrono::seconds lock_for, const AuditContext& ctx);

void create_session_in(soci::session& db, const Session& session, const AuditContext& ctx);
void delete_session_in(soci::session& db, const std::string& token_hash, const AuditContext& ctx);
void delete_sessions_of_in(soci::session& db, UserId user, const AuditContext& ctx);

}  // namespace wangju::store
