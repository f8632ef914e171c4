#include "http/rate_limit.h"

#include <algorithm>

namespace wangju::http {

namespace {

int seconds_until(RateLimiter::Clock::time_point when, RateLimiter::Clock::time_point now) {
    auto wait = std::chrono::ceil<std::chrono::seconds>(when - now).count();
    return static_cast<int>(std::max<decltype(wait)>(wait, 1));
}

}  // namespace

RateLimiter::RateLimiter(std::size_t max_events, std::chrono::seconds window, std::size_t max_keys)
    : max_events_(max_events), window_(window), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

bool RateLimiter::allow(const std::string& key, int* retry_after, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!check(key, retry_after, now)) return false;
    auto [entry, inserted] = events_.try_emplace(key);
    if (inserted) {
        order_.push_back(key);
        forget_oldest_keys();
    }
    entry->second.push_back(now);
    return true;
}

bool RateLimiter::would_allow(const std::string& key, int* retry_after, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    return check(key, retry_after, now);
}

// Linear in the number of keys; resets are rare (a successful login), checks are not.
void RateLimiter::reset(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (events_.erase(key) == 0) return;
    order_.erase(std::find(order_.begin(), order_.end(), key));
}

// Drops the events that left the window, then compares the rest with the limit.
bool RateLimiter::check(const std::string& key, int* retry_after, Clock::time_point now) {
    auto found = events_.find(key);
    if (found == events_.end()) {
        if (max_events_ > 0) return true;
        if (retry_after) *retry_after = static_cast<int>(window_.count());
        return false;
    }
    auto& times = found->second;
    while (!times.empty() && times.front() + window_ <= now) times.pop_front();
    if (times.size() < max_events_) return true;
    if (retry_after) {
        *retry_after = times.empty() ? static_cast<int>(window_.count())
                                     : seconds_until(times.front() + window_, now);
    }
    return false;
}

// Keys are forgotten in the order they were first seen; a forgotten key starts afresh.
void RateLimiter::forget_oldest_keys() {
    while (order_.size() > max_keys_) {
        events_.erase(order_.front());
        order_.pop_front();
    }
}

}  // namespace wangju::http
