// The writer of votes on each engine, over the demo's public votes: many votes queued at once are
// stored in few transactions, each caller told its own outcome; a spent challenge and, with the
// counters in the database, a vote over a daily limit are refused and store nothing; the times
// voters' sessions were seen are written with the batches, the latest kept.
#include <future>

#include "app/demo.h"
#include "domain/password.h"
#include "store/public_vote_store.h"
#include "store/vote_writer.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class VoteWriterTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        set_fast_password_hashing_for_tests(true);
        app::load_demo(*store);
        votes = std::make_unique<PublicVoteStore>(store->database());
        for (const auto& v : votes->all()) {
            if (v.rules.totals == TotalsShown::live) vote = v;
        }
        ASSERT_GT(vote.id.value, 0);
        works = votes->works(vote.id);
    }

    VoterId voter(const std::string& name) {
        return votes
            ->add_voter(name, hash_password("Writer-test-2023"), "192.0.2.1", "signup-" + name,
                        now_utc() + std::chrono::minutes(10), now_utc(), ctx)
            .id;
    }

    NewVote ballot(VoterId who, WorkId work, const std::string& challenge) {
        return {vote.id,   work, who,       "192.0.2.7",
                now_utc(), 1500, challenge, now_utc() + std::chrono::minutes(10),
                1,         1000, 1000};
    }

    std::vector<WriteResult> write_all(VoteWriter& writer, std::vector<NewVote> rows) {
        std::vector<std::promise<WriteResult>> promises(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            writer.submit(std::move(rows[i]),
                          [&promises, i](WriteResult r) { promises[i].set_value(r); });
        }
        std::vector<WriteResult> out;
        for (auto& p : promises) out.push_back(p.get_future().get());
        return out;
    }

    std::unique_ptr<PublicVoteStore> votes;
    PublicVote vote;
    std::vector<WorkId> works;
};

TEST_P(VoteWriterTest, ManyQueuedVotesAreStoredInFewTransactionsEachWithItsOwnId) {
    VoteWriter writer(store->database(), false);
    const auto before = votes->count(vote.id, false);
    std::vector<NewVote> rows;
    for (int i = 0; i < 300; ++i) {
        rows.push_back(
            ballot(voter("writer_" + std::to_string(i)), works[0], "flood-" + std::to_string(i)));
    }
    const auto results = write_all(writer, rows);
    std::set<long long> ids;
    for (const auto& r : results) {
        EXPECT_EQ(r.outcome, WriteOutcome::stored);
        ids.insert(r.id.value);
    }
    EXPECT_EQ(ids.size(), 300u);
    EXPECT_EQ(votes->count(vote.id, false), before + 300);
    EXPECT_LT(writer.batches(), 300u);
    EXPECT_EQ(writer.written(), 300u);
}

TEST_P(VoteWriterTest, ASpentChallengeRefusesTheVoteAndStoresNothing) {
    VoteWriter writer(store->database(), false);
    const auto a = voter("spender_a"), b = voter("spender_b");
    const auto results =
        write_all(writer, {ballot(a, works[0], "same"), ballot(b, works[1], "same")});
    EXPECT_EQ(results[0].outcome, WriteOutcome::stored);
    EXPECT_EQ(results[1].outcome, WriteOutcome::proof_reused);
    EXPECT_EQ(votes->votes_by_id(vote.id, {results[0].id}).size(), 1u);
}

TEST_P(VoteWriterTest, CountersInTheDatabaseRefuseAVoteOverALimitAndGiveBackTheOthers) {
    VoteWriter writer(store->database(), true);
    const auto a = voter("counted_a");
    const auto before = votes->count(vote.id, false);
    auto first = ballot(a, works[0], "c1");
    auto second = ballot(a, works[0], "c2");  // the same work again: one per day
    auto third = ballot(a, works[1], "c3");
    third.per_account = 2;  // the account's second vote today: still allowed
    auto fourth = ballot(a, works[2], "c4");
    fourth.per_account = 2;  // its third: over the limit
    const auto results = write_all(writer, {first, second, third, fourth});
    EXPECT_EQ(results[0].outcome, WriteOutcome::stored);
    EXPECT_EQ(results[1].outcome, WriteOutcome::account_per_work);
    EXPECT_EQ(results[2].outcome, WriteOutcome::stored);
    EXPECT_EQ(results[3].outcome, WriteOutcome::account_per_day);
    EXPECT_EQ(votes->count(vote.id, false), before + 2);
    // The refused votes gave their counters back: the challenge c2 is still unspent, and the work
    // counter of the fourth vote's work stays free for another day's limit.
    auto retry = ballot(a, works[2], "c2");
    retry.per_account = 3;
    EXPECT_EQ(write_all(writer, {retry})[0].outcome, WriteOutcome::stored);
}

TEST_P(VoteWriterTest, SessionsSeenAreWrittenWithTheNextBatchTheLatestTimeKept) {
    const auto created =
        std::chrono::time_point_cast<std::chrono::seconds>(now_utc()) - std::chrono::minutes(30);
    const auto a = voter("seen_a"), b = voter("seen_b");
    votes->add_voter_session({"hash-a", a, "csrf-a", created, created});
    votes->add_voter_session({"hash-b", b, "csrf-b", created, created});
    {
        VoteWriter writer(store->database(), false);
        writer.touch_session("hash-a", created + std::chrono::minutes(20));
        writer.touch_session("hash-a", created + std::chrono::minutes(10));  // older: ignored
        EXPECT_EQ(write_all(writer, {ballot(a, works[0], "seen-1")})[0].outcome,
                  WriteOutcome::stored);
        EXPECT_EQ(votes->session_with_voter("hash-a")->first.last_seen_at,
                  created + std::chrono::minutes(20));
        EXPECT_EQ(votes->session_with_voter("hash-b")->first.last_seen_at, created);
        // Without a vote to carry it, a session seen is written all the same (here by stop()).
        writer.touch_session("hash-b", created + std::chrono::minutes(25));
    }
    EXPECT_EQ(votes->session_with_voter("hash-b")->first.last_seen_at,
              created + std::chrono::minutes(25));
}

TEST_P(VoteWriterTest, ASessionIsReadWithItsVoterAsStoredAtEachRead) {
    const auto created = std::chrono::time_point_cast<std::chrono::seconds>(now_utc());
    const auto a = voter("held_a"), b = voter("held_b");
    EXPECT_FALSE(votes->session_with_voter("hash-held"));
    votes->add_voter_session({"hash-held", a, "csrf-a", created, created});
    auto found = votes->session_with_voter("hash-held");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->first.voter, a);
    EXPECT_EQ(found->first.csrf_token, "csrf-a");
    EXPECT_EQ(found->first.created_at, created);
    EXPECT_EQ(found->second.id, a);
    EXPECT_EQ(found->second.username, "held_a");
    EXPECT_FALSE(votes->find_voter_by_name("held_a")->password_hash.empty());
    EXPECT_TRUE(found->second.password_hash.empty());  // a session never needs it
    votes->delete_voter_session("hash-held");
    EXPECT_FALSE(votes->session_with_voter("hash-held"));
    votes->add_voter_session({"hash-held", b, "csrf-b", created, created});
    found = votes->session_with_voter("hash-held");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->second.username, "held_b");
    EXPECT_EQ(found->first.csrf_token, "csrf-b");
}

INSTANTIATE_TEST_SUITE_P(Engines, VoteWriterTest, engines(), engine_name);

}  // namespace
}  // namespace wangju::store::testing
