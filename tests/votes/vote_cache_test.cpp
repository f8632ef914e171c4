// What the vote path holds in memory: a voter's session read once is used again, without the
// database, for as long as it is held; a session forgotten (logged out, expired) is gone at once;
// and no more sessions are held than the bound.
#include <gtest/gtest.h>

#include "domain/secret.h"
#include "store/database.h"
#include "store/public_vote_store.h"
#include "support/store_fixture.h"
#include "web/votes/vote_cache.h"

namespace wangju::web::votes {
namespace {

class VoteCacheTest : public store::testing::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        votes = std::make_unique<store::PublicVoteStore>(store->database());
    }

    // A voter with one session; the session token's hash.
    std::string voter_with_session(const std::string& username) {
        const Timestamp now = now_utc();
        const auto voter =
            votes->add_voter(username, "not-a-password-hash", "192.0.2.7", "spent-" + username,
                             now + std::chrono::minutes(10), now, ctx);
        const std::string hash = sha256_hex(random_token());
        votes->add_voter_session({hash, voter.id, random_token(16), now, now});
        return hash;
    }

    void delete_session_behind_the_cache(const std::string& hash) {
        execute_sql("DELETE FROM voter_sessions WHERE token_hash = '" + hash + "'");
    }

    std::unique_ptr<store::PublicVoteStore> votes;
};
INSTANTIATE_TEST_SUITE_P(Engines, VoteCacheTest, store::testing::engines(),
                         store::testing::engine_name);

TEST_P(VoteCacheTest, ASessionIsHeldForItsTimeAndForgottenAtOnce) {
    VoteCache cache(*votes, std::chrono::seconds(2), std::chrono::hours(1));
    const std::string hash = voter_with_session("cache_voter");
    const auto held = cache.session(hash);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->voter.username, "cache_voter");

    // Ended by another server process: this one goes on using what it holds.
    delete_session_behind_the_cache(hash);
    const auto again = cache.session(hash);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->session.csrf_token, held->session.csrf_token);

    // Ended through this process: gone at once, and the database is asked again.
    cache.forget_session(hash);
    EXPECT_FALSE(cache.session(hash));
}

TEST_P(VoteCacheTest, ASessionHeldNoLongerIsReadAgain) {
    VoteCache cache(*votes, std::chrono::seconds(2), std::chrono::milliseconds(0));
    const std::string hash = voter_with_session("brief_voter");
    ASSERT_TRUE(cache.session(hash));
    delete_session_behind_the_cache(hash);
    EXPECT_FALSE(cache.session(hash));
}

TEST_P(VoteCacheTest, NoMoreSessionsAreHeldThanTheBound) {
    VoteCache cache(*votes, std::chrono::seconds(2), std::chrono::hours(1), 3);
    std::vector<std::string> hashes;
    for (int i = 0; i < 10; ++i) {
        hashes.push_back(voter_with_session("bound_voter" + std::to_string(i)));
        ASSERT_TRUE(cache.session(hashes.back())) << i;
        EXPECT_LE(cache.sessions_held(), 3u) << i;
    }
    // Every session is still found, held or read again.
    for (const auto& hash : hashes) EXPECT_TRUE(cache.session(hash));
}

TEST_P(VoteCacheTest, WhatIsHeldIsToldWithoutReadingTheDatabase) {
    VoteCache cache(*votes, std::chrono::seconds(2), std::chrono::hours(1));
    const auto any = [](const HeldSession&) { return true; };
    const std::string hash = voter_with_session("held_voter");
    EXPECT_FALSE(cache.holds_session(hash, any));  // stored, but not read yet
    ASSERT_TRUE(cache.session(hash));
    EXPECT_TRUE(cache.holds_session(hash, any));
    EXPECT_TRUE(cache.holds_session(
        hash, [](const HeldSession& held) { return held.voter.username == "held_voter"; }));
    EXPECT_FALSE(cache.holds_session(hash, [](const HeldSession&) { return false; }));
    cache.forget_session(hash);
    EXPECT_FALSE(cache.holds_session(hash, any));

    // A token with no session, once read, is held as none: not a session to vote with.
    const std::string unknown = sha256_hex(random_token());
    EXPECT_FALSE(cache.session(unknown));
    EXPECT_FALSE(cache.holds_session(unknown, any));

    // A vote that does not exist is never held, read or not.
    EXPECT_FALSE(cache.holds_vote(PublicVoteId{424242}));
    EXPECT_FALSE(cache.vote(PublicVoteId{424242}));
    EXPECT_FALSE(cache.holds_vote(PublicVoteId{424242}));
}

TEST_P(VoteCacheTest, ASessionStartedThroughThisProcessIsHeldWithoutARead) {
    VoteCache cache(*votes, std::chrono::seconds(2), std::chrono::hours(1));
    const Timestamp now = now_utc();
    const auto voter = votes->add_voter("new_voter", "not-a-password-hash", "192.0.2.8",
                                        "spent-new", now + std::chrono::minutes(10), now, ctx);
    const store::VoterSession session{sha256_hex(random_token()), voter.id, random_token(16), now,
                                      now};
    votes->add_voter_session(session);
    cache.hold_session(session.token_hash, {voter, session});
    EXPECT_TRUE(cache.holds_session(session.token_hash, [](const HeldSession&) { return true; }));

    // Held, not read: what was stored is what the voter's first ballot finds.
    delete_session_behind_the_cache(session.token_hash);
    const auto held = cache.session(session.token_hash);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->voter.username, "new_voter");
    EXPECT_EQ(held->session.csrf_token, session.csrf_token);
}

}  // namespace
}  // namespace wangju::web::votes
