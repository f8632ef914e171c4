// Limits on attempts per client address, kept in the database, on each engine: the same rules as
// a limiter in memory, and one count for every server (two Stores on one database here).
#include "store/throttle.h"

#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

using namespace std::chrono_literals;
const Throttle::Clock::time_point t0 = Throttle::Clock::time_point{} + 1'800'000'000s;

class ThrottleTest : public StoreTest {};

// The seconds that `limit` asks `subject` to wait at `when` when it refuses the attempt; 0 when
// it records it.
int wait_asked(Throttle& limit, const std::string& subject, Throttle::Clock::time_point when) {
    int retry_after = 0;
    return limit.allow(subject, &retry_after, when) ? 0 : retry_after;
}

TEST_P(ThrottleTest, AllowsUpToTheLimitWithinTheWindow) {
    Throttle limit(store->database(), "logins", 3, 60s);
    EXPECT_TRUE(limit.allow("1.2.3.4", nullptr, t0));
    EXPECT_TRUE(limit.allow("1.2.3.4", nullptr, t0 + 1s));
    EXPECT_TRUE(limit.allow("1.2.3.4", nullptr, t0 + 2s));
    EXPECT_EQ(wait_asked(limit, "1.2.3.4", t0 + 10s), 50);
    EXPECT_TRUE(limit.allow("5.6.7.8", nullptr, t0 + 10s));
}

TEST_P(ThrottleTest, WindowSlides) {
    Throttle limit(store->database(), "letters", 2, 10s);
    EXPECT_TRUE(limit.allow("k", nullptr, t0));
    EXPECT_TRUE(limit.allow("k", nullptr, t0 + 5s));
    EXPECT_FALSE(limit.allow("k", nullptr, t0 + 9s));
    EXPECT_TRUE(limit.allow("k", nullptr, t0 + 10s));  // the first attempt left the window
    EXPECT_EQ(wait_asked(limit, "k", t0 + 11s), 4);
}

TEST_P(ThrottleTest, RefusedAttemptsAreNotRecorded) {
    Throttle limit(store->database(), "letters", 1, 10s);
    EXPECT_TRUE(limit.allow("k", nullptr, t0));
    for (int i = 1; i < 10; ++i) EXPECT_FALSE(limit.allow("k", nullptr, t0 + 1s * i));
    EXPECT_TRUE(limit.allow("k", nullptr, t0 + 10s));
}

TEST_P(ThrottleTest, WouldAllowDoesNotRecord) {
    Throttle limit(store->database(), "lookups", 1, 10s);
    EXPECT_TRUE(limit.would_allow("k", nullptr, t0));
    EXPECT_TRUE(limit.would_allow("k", nullptr, t0));
    EXPECT_TRUE(limit.allow("k", nullptr, t0));
    int retry_after = 0;
    EXPECT_FALSE(limit.would_allow("k", &retry_after, t0 + 3s));
    EXPECT_EQ(retry_after, 7);
}

TEST_P(ThrottleTest, ScopesCountApart) {
    Throttle logins(store->database(), "logins", 1, 60s);
    Throttle letters(store->database(), "letters", 1, 60s);
    EXPECT_TRUE(logins.allow("k", nullptr, t0));
    EXPECT_TRUE(letters.allow("k", nullptr, t0));
    EXPECT_FALSE(logins.allow("k", nullptr, t0));
}

TEST_P(ThrottleTest, EveryServerCountsTheSameAttempts) {
    auto other_server = open_again();
    Throttle here(store->database(), "logins", 4, 60s);
    Throttle there(other_server->database(), "logins", 4, 60s);
    for (int i = 0; i < 4; ++i) {  // the attempts come to each server in turn
        EXPECT_TRUE((i % 2 == 0 ? here : there).allow("203.0.113.9", nullptr, t0 + 1s * i));
    }
    int retry_after = 0;
    EXPECT_FALSE(here.would_allow("203.0.113.9", &retry_after, t0 + 4s));
    EXPECT_EQ(retry_after, 56);
    EXPECT_EQ(wait_asked(there, "203.0.113.9", t0 + 4s), 56);
}

TEST_P(ThrottleTest, OldAttemptsAreRemoved) {
    Throttle limit(store->database(), "logins", 1000, 10s);
    for (int i = 0; i < 200; ++i) EXPECT_TRUE(limit.allow("k" + std::to_string(i), nullptr, t0));
    // Attempts past the window go as new ones come (once in 64).
    for (int i = 0; i < 64; ++i) EXPECT_TRUE(limit.allow("late", nullptr, t0 + 60s));
    EXPECT_EQ(store->database().read([](soci::session& s) {
        long long n = 0;
        s << "SELECT count(*) FROM throttle_events", soci::into(n);
        return n;
    }),
              64);
}

INSTANTIATE_TEST_SUITE_P(Engines, ThrottleTest, engines(), engine_name);

}  // namespace
}  // namespace wangju::store::testing
