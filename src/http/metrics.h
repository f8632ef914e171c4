// Prometheus text metrics: requests by route and status, a latency histogram, and gauges that
// other parts register (the database pool). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wangju::http {

class Metrics {
  public:
    void observe(std::string_view route, std::string_view method, int status, double seconds);
    // `render` writes complete Prometheus lines (with # TYPE) for one or more gauges.
    void add_source(std::function<std::string()> render);
    std::string render_prometheus() const;

  private:
    static constexpr std::array<double, 11> kBucketBounds = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,  0.5,   1,    2.5,   5};
    // Every request is counted: by the I/O threads and the worker pool at once, tens of thousands
    // a second. Each thread counts into a shard of its own (by the order in which threads first
    // count, so two rarely share one), on its own cache line, under a lock that is then almost
    // never contended; the shards are added up when rendered.
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, std::uint64_t> counts;  // key: route\tmethod\tstatus
        std::array<std::uint64_t, kBucketBounds.size()> buckets{};
        std::uint64_t observations = 0;
        double sum_seconds = 0;
    };
    static constexpr std::size_t kShards = 16;
    std::array<Shard, kShards> shards_;
    mutable std::mutex sources_mutex_;
    std::vector<std::function<std::string()>> sources_;
};

}  // namespace wangju::http
