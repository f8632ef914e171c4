#include "http/metrics.h"

#include <iterator>

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
    // The key is made in a buffer of the thread's own: a request's count allocates nothing once
    // its route has been seen.
    thread_local std::string key;
    key.assign(route).append(1, '\t').append(method).append(1, '\t');
    fmt::format_to(std::back_inserter(key), "{}", status);
    std::lock_guard lock(mutex_);
    if (auto it = counts_.find(key); it != counts_.end()) {
        ++it->second;
    } else {
        counts_.emplace(key, 1);
    }
    for (std::size_t i = 0; i < bucket_bounds_.size(); ++i) {
        if (seconds <= bucket_bounds_[i]) ++buckets_[i];
    }
    ++observations_;
    sum_seconds_ += seconds;
}

void Metrics::add_source(std::function<std::string()> render) {
    std::lock_guard lock(mutex_);
    sources_.push_back(std::move(render));
}

std::string Metrics::render_prometheus() const {
    std::string out;
    std::vector<std::function<std::string()>> sources;
    {
        std::lock_guard lock(mutex_);
        out += "# HELP wangju_http_requests_total HTTP requests answered.\n";
        out += "# TYPE wangju_http_requests_total counter\n";
        for (const auto& [key, count] : counts_) {
            auto tab1 = key.find('\t');
            auto tab2 = key.find('\t', tab1 + 1);
            out += fmt::format(
                "wangju_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                escape_label(key.substr(0, tab1)),
                escape_label(key.substr(tab1 + 1, tab2 - tab1 - 1)), key.substr(tab2 + 1), count);
        }
        out += "# HELP wangju_http_request_duration_seconds Time to answer HTTP requests.\n";
        out += "# TYPE wangju_http_request_duration_seconds histogram\n";
        for (std::size_t i = 0; i < bucket_bounds_.size(); ++i) {
            out += fmt::format("wangju_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                               bucket_bounds_[i], buckets_[i]);
        }
        out += fmt::format("wangju_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                           observations_);
        out += fmt::format("wangju_http_request_duration_seconds_sum {}\n", sum_seconds_);
        out += fmt::format("wangju_http_request_duration_seconds_count {}\n", observations_);
        sources = sources_;
    }
    // Sources run outside the lock: they may take their own locks (the database pool).
    for (const auto& render : sources) out += render();
    return out;
}

}  // namespace wangju::http
