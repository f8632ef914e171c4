#include "web/votes/vote_taker.h"

namespace wangju::web::votes {

namespace {

// The refusal the writer's outcome stands for, worded as check_vote words it.
std::optional<VoteRefusal> refusal_of(store::WriteOutcome outcome, const Ballot& b) {
    const VoteRules& r = b.vote->rules;
    VoteCounts at_limit;
    switch (outcome) {
        case store::WriteOutcome::account_per_work:
            at_limit.account_on_work = r.per_account_per_work_per_day;
            break;
        case store::WriteOutcome::account_per_day:
            at_limit.account = r.per_account_per_day;
            break;
        case store::WriteOutcome::address_per_day:
            at_limit.address = r.per_address_per_day;
            break;
        case store::WriteOutcome::proof_reused:
            return VoteRefusal{VoteRule::proof_reused, "该人机验证已使用过,请重新验证",
                               std::nullopt};
        default:
            return std::nullopt;
    }
    return check_vote(*b.vote, at_limit, b.now);
}

}  // namespace

// A voter moves from work to work, seconds apart. On SQLite one server process owns the database,
// so every change to a session is made through it (a log-out or an expiry forgets it at once),
// and a session is held for 30 s; on PostgreSQL another server process may end it, so for 2 s.
VoteTaker::VoteTaker(store::Database& database, store::PublicVoteStore& votes)
    : votes_(votes),
      cache_(votes, std::chrono::seconds(2),
             database.engine() == store::Engine::sqlite ? std::chrono::seconds(30)
                                                        : std::chrono::seconds(2)),
      writer_(database, database.engine() == store::Engine::postgresql) {
    day_ = vote_day(now_utc());
    for (const auto& v : votes_.votes_of_day(day_))
        counters_.add(v.vote, v.voter, v.work, v.address, day_, 1);
}

VoteTaker::~VoteTaker() {
    stop();
}

void VoteTaker::stop() {
    writer_.stop();
}

void VoteTaker::turn_day(std::int64_t day) {
    if (day <= day_) return;
    counters_.drop_days_before(day);
    day_ = day;
}

void VoteTaker::give_back(const Ballot& b) {
    std::lock_guard lock(mutex_);
    counters_.add(b.vote->id, b.voter, b.work, b.address, vote_day(b.now), -1);
}

void VoteTaker::cast(const Ballot& b, std::function<void(CastOutcome)> done) {
    const std::int64_t day = vote_day(b.now);
    std::optional<VoteRefusal> refusal;
    {
        std::lock_guard lock(mutex_);
        turn_day(day);
        refusal = check_vote(*b.vote, counters_.counts(b.vote->id, b.voter, b.work, b.address, day),
                             b.now);
        if (!refusal) counters_.add(b.vote->id, b.voter, b.work, b.address, day, 1);
    }
    if (refusal) {
        writer_.count_refusal(b.vote->id, to_string(refusal->rule), day);
        done({std::nullopt, refusal, false});
        return;
    }
    store::NewVote row{
        b.vote->id,
        b.work,
        b.voter,
        b.address,
        b.now,
        static_cast<int>(std::max<std::int64_t>(0, (altcha_now() - b.proof.issued_at).count())),
        b.proof.spent_key,
        b.proof.expires_at,
        b.vote->rules.per_account_per_work_per_day,
        b.vote->rules.per_account_per_day,
        b.vote->rules.per_address_per_day};
    writer_.submit(std::move(row), [this, b, done = std::move(done)](store::WriteResult result) {
        if (result.outcome == store::WriteOutcome::stored) {
            count_in_totals(b.vote->id, b.work, result.id);
            done({result.id, std::nullopt, false});
            return;
        }
        give_back(b);
        auto refusal = refusal_of(result.outcome, b);
        if (refusal) writer_.count_refusal(b.vote->id, to_string(refusal->rule), vote_day(b.now));
        done({std::nullopt, refusal, !refusal});
    });
}

void VoteTaker::touch_session(const std::string& token_hash, Timestamp at) {
    cache_.touched(token_hash, at);
    writer_.touch_session(token_hash, at);
}

std::map<WorkId, long long> VoteTaker::totals(PublicVoteId id) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(totals_mutex_);
        auto it = totals_.find(id);
        if (it != totals_.end() && now - it->second.read_at < std::chrono::seconds(1))
            return it->second.totals;
    }
    auto fresh = votes_.totals_with_last_vote(id);
    std::lock_guard lock(totals_mutex_);
    totals_[id] = {now, fresh.per_work, fresh.last_vote};
    return fresh.per_work;
}

void VoteTaker::count_in_totals(PublicVoteId vote, WorkId work, VoteId stored) {
    std::lock_guard lock(totals_mutex_);
    auto it = totals_.find(vote);
    if (it == totals_.end() || stored.value <= it->second.last_vote) return;  // already counted
    ++it->second.totals[work];
}

void VoteTaker::forget_totals(PublicVoteId id) {
    std::lock_guard lock(totals_mutex_);
    totals_.erase(id);
}

}  // namespace wangju::web::votes
