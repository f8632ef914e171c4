// What a backup and `wangju check` ask of a database as a whole: its tables, their row counts,
// and the engine's own check of its files.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/connections.h"

namespace wangju::store {

// The tables of the application's schema (SQLite's own tables left out), by name.
std::vector<std::string> table_names(soci::session& session, Engine engine);
std::map<std::string, std::int64_t> row_counts(soci::session& session, Engine engine);

// The schema version recorded by the migrations; 0 for an empty database.
int recorded_schema_version(soci::session& session, Engine engine);

// A connection of its own to the database of `url` (as for Store::open), without the settings
// of the server's connections: opening a SQLite copy this way leaves it in its journal mode.
std::unique_ptr<soci::session> open_session(const std::string& url);

// Tables of the application's schema in the database; 0 for an empty database.
std::size_t count_tables(soci::session& session, Engine engine);

// The engine's check of the stored data, each problem as a line in Chinese; empty when sound.
// SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL (no superuser needed, so not
// amcheck): every row of every table is read, which reports a damaged page or a failed data
// checksum as an error.
std::vector<std::string> integrity_problems(soci::session& session, Engine engine);

}  // namespace wangju::store
