#include "store/transaction.h"

#include <spdlog/spdlog.h>

#include "store/audit_log.h"

namespace wangju::store {

Transaction::Transaction(soci::session& session, Engine engine) : session_(session) {
    session_ << (engine == Engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
        lock_audit_log(session_, engine);
    } catch (...) {
        session_ << "ROLLBACK";
        throw;
    }
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        session_ << "ROLLBACK";
    } catch (const std::exception& e) {
        spdlog::error("rollback failed: {}", e.what());
    }
}

void Transaction::commit() {
    session_ << "COMMIT";
    open_ = false;
}

}  // namespace wangju::store
