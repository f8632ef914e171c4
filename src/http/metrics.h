// Prometheus text metrics: requests by route and status, a latency histogram, and gauges that
// other parts register (the database pool). Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace wangju::http {

class Metrics {
  public:
    void observe(std::string_view route, std::string_view method, int status, double seconds);
    // `render` writes complete Prometheus lines (with # TYPE) for one or more gauges.
    void add_source(std::function<std::string()> render);
    std::string render_prometheus() const;

  private:
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t, std::less<>> counts_;  // key: route\tmethod\tstatus
    std::vector<double> bucket_bounds_ = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                          0.25,  0.5,   1,    2.5,   5};
    std::vector<std::uint64_t> buckets_ = std::vector<std::uint64_t>(11, 0);
    std::uint64_t observations_ = 0;
    double sum_seconds_ = 0;
    std::vector<std::function<std::string()>> sources_;
};

}  // namespace wangju::http
