// Fraud flags of a public vote (刷票): patterns in the stored votes that an organiser reviews
// before voiding anything. A flag names the rule that raised it and the votes it covers; its id is
// stable (the rule, the key and the first vote's time), so that an admin can void "flag X" after
// reading it. Flags only point; nothing is voided without an admin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/public_vote.h"

namespace wangju {

// Throws Error(invalid_input) naming the field when a threshold is out of range.
void check_fraud_settings(const FraudSettings& settings);

// "203.0.113.0/24" or "2001:db8:1:2::/64"; an address that does not parse is its own network.
std::string network_of(std::string_view address);
// What admins see of an address: its network ("203.0.113.0/24").
std::string masked_address(std::string_view address);

enum class FlagRule {
    address_burst,
    network_burst,
    new_accounts_alike,
    accounts_per_address,
    fast_solution
};
std::string_view to_string(FlagRule rule);
std::string_view label_zh(FlagRule rule);  // "同一地址短时间大量投票"

// One stored vote, with what the flags look at.
struct VoteEvidence {
    VoteId id;
    WorkId work;
    VoterId voter;
    std::string address;
    Timestamp cast_at{};
    Timestamp voter_registered_at{};
    int solve_ms = 0;
    bool voided = false;
};

struct VoteFlag {
    std::string id;  // "address_burst:203.0.113.0/24:1696118400"
    FlagRule rule;
    std::string key;            // the masked address, the network or the work, as the rule groups
    std::string detail;         // in Chinese: what was seen, e.g. "5 分钟内 34 票"
    std::vector<VoteId> votes;  // ascending
    int accounts = 0;           // distinct voters among them
    int voided = 0;             // how many of them are voided now
    Timestamp first{};
    Timestamp last{};
};

// Every flag the votes raise, ordered by rule, then first time. Voided votes still count towards
// a pattern (voiding a flag's votes does not make it vanish), and each flag says how many of its
// votes are voided.
std::vector<VoteFlag> find_flags(const std::vector<VoteEvidence>& votes,
                                 const FraudSettings& settings);

}  // namespace wangju
