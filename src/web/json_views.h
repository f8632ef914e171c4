// How the API shows the program's objects as JSON. One function per object, used by every handler.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/unit.h"
#include "domain/user.h"
#include "store/store.h"

namespace wangju::web {

nlohmann::json unit_json(const Unit& unit);
// Never includes the password hash or the TOTP secret.
nlohmann::json user_json(const User& user, const Unit& unit);
nlohmann::json session_json(const store::Session& session, bool current);

// The first 16 characters of the token hash: enough to name a session, useless to steal one.
std::string session_id(const store::Session& session);

// Helpers for JSON request bodies: a missing or mistyped field is an invalid_input error that
// names the field.
std::string required_string(const nlohmann::json& body, const char* field, const char* label);
std::string optional_string(const nlohmann::json& body, const char* field);

}  // namespace wangju::web
