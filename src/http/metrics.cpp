#include "http/metrics.h"

#include <atomic>
#include <iterator>
#include <map>

#include <fmt/format.h>

namespace wangju::http {

namespace {

// Label values are escaped as the Prometheus text format asks: backslash, quote, newline.
std::string escape_label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
    static std::atomic<std::size_t> threads_counting{0};
    thread_local const std::size_t shard_index = threads_counting++ % kShards;
    // The key is made in a buffer of the thread's own: a request's count allocates nothing once
    // its route has been seen.
    thread_local std::string key;
    key.assign(route).append(1, '\t').append(method).append(1, '\t');
    fmt::format_to(std::back_inserter(key), "{}", status);
    auto& shard = shards_[shard_index];
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.counts.find(key); it != shard.counts.end()) {
        ++it->second;
    } else {
        shard.counts.emplace(key, 1);
    }
    for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
        if (seconds <= kBucketBounds[i]) ++shard.buckets[i];
    }
    ++shard.observations;
    shard.sum_seconds += seconds;
}

void Metrics::add_source(std::function<std::string()> render) {
    std::lock_guard lock(sources_mutex_);
    sources_.push_back(std::move(render));
}

std::string Metrics::render_prometheus() const {
    std::map<std::string, std::uint64_t> counts;  // in order, as Prometheus shows them
    std::array<std::uint64_t, kBucketBounds.size()> buckets{};
    std::uint64_t observations = 0;
    double sum_seconds = 0;
    for (const auto& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        for (const auto& [key, count] : shard.counts) counts[key] += count;
        for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += shard.buckets[i];
        observations += shard.observations;
        sum_seconds += shard.sum_seconds;
    }
    std::string out;
    out += "# HELP wangju_http_requests_total HTTP requests answered.\n";
    out += "# TYPE wangju_http_requests_total counter\n";
    for (const auto& [key, count] : counts) {
        auto tab1 = key.find('\t');
        auto tab2 = key.find('\t', tab1 + 1);
        out += fmt::format(
            "wangju_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
            escape_label(key.substr(0, tab1)), escape_label(key.substr(tab1 + 1, tab2 - tab1 - 1)),
            key.substr(tab2 + 1), count);
    }
    out += "# HELP wangju_http_request_duration_seconds Time to answer HTTP requests.\n";
    out += "# TYPE wangju_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
        out += fmt::format("wangju_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                           kBucketBounds[i], buckets[i]);
    }
    out += fmt::format("wangju_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                       observations);
    out += fmt::format("wangju_http_request_duration_seconds_sum {}\n", sum_seconds);
    out += fmt::format("wangju_http_request_duration_seconds_count {}\n", observations);
    std::vector<std::function<std::string()>> sources;
    {
        std::lock_guard lock(sources_mutex_);
        sources = sources_;
    }
    // Sources run outside the lock: they may take their own locks (the database pool).
    for (const auto& render : sources) out += render();
    return out;
}

}  // namespace wangju::http
