// What each voter and each client address has cast per vote day, held in memory so that the rules
// of a public vote are checked without a query. Not thread-safe: the owner guards it. Rebuilt from
// the stored votes of the day at start; days before the current one are dropped as the day turns.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

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
    std::size_t size() const { return by_work_.size() + by_account_.size() + by_address_.size(); }

  private:
    struct Key {
        std::int64_t vote = 0, day = 0, voter = 0, work = 0;
        std::string address;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    using Map = std::unordered_map<Key, int, KeyHash>;
    static int get(const Map& map, const Key& key);
    static void bump(Map& map, const Key& key, int delta);

    Map by_work_;     // vote, day, voter, work
    Map by_account_;  // vote, day, voter
    Map by_address_;  // vote, day, address
};

}  // namespace wangju
