#include "store/connections.h"

#include <filesystem>

#include <poll.h>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "store/connection_url.h"
#include "store/search_rank.h"

namespace wangju::store {

namespace {

// In WAL mode synchronous=NORMAL keeps every committed transaction when the process dies (even by
// kill -9): the WAL is written before COMMIT returns and only its fsync is deferred. Only a power
// loss or OS crash can lose the last transactions, which FULL would prevent at the cost of an
// fsync per commit.
// Reads go through a memory map of the file (up to 1 GiB) rather than a read() per page into each
// connection's own cache of 2 MB: the kernel's page cache is then shared by the connections
// without a copy, which a search through a large index (a common word's list of articles) needs.
constexpr const char* kSqlitePragmas[] = {
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA mmap_size = 1073741824",
};

std::string sqlite_connect_string(const std::string& path) {
    std::string quoted = "\"";
    for (char c : path) {
        if (c == '"') throw Error(ErrorKind::invalid_input, "数据库文件路径不能包含双引号");
        quoted += c;
    }
    return "db=" + quoted + "\"";
}

// SQLite counts the memory it holds, on every allocation, under one mutex that all connections
// share; nothing here reads those counts, and with several readers at work the mutex was where
// they waited. Only possible before SQLite's first use in the process (later, it stays on).
void without_memory_counts() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void configure_sqlite(soci::session& session) {
    for (const char* pragma : kSqlitePragmas) session << pragma;
    register_search_rank(session);
}

std::string checked_sqlite_path(const std::string& path) {
    if (path.empty() || path == ":memory:" || path.starts_with("file::memory:")) {
        throw Error(ErrorKind::invalid_input,
                    "SQLite 数据库必须是一个文件(不支持 :memory:,多个连接需要共享同一个文件)");
    }
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    return path;
}

// Only for sessions of the PostgreSQL pool.
PGconn* postgres_connection(soci::session& session) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    return backend ? backend->conn_ : nullptr;
}

// Whether the connection is still open, without a round trip: libpq notices a closed connection
// only when it next reads, so an idle socket that has become readable is read now. A server that
// ends a connection sends its last words (FATAL: terminating connection) and then closes it:
// reading until the socket is quiet finds the close.
bool postgres_alive(PGconn* connection) {
    if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) return false;
    for (int reads = 0; reads < 4; ++reads) {
        pollfd socket{PQsocket(connection), POLLIN, 0};
        if (socket.fd < 0) return false;
        if (::poll(&socket, 1, 0) <= 0) break;
        if (PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK) return false;
    }
    return true;
}

// SQLSTATE 25006: a standby refuses to write; the session must find the new primary.
bool refused_as_standby(const std::exception& failure) {
    const auto* error = dynamic_cast<const soci::postgresql_soci_error*>(&failure);
    return error != nullptr && error->sqlstate() == "25006";
}

}  // namespace

Error database_unavailable() {
    return Error(ErrorKind::unavailable, "数据库暂时无法访问,请稍后重试")
        .with_retry_after(kUnavailableRetryAfterSeconds);
}

Connections::Connections(const std::string& url)
    : engine_(is_postgres_url(url) ? Engine::postgresql : Engine::sqlite) {
    if (engine_ == Engine::postgresql) {
        const std::string conninfo = postgres_conninfo(url);
        pool_size_ = postgres_pool_size;
        pool_ = std::make_unique<soci::connection_pool>(pool_size_);
        for (std::size_t i = 0; i < pool_size_; ++i) pool_->at(i).open(soci::postgresql, conninfo);
        conninfo_ = conninfo;
        return;
    }
    const std::string connect = sqlite_connect_string(checked_sqlite_path(url));
    without_memory_counts();
    writer_ = std::make_unique<soci::session>(soci::sqlite3, connect);
    std::string journal_mode;
    *writer_ << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
    configure_sqlite(*writer_);
    prepared_.emplace_back(writer_.get(), std::make_unique<PreparedStatements>());
    auto open_readers = [&](std::unique_ptr<soci::connection_pool>& pool, std::size_t size,
                            bool mapped) {
        pool = std::make_unique<soci::connection_pool>(size);
        for (std::size_t i = 0; i < size; ++i) {
            soci::session& reader = pool->at(i);
            reader.open(soci::sqlite3, connect);
            configure_sqlite(reader);
            if (!mapped) reader << "PRAGMA mmap_size = 0";
            prepared_.emplace_back(&reader, std::make_unique<PreparedStatements>());
        }
    };
    pool_size_ = sqlite_readers;
    open_readers(pool_, pool_size_, true);
    open_readers(keyed_pool_, sqlite_keyed_readers, false);
}

Connections::~Connections() = default;

Lease Connections::lease_from(soci::connection_pool& pool) {
    const std::size_t pos = pool.lease();
    if (engine_ == Engine::postgresql) {
        try {
            ensure_connected(pool.at(pos));
        } catch (...) {
            pool.give_back(pos);
            throw;
        }
    }
    ++in_use_;
    return Lease(pool.at(pos), [this, &pool, pos] {
        --in_use_;
        pool.give_back(pos);
    });
}

void Connections::ensure_connected(soci::session& session) {
    if (postgres_alive(postgres_connection(session))) return;
    try {
        if (session.get_backend() != nullptr) session.close();
        session.open(soci::postgresql, conninfo_);
    } catch (const soci::soci_error& e) {
        spdlog::warn("database connection failed: {}", e.what());
        throw database_unavailable();
    }
    spdlog::info("database connection opened again to {}:{}", PQhost(postgres_connection(session)),
                 PQport(postgres_connection(session)));
}

bool Connections::lost(soci::session& session, const std::exception& failure) const {
    if (engine_ != Engine::postgresql) return false;
    if (refused_as_standby(failure)) {
        session.close();  // reconnected, to the primary, when next lent
        return true;
    }
    PGconn* connection = postgres_connection(session);
    return connection == nullptr || PQstatus(connection) != CONNECTION_OK;
}

Lease Connections::read() {
    return lease_from(*pool_);
}

Lease Connections::read_keyed() {
    return lease_from(keyed_pool_ ? *keyed_pool_ : *pool_);
}

Lease Connections::write() {
    if (engine_ == Engine::postgresql) return lease_from(*pool_);
    writer_mutex_.lock();
    ++in_use_;
    return Lease(*writer_, [this] {
        --in_use_;
        writer_mutex_.unlock();
    });
}

PreparedStatements* Connections::prepared(soci::session& session) {
    for (auto& [owner, statements] : prepared_) {
        if (owner == &session) return statements.get();
    }
    return nullptr;
}

std::size_t Connections::size() const {
    return pool_size_ + (writer_ ? 1 + sqlite_keyed_readers : 0);
}

}  // namespace wangju::store
