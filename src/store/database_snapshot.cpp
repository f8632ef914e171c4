#include "store/database_snapshot.h"

#include <sqlite3.h>

#include <soci/postgresql/soci-postgresql.h>

#include "domain/error.h"
#include "store/connection_url.h"

namespace wangju::store {

namespace {

// Pages copied per step of the online backup: a progress line every few megabytes.
constexpr int kPagesPerStep = 1024;

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(ErrorKind::unavailable, what + ":" + (db ? sqlite3_errmsg(db) : "内存不足"));
}

void execute(sqlite3* db, const char* sql, const std::string& what) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, what);
}

// A connection closed when it goes out of scope.
struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close(db); }
};

std::uint64_t page_size_of(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &statement, nullptr) != SQLITE_OK) {
        fail(db, "无法读取数据库的页大小");
    }
    const std::uint64_t size =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 4096;
    sqlite3_finalize(statement);
    return size;
}

}  // namespace

struct SqliteSnapshot::Handle {
    Connection connection;
};

SqliteSnapshot::SqliteSnapshot(const std::filesystem::path& database) {
    auto handle = std::make_unique<Handle>();
    sqlite3*& db = handle->connection.db;
    // Read-write without create: a missing file is an error, and a WAL database needs its
    // shared-memory file writable even to be read.
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        fail(db, "无法打开数据库文件 " + database.string());
    }
    sqlite3_busy_timeout(db, 5000);
    execute(db, "BEGIN", "无法开始读事务");
    // The first read fixes the snapshot that every later step of the backup sees.
    execute(db, "SELECT count(*) FROM sqlite_master", "无法读取数据库 " + database.string());
    source_ = handle.release();
}

SqliteSnapshot::~SqliteSnapshot() {
    if (!source_) return;
    sqlite3_exec(source_->connection.db, "COMMIT", nullptr, nullptr, nullptr);
    delete source_;
}

void SqliteSnapshot::copy_to(const std::filesystem::path& target, const CopyProgress& progress) {
    Connection destination;
    if (sqlite3_open_v2(target.c_str(), &destination.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        fail(destination.db, "无法创建 " + target.string());
    }
    sqlite3* source = source_->connection.db;
    sqlite3_backup* backup = sqlite3_backup_init(destination.db, "main", source, "main");
    if (!backup) fail(destination.db, "无法开始复制数据库");
    const std::uint64_t page_size = page_size_of(source);
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        const auto total = static_cast<std::uint64_t>(sqlite3_backup_pagecount(backup));
        const auto left = static_cast<std::uint64_t>(sqlite3_backup_remaining(backup));
        if (progress && (rc == SQLITE_OK || rc == SQLITE_DONE)) {
            progress((total - left) * page_size, total * page_size);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) fail(destination.db, "复制数据库失败");
    execute(destination.db, "PRAGMA journal_mode = DELETE", "无法设置副本的日志模式");
}

PostgresSnapshot::PostgresSnapshot(const std::string& url)
    : session_(soci::postgresql, postgres_conninfo(url)) {
    session_ << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    session_ << "SELECT pg_export_snapshot()", soci::into(id_);
}

PostgresSnapshot::~PostgresSnapshot() {
    try {
        session_ << "COMMIT";
    } catch (...) {
        // The session closes next, which ends the transaction all the same.
    }
}

}  // namespace wangju::store
