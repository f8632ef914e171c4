// The one writer of votes: it takes every vote queued since its last commit and stores them in one
// transaction (group commit), then tells each caller the outcome. A vote is acknowledged only
// after that commit, which on SQLite is made with synchronous=FULL (the WAL is on disk, not only
// in the operating system's cache).
//
// Inside the transaction each vote's proof-of-work challenge is spent (a challenge already spent,
// by this process or another, refuses the vote). With `counters_in_database` (PostgreSQL, where
// several server processes share the database) the per-day limits are also held in the table
// vote_counters: each vote raises its three counters with a conditional upsert that succeeds only
// below the limit, so the rules hold across processes; SQLite has one process, whose in-memory
// counters (domain/vote_counters.h) are then the whole truth.
//
// Thread-safe. Refused attempts are counted here too, and written with the next batch; so are the
// times voters' sessions were last seen, which a request must not wait for: they only push back a
// session's idle expiry, and one lost in a crash ends that session a minute early at most.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "domain/public_vote.h"
#include "store/database.h"

namespace wangju::store {

struct NewVote {
    PublicVoteId vote;
    WorkId work;
    VoterId voter;
    std::string address;
    Timestamp cast_at{};
    int solve_ms = 0;
    std::string spent_key;  // of the vote's proof-of-work solution (AltchaSolution::spent_key)
    Timestamp challenge_expires{};
    // The rules' limits, checked against vote_counters when the counters live in the database.
    int per_work = 0, per_account = 0, per_address = 0;
};

enum class WriteOutcome {
    stored,
    proof_reused,
    account_per_work,
    account_per_day,
    address_per_day,
    failed
};

struct WriteResult {
    WriteOutcome outcome = WriteOutcome::failed;
    VoteId id;
};

class VoteWriter {
  public:
    using Done = std::function<void(WriteResult)>;

    VoteWriter(Database& database, bool counters_in_database, std::size_t max_batch = 4096);
    ~VoteWriter();
    VoteWriter(const VoteWriter&) = delete;
    VoteWriter& operator=(const VoteWriter&) = delete;

    // Queues the vote; `done` is called once, on the writer's thread, after the commit (or with
    // `failed` when the transaction failed or the writer has stopped). It must not block.
    void submit(NewVote vote, Done done);
    // Counts a refused attempt under its rule, for the organisers' figures.
    void count_refusal(PublicVoteId vote, std::string_view rule, std::int64_t day);
    // Records that the voter's session (by its token's hash) was seen at `at`; written with the
    // next batch, within a second.
    void touch_session(std::string token_hash, Timestamp at);
    // Writes what is queued, then ends the thread. Safe to call twice.
    void stop();

    std::uint64_t batches() const { return batches_.load(); }
    std::uint64_t written() const { return written_.load(); }

  private:
    struct Item {
        NewVote vote;
        Done done;
    };
    using RefusalKey = std::tuple<std::int64_t, std::string, std::int64_t>;

    // What waits for the next transaction besides the votes.
    struct Tallies {
        std::map<RefusalKey, long long> refusals;
        std::map<std::string, Timestamp> seen;  // voter sessions: token hash -> last seen
        bool empty() const { return refusals.empty() && seen.empty(); }
    };

    void run();
    void write_batch(std::vector<Item>& items, Tallies& tallies);

    Database& database_;
    bool counters_in_database_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Item> queue_;
    Tallies tallies_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> batches_{0}, written_{0};
    std::thread thread_;
};

}  // namespace wangju::store
