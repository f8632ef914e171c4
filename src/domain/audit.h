// The audit log (审计日志): every change of state appends one event. Each event carries the hash
// of the previous one, so editing or deleting a row breaks the chain at that row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/time.h"
#include "domain/user.h"

namespace wangju {

// Who made a change and from where; passed to every store method that changes state.
struct AuditContext {
    std::optional<UserId> actor;   // empty for the system (migrations, demo, command line)
    std::string client_address;    // "127.0.0.1", or "cli" for the command line
};

struct AuditEvent {
    std::int64_t seq = 0;          // 1, 2, 3, ... in order of appending
    Timestamp at{};                // UTC
    std::optional<UserId> actor;
    std::string client_address;
    std::string action;            // "unit.create", "user.login_failed", ...
    std::string object;            // "unit:binhai", "user:42"
    nlohmann::json before;         // null when the object did not exist
    nlohmann::json after;          // null when the object was removed
    std::string prev_hash;         // hash of event seq-1, or 64 zeros for the first
    std::string hash;              // event_hash(*this)
};

// SHA-256 over a canonical serialisation of every field but `hash` (including prev_hash).
std::string event_hash(const AuditEvent& event);
std::string genesis_hash();  // 64 '0'

// The first event whose prev_hash or hash does not match, if any. Events must be in seq order.
struct ChainBreak {
    std::int64_t seq;
    std::string reason;  // English, for the command line: "hash does not match its contents"
};
std::optional<ChainBreak> verify_chain(const std::vector<AuditEvent>& events,
                                       const std::string& hash_before_first = genesis_hash());

}  // namespace wangju
