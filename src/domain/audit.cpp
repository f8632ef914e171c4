#include "domain/audit.h"

#include <fmt/format.h>

#include "domain/secret.h"

namespace wangju {

namespace {

// A JSON array fixes the order of the fields, and `before` and `after` are dumped by nlohmann,
// which writes object keys sorted and numbers in their shortest form: the same event read back
// from either database serialises to the same bytes.
std::string canonical_form(const AuditEvent& event) {
    const nlohmann::json actor =
        event.actor ? nlohmann::json(event.actor->value) : nlohmann::json(nullptr);
    const nlohmann::json fields = nlohmann::json::array({
        event.seq,
        format_utc(event.at),
        actor,
        event.client_address,
        event.action,
        event.object,
        event.before.dump(),
        event.after.dump(),
        event.prev_hash,
    });
    return fields.dump();
}

// Rows that are not numbered 1, 2, 3, ... in a row mean that some were deleted.
std::optional<ChainBreak> check_sequence(std::int64_t expected_seq, const AuditEvent& event) {
    if (event.seq == expected_seq) return std::nullopt;
    if (event.seq < expected_seq) {
        return ChainBreak{event.seq, fmt::format("event {} is out of order", event.seq)};
    }
    if (event.seq == expected_seq + 1) {
        return ChainBreak{event.seq, fmt::format("event {} is missing", expected_seq)};
    }
    return ChainBreak{event.seq,
                      fmt::format("events {} to {} are missing", expected_seq, event.seq - 1)};
}

}  // namespace

std::string event_hash(const AuditEvent& event) {
    return sha256_hex(canonical_form(event));
}

std::string genesis_hash() {
    return std::string(64, '0');
}

std::optional<ChainBreak> verify_chain(const std::vector<AuditEvent>& events,
                                       const std::string& hash_before_first) {
    // A chain that starts at the genesis hash must start at event 1; a later window of the log
    // (with the hash of the event before it) may start anywhere.
    const bool from_genesis = hash_before_first == genesis_hash();
    std::optional<std::int64_t> expected_seq;
    if (from_genesis) expected_seq = 1;
    std::string expected_prev = hash_before_first;
    for (const AuditEvent& event : events) {
        if (expected_seq) {
            if (auto gap = check_sequence(*expected_seq, event)) return gap;
        }
        if (event.prev_hash != expected_prev) {
            const std::string reason =
                event.seq == 1
                    ? std::string("prev_hash of the first event is not 64 zeros")
                    : fmt::format("prev_hash does not match the hash of event {}", event.seq - 1);
            return ChainBreak{event.seq, reason};
        }
        if (event.hash != event_hash(event)) {
            return ChainBreak{event.seq, "hash does not match its contents"};
        }
        expected_seq = event.seq + 1;
        expected_prev = event.hash;
    }
    return std::nullopt;
}

}  // namespace wangju
