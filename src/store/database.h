// The connections of one database and the two ways of using them: a read on a session borrowed
// from the pool, and a write in one transaction on the write session. Store and the feature
// stores (CampaignStore and those beside it) share one Database; it is safe to use from many
// threads.
//
// Contract for every feature store built on it, as for Store: a method that changes state runs in
// one `write` together with the audit event it appends, and returns only after the commit; when
// it throws, nothing was changed.
#pragma once

#include <string>
#include <type_traits>

#include "domain/error.h"
#include "store/connections.h"
#include "store/transaction.h"

namespace wangju::store {

class Database {
  public:
    explicit Database(const std::string& url) : connections_(url) {}

    Engine engine() const { return connections_.engine(); }
    Connections& connections() { return connections_; }
    const Connections& connections() const { return connections_; }

    // Runs `query(session)` on a session borrowed from the read pool. Throws Error(unavailable)
    // when the connection to the database is lost meanwhile.
    template <class Query>
    auto read(Query&& query) {
        auto session = connections_.read();
        return guarded(*session, [&] { return query(*session); });
    }

    // As read, on a session for a query that reads a few rows by their key
    // (Connections::read_keyed).
    template <class Query>
    auto read_keyed(Query&& query) {
        auto session = connections_.read_keyed();
        return guarded(*session, [&] { return query(*session); });
    }

    // Runs `change(session)` in one transaction on the write session and commits; rolls back when
    // it throws. Throws Error(unavailable) when the connection to the database is lost before the
    // commit is confirmed: the change was then not acknowledged, and is not retried here.
    template <class Change>
    auto write(Change&& change) {
        auto session = connections_.write();
        return guarded(*session, [&] {
            Transaction transaction(*session, connections_.engine());
            if constexpr (std::is_void_v<std::invoke_result_t<Change, soci::session&>>) {
                change(*session);
                transaction.commit();
            } else {
                auto result = change(*session);
                transaction.commit();
                return result;
            }
        });
    }

    // Runs one statement that commits by itself (no audit event, no transaction) on the write
    // session; Error(unavailable) as for write.
    template <class Statement>
    auto write_alone(Statement&& statement) {
        auto session = connections_.write();
        return guarded(*session, [&] { return statement(*session); });
    }

  private:
    // Runs `run()`; a statement that failed because the connection was lost becomes
    // Error(unavailable).
    template <class Run>
    auto guarded(soci::session& session, Run&& run) {
        try {
            return run();
        } catch (const soci::soci_error& e) {
            if (connections_.lost(session, e)) throw database_unavailable();
            throw;
        }
    }

    Connections connections_;
};

}  // namespace wangju::store
