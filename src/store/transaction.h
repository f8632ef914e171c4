// An explicit write transaction on a session lent by Connections::write(). Rolls back when
// destroyed without commit(), so that a method that throws changes nothing.
#pragma once

#include <soci/soci.h>

#include "store/connections.h"

namespace wangju::store {

class Transaction {
  public:
    // SQLite: BEGIN IMMEDIATE takes the write lock at once, so a transaction never fails half-way
    // on another process's lock. PostgreSQL: also takes the audit log's lock (see audit_log.h).
    Transaction(soci::session& session, Engine engine);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

  private:
    soci::session& session_;
    bool open_ = true;
};

}  // namespace wangju::store
