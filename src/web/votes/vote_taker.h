// Takes votes: checks a vote against the rules with the counters held in memory, takes its place
// in them, and hands it to the VoteWriter; answers once the vote is stored or refused. Thread-safe.
//
// The counters are those of the current vote day, rebuilt from the stored votes at start (so they
// are right across a restart) and dropped as the day turns. On SQLite they are the whole truth; on
// PostgreSQL this process's counters are a first check and the writer's counters in the database
// hold the rules across processes (store/vote_writer.h).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "domain/altcha.h"
#include "domain/vote_counters.h"
#include "store/public_vote_store.h"
#include "store/vote_writer.h"
#include "web/votes/vote_cache.h"

namespace wangju::web::votes {

struct Ballot {
    std::shared_ptr<const PublicVote> vote;  // as held by the VoteCache
    VoterId voter;
    WorkId work;
    std::string address;
    AltchaSolution proof;
    Timestamp now{};
};

struct CastOutcome {
    std::optional<VoteId> stored;
    std::optional<VoteRefusal> refusal;  // a rule refused it
    bool failed = false;                 // the database failed: nothing stored
};

class VoteTaker {
  public:
    VoteTaker(store::Database& database, store::PublicVoteStore& votes);
    ~VoteTaker();

    // Checks and queues the ballot; `done` is called once with the outcome: at once for a refusal,
    // else on the writer's thread after the commit. Refused attempts are counted per rule.
    void cast(const Ballot& ballot, std::function<void(CastOutcome)> done);

    // Non-voided votes per work, read at most once a second per vote; forget_totals makes the
    // next read fresh (after voiding or restoring). A vote stored through this taker counts in
    // them at once: a voter sees their vote in the total shown after it.
    std::map<WorkId, long long> totals(PublicVoteId id);
    void forget_totals(PublicVoteId id);

    // The voter's session was seen now: its idle expiry moves on in memory at once and in the
    // database with the writer's next transaction, without the request waiting for a write.
    void touch_session(const std::string& token_hash, Timestamp at);

    // Writes what is queued and stops taking votes.
    void stop();
    const store::VoteWriter& writer() const { return writer_; }
    VoteCache& cache() { return cache_; }

  private:
    void turn_day(std::int64_t day);  // with mutex_ held
    void give_back(const Ballot& ballot);
    void count_in_totals(PublicVoteId vote, WorkId work, VoteId stored);

    store::PublicVoteStore& votes_;
    VoteCache cache_;
    std::mutex mutex_;
    VoteCounters counters_;
    std::int64_t day_ = 0;
    store::VoteWriter writer_;
    std::mutex totals_mutex_;
    struct CachedTotals {
        std::chrono::steady_clock::time_point read_at;
        std::map<WorkId, long long> totals;
        std::int64_t last_vote = 0;  // the totals count the votes up to this id
    };
    std::map<PublicVoteId, CachedTotals> totals_;
};

}  // namespace wangju::web::votes
