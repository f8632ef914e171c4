#include "store/vote_writer.h"

#include <chrono>
#include <memory>
#include <optional>

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "store/rows.h"

namespace wangju::store {

namespace {

// The statements that store votes, each bound to the fields of `v`. On SQLite they are kept
// prepared on the writer's session from batch to batch. There a vote's id is the connection's
// last row id: a statement returning a row would still be running at the commit, which SQLite
// refuses.
struct BatchStatements : PreparedStatements::Entry {
    NewVote v;
    std::string counter, cast_at, expires;
    long long day = 0, id = 0;
    int limit = 0;
    soci::session& session;
    bool sqlite;
    soci::statement spend, insert, bump, unbump;

    BatchStatements(soci::session& s, Engine engine)
        : session(s),
          sqlite(engine == Engine::sqlite),
          spend((s.prepare << "INSERT INTO altcha_spent (expires_at, spent_key) VALUES (:e, :k) "
                              "ON CONFLICT (expires_at, spent_key) DO NOTHING",
                 soci::use(expires), soci::use(v.spent_key))),
          insert(prepare_insert(s)),
          bump((s.prepare << "INSERT INTO vote_counters (public_vote_id, counter, day, n) "
                             "VALUES (:v, :c, :d, 1) ON CONFLICT (public_vote_id, counter, day) "
                             "DO UPDATE SET n = vote_counters.n + 1 WHERE vote_counters.n < :l",
                soci::use(v.vote.value), soci::use(counter), soci::use(day), soci::use(limit))),
          unbump((s.prepare << "UPDATE vote_counters SET n = n - 1 WHERE public_vote_id = :v "
                               "AND counter = :c AND day = :d",
                  soci::use(v.vote.value), soci::use(counter), soci::use(day))) {}

    soci::statement prepare_insert(soci::session& s) {
        auto p = s.prepare << "INSERT INTO votes (public_vote_id, work_id, voter_id, "
                              "client_address, cast_at, day, solve_ms, voided) VALUES (:v, :w, "
                              ":voter, :a, :t, :d, :ms, 0)";
        p, soci::use(v.vote.value), soci::use(v.work.value), soci::use(v.voter.value),
            soci::use(v.address), soci::use(cast_at), soci::use(day), soci::use(v.solve_ms);
        if (!sqlite) p << " RETURNING id", soci::into(id);
        return p;
    }

    // Stores the loaded vote; its id.
    long long insert_vote() {
        insert.execute(true);
        if (!sqlite) return id;
        auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
        return sqlite_api::sqlite3_last_insert_rowid(backend->conn_);
    }

    void load(const NewVote& vote) {
        v = vote;
        cast_at = stored(vote.cast_at);
        expires = stored(vote.challenge_expires);
        day = vote_day(vote.cast_at);
    }

    // Raises the three counters of the loaded vote; the rule that refused it, or stored.
    WriteOutcome take_counters() {
        const std::tuple<std::string, int, WriteOutcome> counters[] = {
            {"w:" + std::to_string(v.voter.value) + ":" + std::to_string(v.work.value), v.per_work,
             WriteOutcome::account_per_work},
            {"a:" + std::to_string(v.voter.value), v.per_account, WriteOutcome::account_per_day},
            {"ip:" + v.address, v.per_address, WriteOutcome::address_per_day}};
        for (std::size_t i = 0; i < std::size(counters); ++i) {
            counter = std::get<0>(counters[i]);
            limit = std::get<1>(counters[i]);
            bump.execute(true);
            if (bump.get_affected_rows() > 0) continue;
            for (std::size_t j = 0; j < i; ++j) {
                counter = std::get<0>(counters[j]);
                unbump.execute(true);
            }
            return std::get<2>(counters[i]);
        }
        return WriteOutcome::stored;
    }

    void give_back_counters() {
        for (const auto& key :
             {"w:" + std::to_string(v.voter.value) + ":" + std::to_string(v.work.value),
              "a:" + std::to_string(v.voter.value), "ip:" + v.address}) {
            counter = key;
            unbump.execute(true);
        }
    }
};

// The key of the kept BatchStatements.
const std::string kBatchStatements = "votes: the statements of a batch";

void write_sessions_seen(soci::session& s, const std::map<std::string, Timestamp>& seen) {
    if (seen.empty()) return;
    std::string hash, at;
    soci::statement touch = (s.prepare << "UPDATE voter_sessions SET last_seen_at = :s "
                                          "WHERE token_hash = :t",
                             soci::use(at), soci::use(hash));
    for (const auto& [token_hash, when] : seen) {
        hash = token_hash;
        at = stored(when);
        touch.execute(true);
    }
}

void write_refusals(soci::session& s, const auto& refusals) {
    for (const auto& [key, n] : refusals) {
        const auto& [vote, rule, day] = key;
        s << "INSERT INTO vote_refusals (public_vote_id, rule, day, n) VALUES (:v, :r, :d, :n) "
             "ON CONFLICT (public_vote_id, rule, day) DO UPDATE SET n = vote_refusals.n + "
             "excluded.n",
            soci::use(vote), soci::use(rule), soci::use(day), soci::use(n);
    }
}

}  // namespace

VoteWriter::VoteWriter(Database& database, bool counters_in_database, std::size_t max_batch)
    : database_(database),
      counters_in_database_(counters_in_database),
      max_batch_(max_batch),
      thread_([this] { run(); }) {}

VoteWriter::~VoteWriter() {
    stop();
}

void VoteWriter::submit(NewVote vote, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back({std::move(vote), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    done({WriteOutcome::failed, {}});
}

void VoteWriter::count_refusal(PublicVoteId vote, std::string_view rule, std::int64_t day) {
    std::lock_guard lock(mutex_);
    ++tallies_.refusals[{vote.value, std::string(rule), day}];
}

void VoteWriter::touch_session(std::string token_hash, Timestamp at) {
    std::lock_guard lock(mutex_);
    auto [it, added] = tallies_.seen.try_emplace(std::move(token_hash), at);
    if (!added && it->second < at) it->second = at;
}

void VoteWriter::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

void VoteWriter::run() {
    for (;;) {
        std::vector<Item> items;
        Tallies tallies;
        {
            std::unique_lock lock(mutex_);
            // Refusals and sessions seen alone wait up to a second, so that a flood of refused
            // attempts or of visits costs few transactions.
            wake_.wait_for(lock, std::chrono::seconds(1),
                           [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && tallies_.empty()) {
                if (stopping_) return;
                continue;
            }
            if (queue_.size() <= max_batch_) {
                items.swap(queue_);
            } else {
                items.assign(
                    std::make_move_iterator(queue_.begin()),
                    std::make_move_iterator(queue_.begin() + static_cast<long>(max_batch_)));
                queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(max_batch_));
            }
            std::swap(tallies, tallies_);
        }
        write_batch(items, tallies);
    }
}

void VoteWriter::write_batch(std::vector<Item>& items, Tallies& tallies) {
    std::vector<WriteResult> results(items.size());
    try {
        auto session = database_.connections().write();
        const bool sqlite = database_.engine() == Engine::sqlite;
        PreparedStatements* kept = database_.connections().prepared(*session);
        if (sqlite) *session << "PRAGMA synchronous = FULL";
        try {
            Transaction transaction(*session, database_.engine());
            {
                std::optional<BatchStatements> own;  // PostgreSQL: prepared for this batch
                auto& st = kept ? kept->find_or_make<BatchStatements>(
                                      kBatchStatements,
                                      [&] {
                                          return std::make_unique<BatchStatements>(
                                              *session, database_.engine());
                                      })
                                : own.emplace(*session, database_.engine());
                for (std::size_t i = 0; i < items.size(); ++i) {
                    st.load(items[i].vote);
                    if (counters_in_database_) {
                        const auto taken = st.take_counters();
                        if (taken != WriteOutcome::stored) {
                            results[i] = {taken, {}};
                            continue;
                        }
                    }
                    st.spend.execute(true);
                    if (st.spend.get_affected_rows() == 0) {
                        if (counters_in_database_) st.give_back_counters();
                        results[i] = {WriteOutcome::proof_reused, {}};
                        continue;
                    }
                    results[i] = {WriteOutcome::stored, VoteId{st.insert_vote()}};
                }
            }
            write_sessions_seen(*session, tallies.seen);
            write_refusals(*session, tallies.refusals);
            transaction.commit();
        } catch (...) {
            // A statement that failed may be stopped half-way: it is prepared again.
            if (kept) kept->drop<BatchStatements>(kBatchStatements);
            if (sqlite) *session << "PRAGMA synchronous = NORMAL";
            throw;
        }
        if (sqlite) *session << "PRAGMA synchronous = NORMAL";
    } catch (const std::exception& failure) {
        spdlog::error("votes: a batch of {} could not be stored: {}", items.size(), failure.what());
        for (auto& r : results) r = {WriteOutcome::failed, {}};
    }
    // Counted before anyone is told, so that a caller told of its vote sees it counted.
    std::uint64_t stored_now = 0;
    for (const auto& r : results)
        if (r.outcome == WriteOutcome::stored) ++stored_now;
    written_.fetch_add(stored_now);
    batches_.fetch_add(1);
    for (std::size_t i = 0; i < items.size(); ++i) items[i].done(results[i]);
}

}  // namespace wangju::store
