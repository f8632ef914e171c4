#include "web/portal/view_counter.h"

#include <functional>
#include <iterator>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace wangju::web {

ViewCounter::ViewCounter(store::ArticleStore& articles, std::chrono::milliseconds interval)
    : articles_(articles), thread_([this, interval] { run(interval); }) {}

ViewCounter::~ViewCounter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    try {
        flush();
    } catch (const std::exception& e) {
        spdlog::error("views could not be written at stop: {}", e.what());
    }
}

void ViewCounter::seed(ArticleId article, long long stored_views) {
    std::lock_guard lock(mutex_);
    auto& count = counts_[article.value];
    if (!count.seeded) {
        count.seeded = true;
        count.base = stored_views;
    }
}

bool ViewCounter::record(ArticleId article, std::string_view visitor, Clock::time_point now) {
    std::string key = fmt::format("{}|{}", article.value, visitor);
    std::lock_guard lock(mutex_);
    auto [it, fresh] = seen_.try_emplace(std::move(key), now);
    if (!fresh) {
        if (now - it->second < dedup_window) return false;
        it->second = now;
    }
    ++counts_[article.value].pending;
    visits_.push_back(
        {article, std::string(visitor),
         std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count()});
    return true;
}

long long ViewCounter::shown(ArticleId article, long long stored_views) {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(article.value);
    if (it == counts_.end()) return stored_views;
    const auto& count = it->second;
    return (count.seeded ? count.base : stored_views) + count.pending;
}

void ViewCounter::flush() {
    std::lock_guard flushing(flush_mutex_);
    std::vector<store::Visit> visits;
    const std::string day = format_date(shanghai_date(now_utc()));
    {
        std::lock_guard lock(mutex_);
        visits.swap(visits_);
        prune(Clock::now());
    }
    if (visits.empty()) return;
    std::map<std::int64_t, long long> stored;
    try {
        stored = articles_.add_visits(visits, dedup_window, day);
    } catch (...) {
        std::lock_guard lock(mutex_);  // kept for the next flush, in the order they came
        visits.insert(visits.end(), std::make_move_iterator(visits_.begin()),
                      std::make_move_iterator(visits_.end()));
        visits_.swap(visits);
        throw;
    }
    std::lock_guard lock(mutex_);
    for (const auto& v : visits) --counts_[v.article.value].pending;
    for (const auto& [id, views] : stored) {
        auto& count = counts_[id];
        count.seeded = true;
        count.base = views;
    }
}

void ViewCounter::prune(Clock::time_point now) {
    std::erase_if(seen_, [&](const auto& entry) { return now - entry.second >= dedup_window; });
}

std::string ViewCounter::visitor_key(std::string_view client_address, std::string_view user_agent) {
    std::string both(client_address);
    both += '|';
    both += user_agent;
    return fmt::format("{:x}", std::hash<std::string>{}(both));
}

void ViewCounter::run(std::chrono::milliseconds interval) {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
        lock.unlock();
        try {
            flush();
        } catch (const std::exception& e) {
            spdlog::error("views could not be written, kept for the next flush: {}", e.what());
        }
        lock.lock();
    }
}

}  // namespace wangju::web
