// The public vote (网络投票): the finalists of one or more tracks of a campaign go to a vote by the
// public. Its rules are data, editable until it opens: how many votes an account may cast per work
// and per day, how many one client address may cast per day, and when totals are shown. Days turn
// at midnight Asia/Shanghai.
//
// Fraud flags: domain/vote_fraud.h. The proof-of-work challenge: domain/altcha.h.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/time.h"
#include "domain/user.h"
#include "domain/work.h"

namespace wangju {

struct PublicVoteId {
    std::int64_t value = 0;
    auto operator<=>(const PublicVoteId&) const = default;
};

struct VoterId {
    std::int64_t value = 0;
    auto operator<=>(const VoterId&) const = default;
};

struct VoteId {
    std::int64_t value = 0;
    auto operator<=>(const VoteId&) const = default;
};

// When the public sees totals: never (only at the organisers' desk), live, or from a set time.
enum class TotalsShown { never, live, from };
std::string_view to_string(TotalsShown shown);
std::optional<TotalsShown> parse_totals_shown(std::string_view text);

struct VoteRules {
    int per_account_per_work_per_day = 1;
    int per_account_per_day = 10;
    int per_address_per_day = 50;
    TotalsShown totals = TotalsShown::live;
    std::optional<Timestamp> totals_from;  // with TotalsShown::from
    bool operator==(const VoteRules&) const = default;
};

// The thresholds of the fraud flags (domain/vote_fraud.h), as data per vote.
struct FraudSettings {
    // More than `burst_votes` votes from one address within `burst_seconds`, or more than
    // `network_burst_votes` from one network (/24 for IPv4, /64 for IPv6).
    int burst_votes = 20;
    int network_burst_votes = 60;
    int burst_seconds = 300;
    // At least `alike_accounts` accounts, each registered less than `new_account_hours` before its
    // first vote here, voting for the same work within `alike_minutes`.
    int alike_accounts = 5;
    int alike_minutes = 10;
    int new_account_hours = 24;
    // More than `accounts_per_address` accounts voting from one address.
    int accounts_per_address = 10;
    // A challenge answered sooner than this after it was issued: faster than a person's browser.
    int min_solve_ms = 400;
    bool operator==(const FraudSettings&) const = default;
};

struct PublicVote {
    PublicVoteId id;
    CampaignId campaign;
    std::string name;
    std::vector<std::string> tracks;  // track codes
    Timestamp starts_at{};
    Timestamp ends_at{};
    VoteRules rules;
    FraudSettings fraud;
    UserId created_by;
    Timestamp created_at{};
};

// The rules and thresholds as stored and as the API shows them:
// {"per_account_per_work_per_day", "per_account_per_day", "per_address_per_day", "totals",
//  "totals_from", "fraud": {...}}.
nlohmann::json rules_json(const VoteRules& rules, const FraudSettings& fraud);
// Applies the fields present in `json` over `rules` and `fraud`; Error(invalid_input) naming a
// field of the wrong type. Ranges are checked by check_vote_settings.
void apply_rules_json(const nlohmann::json& json, VoteRules& rules, FraudSettings& fraud);

enum class VotePhase { upcoming, open, ended };
VotePhase phase_at(const PublicVote& vote, Timestamp now);
std::string_view label_zh(VotePhase phase);  // "投票中"

// Throws Error(invalid_input) naming the field: a name, at least one track, start before end, each
// limit between 1 and 10,000 (the per-work limit at most the per-day one), a time for "from", the
// fraud thresholds in range.
void check_vote_settings(const PublicVote& vote);
// Rules may change only before the vote opens: Error(conflict) afterwards.
void check_rules_editable(const PublicVote& vote, Timestamp now);

// Whether the public may see totals, ranks and counts now. System admins always may.
bool totals_public(const VoteRules& rules, Timestamp now);

// The vote day of a moment: days since 1970-01-01 in Asia/Shanghai.
std::int64_t vote_day(Timestamp t);
// Midnight Asia/Shanghai that ends the vote day of `t`.
Timestamp next_vote_day(Timestamp t);

// What one voter and one address have already cast today, as the counters hold it.
struct VoteCounts {
    int account_on_work = 0;  // this account, this work, today
    int account = 0;          // this account, all works, today
    int address = 0;          // this client address, today
};

enum class VoteRule {
    outside_period,
    account_per_work,
    account_per_day,
    address_per_day,
    work_not_in_vote,
    proof_reused
};
std::string_view to_string(VoteRule rule);  // "account_per_work"

// A vote refused: the rule, the message for the voter, and when they may vote again.
struct VoteRefusal {
    VoteRule rule;
    std::string message;
    std::optional<Timestamp> retry_at;
};

// The first rule a new vote at `now` would break, or nothing when it may be cast.
std::optional<VoteRefusal> check_vote(const PublicVote& vote, const VoteCounts& counts,
                                      Timestamp now);

// A vote as stored.
struct CastVote {
    VoteId id;
    PublicVoteId vote;
    WorkId work;
    VoterId voter;
    std::string address;  // the client address as the server saw it
    Timestamp cast_at{};
    int solve_ms = 0;  // how long the voter's browser took to solve the challenge
    bool voided = false;
};

}  // namespace wangju
