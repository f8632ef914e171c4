// Queries on the units table. Each takes the session it runs on, so that a write transaction reads
// what it has written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "domain/unit.h"

namespace wangju::store::units {

std::optional<Unit> find(soci::session& session, UnitId id);
std::optional<Unit> find_by_code(soci::session& session, const std::string& code);
std::vector<Unit> children(soci::session& session, UnitId parent);
std::vector<Unit> subtree(soci::session& session, const std::string& path);
std::vector<Unit> roots(soci::session& session);
std::size_t count(soci::session& session);

// Inserts `unit` (its path and level given by its parent) and returns it with its id and path.
Unit insert(soci::session& session, const NewUnit& unit, const std::optional<Unit>& parent);
void update_fields(soci::session& session, const Unit& unit);  // name and dates
// Moves the subtree at `unit` below `new_parent`: parent, paths and levels in two statements.
void move_subtree(soci::session& session, const Unit& unit, const Unit& new_parent);

// The unit as audit events record it.
nlohmann::json to_json(const Unit& unit);
std::string audit_object(const Unit& unit);  // "unit:<code>"

}  // namespace wangju::store::units
