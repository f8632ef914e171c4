// The connections to one database. SQLite: one writer connection behind a mutex (SQLite admits
// one writer at a time anyway), a pool of readers, which WAL lets read while the writer writes,
// and a second, smaller pool of readers for rows looked up by their key.
// PostgreSQL: one pool for reads and writes, each session reconnected when its server has gone, so
// that with a multi-host URL (target_session_attrs=read-write) the pool follows the primary to its
// standby after a failover. Safe to use from many threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "domain/error.h"

namespace wangju::store {

enum class Engine { sqlite, postgresql };

// How long a client is asked to wait (Retry-After) while no database server takes connections: a
// failover of a primary to its standby takes some seconds.
constexpr int kUnavailableRetryAfterSeconds = 5;

// What a request that found no database server gets: Error(unavailable), 503 with Retry-After.
Error database_unavailable();

// A session lent by Connections; gives it back when destroyed.
class Lease {
  public:
    Lease(soci::session& session, std::function<void()> give_back)
        : session_(&session), give_back_(std::move(give_back)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { give_back_(); }

    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

  private:
    soci::session* session_;
    std::function<void()> give_back_;
};

// Statements kept prepared on one session while it lives, so that a statement run often is parsed
// and planned once. Each entry owns its statement and the variables bound to it; a user of the
// session (which is lent to one thread at a time) sets the variables and executes. An entry
// whose statement failed must be dropped: it may be stopped half-way, holding its read.
class PreparedStatements {
  public:
    struct Entry {
        virtual ~Entry() = default;
    };

    // The entry of type T under `sql` (the statement's text), made by `make()` when absent.
    template <class T, class Make>
    T& find_or_make(const std::string& sql, Make&& make) {
        const Key key{sql, std::type_index(typeid(T))};
        auto it = entries_.find(key);
        if (it == entries_.end()) {
            // Keys are statement texts, a few per feature: past the bound, start again.
            if (entries_.size() >= kMaxEntries) entries_.clear();
            it = entries_.emplace(key, make()).first;
        }
        return static_cast<T&>(*it->second);
    }
    template <class T>
    void drop(const std::string& sql) {
        entries_.erase(Key{sql, std::type_index(typeid(T))});
    }

  private:
    static constexpr std::size_t kMaxEntries = 64;
    using Key = std::pair<std::string, std::type_index>;
    struct KeyHash {
        std::size_t operator()(const Key& key) const {
            return std::hash<std::string>()(key.first) ^ key.second.hash_code();
        }
    };
    std::unordered_map<Key, std::unique_ptr<Entry>, KeyHash> entries_;
};

class Connections {
  public:
    static constexpr std::size_t sqlite_readers = 4;
    static constexpr std::size_t sqlite_keyed_readers = 2;
    static constexpr std::size_t postgres_pool_size = 8;

    // `url` as for Store::open.
    explicit Connections(const std::string& url);
    ~Connections();

    Engine engine() const { return engine_; }
    // A session for queries that change nothing.
    Lease read();
    // A session for a query that changes nothing and reads a few rows by their key (a session by
    // its token), run often while others write. SQLite: from the readers without a memory map.
    // A reader that finds the database changed since its last read drops its memory map whole,
    // and a map made again is faulted in page by page: during a public vote, whose writer
    // commits hundreds of times a second, that cost a session lookup more than reading its few
    // pages into the reader's own cache. PostgreSQL: the one pool.
    Lease read_keyed();
    // The session for a write transaction. On SQLite only one is lent at a time, so writes are
    // serialised in this process (and by SQLite's lock across processes).
    Lease write();

    // Whether `session`'s connection to the database is lost (PostgreSQL: the server closed it or
    // went away, or it is a standby now and refuses writes). Call it when a statement failed: a
    // lost session is reconnected the next time it is lent.
    bool lost(soci::session& session, const std::exception& failure) const;

    std::size_t size() const;
    std::size_t in_use() const { return in_use_.load(); }

    // The statements kept prepared on `session`, one of this object's SQLite sessions; nullptr
    // for PostgreSQL, whose sessions are opened again after a failover.
    PreparedStatements* prepared(soci::session& session);

  private:
    Lease lease_from(soci::connection_pool& pool);
    // PostgreSQL: reconnects the lent session when its connection is closed, broken or found
    // dead; throws Error(unavailable) with Retry-After when no server takes it.
    void ensure_connected(soci::session& session);

    Engine engine_;
    std::size_t pool_size_ = 0;
    std::string conninfo_;                         // PostgreSQL
    std::unique_ptr<soci::connection_pool> pool_;  // SQLite readers, or all PostgreSQL sessions
    std::unique_ptr<soci::connection_pool> keyed_pool_;  // SQLite readers without a memory map
    std::unique_ptr<soci::session> writer_;        // SQLite only
    std::mutex writer_mutex_;
    std::atomic<std::size_t> in_use_{0};
    // SQLite: per session (its address, fixed while this object lives). Declared after the
    // sessions so that the statements are finalised before their connections close.
    std::vector<std::pair<const soci::session*, std::unique_ptr<PreparedStatements>>> prepared_;
};

}  // namespace wangju::store
