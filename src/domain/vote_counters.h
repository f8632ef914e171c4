// What each voter and each client address has cast per vote day, held in memory so that the rules
// of a public vote are checked without a query. Not thread-safe: the owner guards it. Rebuilt from
// the stored votes of the day at start; days before the current one are dropped as the day turns.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/public_vote.h"

namespace wangju {

class VoteCounters {
  public:
    VoteCounts counts(PublicVoteId vote, VoterId voter, WorkId work, const std::string& address,
                      std::int64_t day) const;
    // Adds `delta` (+1 for a vote taken, -1 for one given back) to the three counters.
    void add(PublicVoteId vote, VoterId voter, WorkId work, const std::string& address,
             std::int64_t day, int delta);
    // Forgets every counter of a day before `day`.
    void drop_days_before(std::int64_t day);
    // The voters and addresses counted.
    std::size_t size() const { return by_voter_.size() + by_address_.size(); }

  private:
    // A voter's counts of a day are one entry, so that a vote looks them up once: the maps hold a
    // crowd's voters, and each lookup in them is a wait for memory.
    struct VoterKey {
        std::int64_t vote = 0, day = 0, voter = 0;
        bool operator==(const VoterKey&) const = default;
    };
    struct VoterCounts {
        int all = 0;
        std::vector<std::pair<std::int64_t, int>> by_work;  // the few works voted for that day
    };
    struct AddressKey {
        std::int64_t vote = 0, day = 0;
        std::string address;
        bool operator==(const AddressKey&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const VoterKey& k) const noexcept;
        std::size_t operator()(const AddressKey& k) const noexcept;
    };

    std::unordered_map<VoterKey, VoterCounts, KeyHash> by_voter_;
    std::unordered_map<AddressKey, int, KeyHash> by_address_;
};

}  // namespace wangju
