#include <gtest/gtest.h>

#include "http/rate_limit.h"

namespace wangju::http {
namespace {

using namespace std::chrono_literals;
const RateLimiter::Clock::time_point t0{};

TEST(RateLimiter, AllowsUpToTheLimitWithinTheWindow) {
    RateLimiter limiter(3, 60s);
    EXPECT_TRUE(limiter.allow("1.2.3.4", nullptr, t0));
    EXPECT_TRUE(limiter.allow("1.2.3.4", nullptr, t0 + 1s));
    EXPECT_TRUE(limiter.allow("1.2.3.4", nullptr, t0 + 2s));
    int retry_after = 0;
    EXPECT_FALSE(limiter.allow("1.2.3.4", &retry_after, t0 + 10s));
    EXPECT_EQ(retry_after, 50);
    EXPECT_TRUE(limiter.allow("5.6.7.8", nullptr, t0 + 10s));
}

TEST(RateLimiter, WindowSlides) {
    RateLimiter limiter(2, 10s);
    EXPECT_TRUE(limiter.allow("k", nullptr, t0));
    EXPECT_TRUE(limiter.allow("k", nullptr, t0 + 5s));
    EXPECT_FALSE(limiter.allow("k", nullptr, t0 + 9s));
    EXPECT_TRUE(limiter.allow("k", nullptr, t0 + 10s));  // the first event left the window
    int retry_after = 0;
    EXPECT_FALSE(limiter.allow("k", &retry_after, t0 + 11s));
    EXPECT_EQ(retry_after, 4);
}

TEST(RateLimiter, RefusedEventsAreNotRecorded) {
    RateLimiter limiter(1, 10s);
    EXPECT_TRUE(limiter.allow("k", nullptr, t0));
    for (int i = 1; i < 10; ++i) EXPECT_FALSE(limiter.allow("k", nullptr, t0 + 1s * i));
    EXPECT_TRUE(limiter.allow("k", nullptr, t0 + 10s));
}

TEST(RateLimiter, WouldAllowDoesNotRecord) {
    RateLimiter limiter(1, 10s);
    EXPECT_TRUE(limiter.would_allow("k", nullptr, t0));
    EXPECT_TRUE(limiter.would_allow("k", nullptr, t0));
    EXPECT_TRUE(limiter.allow("k", nullptr, t0));
    int retry_after = 0;
    EXPECT_FALSE(limiter.would_allow("k", &retry_after, t0 + 3s));
    EXPECT_EQ(retry_after, 7);
}

TEST(RateLimiter, ResetForgetsAKey) {
    RateLimiter limiter(1, 60s);
    EXPECT_TRUE(limiter.allow("user", nullptr, t0));
    EXPECT_FALSE(limiter.allow("user", nullptr, t0));
    limiter.reset("user");
    EXPECT_TRUE(limiter.allow("user", nullptr, t0));
    limiter.reset("never-seen");
}

TEST(RateLimiter, OldestKeysAreForgottenBeyondCapacity) {
    RateLimiter limiter(1, 60s, 2);
    EXPECT_TRUE(limiter.allow("a", nullptr, t0));
    EXPECT_TRUE(limiter.allow("b", nullptr, t0));
    EXPECT_TRUE(limiter.allow("c", nullptr, t0));  // "a" is forgotten
    EXPECT_TRUE(limiter.allow("a", nullptr, t0));
    EXPECT_FALSE(limiter.allow("c", nullptr, t0));
}

}  // namespace
}  // namespace wangju::http
