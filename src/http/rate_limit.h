// A fixed-capacity sliding-window limiter keyed by a string (a client address, an account).
// Thread-safe; memory is bounded by `max_keys` (the oldest keys are forgotten first).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace wangju::http {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(std::size_t max_events, std::chrono::seconds window, std::size_t max_keys = 100000);
    // Records an event for `key` and says whether it is within the limit. When not, nothing is
    // recorded and `retry_after` (if given) is set to the seconds until one is allowed again.
    bool allow(const std::string& key, int* retry_after = nullptr,
               Clock::time_point now = Clock::now());
    // Says whether an event would be allowed, without recording one.
    bool would_allow(const std::string& key, int* retry_after = nullptr,
                     Clock::time_point now = Clock::now());
    void reset(const std::string& key);

  private:
    bool check(const std::string& key, int* retry_after, Clock::time_point now);
    void forget_oldest_keys();

    std::size_t max_events_;
    std::chrono::seconds window_;
    std::size_t max_keys_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
    std::deque<std::string> order_;
};

}  // namespace wangju::http
