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

#include "store/connections.h"
#include "store/transaction.h"

namespace wangju::store {

class Database {
  public:
    explicit Database(const std::string& url) : connections_(url) {}

    Engine engine() const { return connections_.engine(); }
    Connections& connections() { return connections_; }
    const Connections& connections() const { return connections_; }

    // Runs `query(session)` on a session borrowed from the read pool.
    template <class Query>
    auto read(Query&& query) {
        auto session = connections_.read();
        return query(*session);
    }

    // Runs `change(session)` in one transaction on the write session and commits; rolls back when
    // it throws.
    template <class Change>
    auto write(Change&& change) {
        auto session = connections_.write();
        Transaction transaction(*session, connections_.engine());
        if constexpr (std::is_void_v<std::invoke_result_t<Change, soci::session&>>) {
            change(*session);
            transaction.commit();
        } else {
            auto result = change(*session);
            transaction.commit();
            return result;
        }
    }

  private:
    Connections connections_;
};

}  // namespace wangju::store
