// A point-in-time view of a live database, for backups: the server keeps reading and writing
// while the snapshot is copied, and the copy holds exactly what was committed when it was taken.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <soci/soci.h>

namespace wangju::store {

// Called with the bytes copied so far and the bytes in all.
using CopyProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// SQLite: a read transaction on a connection of its own fixes the snapshot (WAL lets writers
// go on beside it); the online backup API then copies its pages in steps. Not thread-safe.
class SqliteSnapshot {
  public:
    // Opens the database file (which must exist) and starts the read transaction. Throws
    // Error(invalid_input) naming the file when it cannot be opened.
    explicit SqliteSnapshot(const std::filesystem::path& database);
    ~SqliteSnapshot();
    SqliteSnapshot(const SqliteSnapshot&) = delete;
    SqliteSnapshot& operator=(const SqliteSnapshot&) = delete;

    // Writes the snapshot to `target` (which must not exist) as a database in rollback-journal
    // mode, so that reading the copy creates no -wal or -shm file beside it.
    void copy_to(const std::filesystem::path& target, const CopyProgress& progress);

  private:
    struct Handle;
    Handle* source_ = nullptr;
};

// PostgreSQL: a read-only REPEATABLE READ transaction whose snapshot is exported, so that
// pg_dump --snapshot dumps what this session sees. The transaction stays open until destroyed.
class PostgresSnapshot {
  public:
    explicit PostgresSnapshot(const std::string& url);
    ~PostgresSnapshot();
    PostgresSnapshot(const PostgresSnapshot&) = delete;
    PostgresSnapshot& operator=(const PostgresSnapshot&) = delete;

    const std::string& id() const { return id_; }
    // A session that sees the snapshot (for the row counts of the backup's manifest).
    soci::session& session() { return session_; }

  private:
    soci::session session_;
    std::string id_;
};

}  // namespace wangju::store
