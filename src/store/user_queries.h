// Queries on the users table, run on the caller's session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "domain/user.h"

namespace wangju::store::users {

std::optional<User> find(soci::session& session, UserId id);
std::optional<User> find_by_username(soci::session& session, const std::string& username);
std::vector<User> in_subtree(soci::session& session, const std::string& unit_path);
std::size_t count(soci::session& session);

// Inserts `user` (id and created_at are ignored) and returns its new id.
UserId insert(soci::session& session, const User& user);
// Writes every field but id, username and created_at.
void update(soci::session& session, const User& user);

// The user as audit events record it: no password hash and no TOTP secret, only whether one is set.
nlohmann::json to_json(const User& user);
std::string audit_object(const User& user);  // "user:<username>"

}  // namespace wangju::store::users
