// Appending to and reading the hash-chained audit log, inside a caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "store/connections.h"

namespace wangju::store {

// The newest event of the audit log: its seq and hash (seq 0 and the genesis hash when the log is
// empty).
struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
};
AuditHead audit_head(soci::session& session);

// Appends one event after the last one. Must run inside the write transaction of the change it
// records: appends are serialised by that transaction (the single SQLite writer, or on
// PostgreSQL the table lock that `lock_audit_log` takes first).
AuditEvent append_event(soci::session& session, const AuditContext& ctx, const std::string& action,
                        const std::string& object, const nlohmann::json& before,
                        const nlohmann::json& after);

// Taken at the start of every audited PostgreSQL write transaction, before anything else, so that
// concurrent writers queue here instead of deadlocking on rows the other holds.
void lock_audit_log(soci::session& session, Engine engine);

std::vector<AuditEvent> read_events(soci::session& session, std::int64_t after_seq,
                                    std::size_t limit);
std::size_t count_events(soci::session& session);

}  // namespace wangju::store
