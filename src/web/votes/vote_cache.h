// What the vote path reads for every ballot, held in memory for a short while so that a flood of
// votes reads the database only for what changed: a vote with the works it holds, and a voter's
// session with the voter. A change made through this process (forget_*) is seen at once; one made
// by another server process on the same database, within `held_for` (votes) or
// `sessions_held_for` (sessions). Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "store/public_vote_store.h"

namespace wangju::web::votes {

struct HeldVote {
    PublicVote vote;
    std::unordered_set<std::int64_t> works;
    bool holds(WorkId work) const { return works.count(work.value) > 0; }
};

struct HeldSession {
    store::Voter voter;
    store::VoterSession session;
};

class VoteCache {
  public:
    // At most `max_sessions` sessions are held: at the bound, the stale ones go, and if half of
    // it is still held, all of them (they are read again when next used).
    explicit VoteCache(store::PublicVoteStore& votes,
                       std::chrono::milliseconds held_for = std::chrono::seconds(2),
                       std::chrono::milliseconds sessions_held_for = std::chrono::seconds(2),
                       std::size_t max_sessions = 100'000);

    // The vote and its works; null when there is no such vote.
    std::shared_ptr<const HeldVote> vote(PublicVoteId id);
    void forget_vote(PublicVoteId id);
    // Reading nothing: whether the vote is held, read within its hold.
    bool holds_vote(PublicVoteId id);

    // The session of the token whose SHA-256 is `token_hash`, with its voter; nullopt when none.
    std::optional<HeldSession> session(const std::string& token_hash);
    // After a session was stored through this process (a voter signing up or logging in): held
    // as if read now, so that the voter's first ballot reads nothing.
    void hold_session(const std::string& token_hash, HeldSession held);
    // After the session's last_seen_at was written.
    void touched(const std::string& token_hash, Timestamp at);
    void forget_session(const std::string& token_hash);
    // Reading nothing: whether the session is held, read within its hold, with its voter, and
    // `usable` (called under the cache's lock) says yes of it.
    bool holds_session(const std::string& token_hash,
                       const std::function<bool(const HeldSession&)>& usable);
    std::size_t sessions_held();

  private:
    using Clock = std::chrono::steady_clock;
    template <class T>
    struct Held {
        Clock::time_point read_at;
        T value;
    };

    store::PublicVoteStore& store_;
    const std::chrono::milliseconds held_for_, sessions_held_for_;
    const std::size_t max_sessions_;
    std::mutex votes_mutex_;
    std::unordered_map<std::int64_t, Held<std::shared_ptr<const HeldVote>>> votes_;
    std::mutex sessions_mutex_;
    std::unordered_map<std::string, Held<std::optional<HeldSession>>> sessions_;
    std::size_t sweep_at_ = 1024;  // sessions held before stale ones are swept
    // Holds `value` as read at `now`, sweeping first at the bound. Called with the lock held.
    void keep_session(const std::string& token_hash, Clock::time_point now,
                      std::optional<HeldSession> value);
};

}  // namespace wangju::web::votes
