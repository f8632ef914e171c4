// Queries on the sessions table, run on the caller's session (a database session, here `db`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/store.h"

namespace wangju::store::sessions {

void insert(soci::session& db, const Session& session);
std::optional<Session> find(soci::session& db, const std::string& token_hash);
std::vector<Session> of_user(soci::session& db, UserId user);  // newest first
void touch(soci::session& db, const std::string& token_hash, Timestamp at);
void remove(soci::session& db, const std::string& token_hash);
std::size_t remove_of_user(soci::session& db, UserId user);
std::size_t remove_expired(soci::session& db, Timestamp idle_before, Timestamp created_before);

}  // namespace wangju::store::sessions
