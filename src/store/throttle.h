// A limit on attempts per subject (a client address) within a sliding window, kept in the
// database (throttle_events) so that every server of a site counts the same attempts: failed
// logins, letters, objections, voters' sign-ups. Thread-safe. Under requests of one subject that
// arrive at the same moment on several servers, a few more than the limit may pass; never fewer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "store/database.h"

namespace wangju::store {

class Throttle {
  public:
    using Clock = std::chrono::system_clock;

    // `scope` names the limit (one table holds them all).
    Throttle(Database& database, std::string scope, std::size_t max_events,
             std::chrono::seconds window);

    // Records an attempt of `subject` when fewer than max_events were recorded within the window
    // before `now`, and says whether it did. When not, `retry_after` (if given) is set to the
    // seconds until one is allowed again.
    bool allow(const std::string& subject, int* retry_after = nullptr,
               Clock::time_point now = Clock::now());
    // Says whether an attempt would be allowed, without recording one.
    bool would_allow(const std::string& subject, int* retry_after = nullptr,
                     Clock::time_point now = Clock::now());

  private:
    // Seconds until the oldest attempt of the window leaves it.
    int seconds_until_free(soci::session& s, const std::string& subject, long long since,
                           long long now_ms);

    Database& database_;
    std::string scope_;
    long long max_events_;
    long long window_ms_;
    std::atomic<unsigned> recorded_{0};
};

}  // namespace wangju::store
