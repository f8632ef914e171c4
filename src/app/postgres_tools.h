// PostgreSQL's own programs for what a backup does on that engine: pg_dump writes a snapshot of
// the database as a custom-format archive, pg_restore loads one into an empty database.
#pragma once

#include <filesystem>
#include <string>

namespace wangju::app {

// Dumps the database of `url` as it was in the exported snapshot `snapshot` into `archive`.
// Throws std::runtime_error with what pg_dump said when it fails.
void pg_dump(const std::string& url, const std::string& snapshot,
             const std::filesystem::path& archive);

// Restores `archive` into the (empty) database of `url` in one transaction: on failure nothing
// of it is kept. Throws std::runtime_error with what pg_restore said when it fails.
void pg_restore(const std::string& url, const std::filesystem::path& archive);

}  // namespace wangju::app
