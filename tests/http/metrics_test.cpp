#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/metrics.h"

namespace wangju::http {
namespace {

TEST(Metrics, CountsByRouteMethodAndStatus) {
    Metrics metrics;
    metrics.observe("/units/{code}", "GET", 200, 0.003);
    metrics.observe("/units/{code}", "GET", 200, 0.2);
    metrics.observe("unmatched", "GET", 404, 2);
    auto text = metrics.render_prometheus();
    EXPECT_NE(text.find("# TYPE wangju_http_requests_total counter"), std::string::npos);
    EXPECT_NE(
        text.find(
            "wangju_http_requests_total{route=\"/units/{code}\",method=\"GET\",status=\"200\"} 2"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(
            "wangju_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1"),
        std::string::npos);
}

TEST(Metrics, HistogramBucketsAreCumulative) {
    Metrics metrics;
    metrics.observe("r", "GET", 200, 0.003);
    metrics.observe("r", "GET", 200, 0.2);
    metrics.observe("r", "GET", 200, 7);
    auto text = metrics.render_prometheus();
    EXPECT_NE(text.find("# TYPE wangju_http_request_duration_seconds histogram"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_bucket{le=\"0.001\"} 0"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_bucket{le=\"0.005\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_bucket{le=\"0.25\"} 2"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_bucket{le=\"5\"} 2"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"),
              std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_count 3"), std::string::npos);
    EXPECT_NE(text.find("wangju_http_request_duration_seconds_sum 7.203"), std::string::npos);
}

TEST(Metrics, WhatManyThreadsCountAtOnceIsAllCounted) {
    Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 24; ++t) {
        threads.emplace_back([&metrics, t] {
            for (int i = 0; i < 1000; ++i) {
                metrics.observe(t % 2 ? "odd" : "even", "GET", 200, i % 2 ? 0.003 : 0.2);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    const auto text = metrics.render_prometheus();
    for (const char* line : {"{route=\"even\",method=\"GET\",status=\"200\"} 12000\n",
                             "{route=\"odd\",method=\"GET\",status=\"200\"} 12000\n",
                             "wangju_http_request_duration_seconds_bucket{le=\"0.005\"} 12000\n",
                             "wangju_http_request_duration_seconds_bucket{le=\"+Inf\"} 24000\n",
                             "wangju_http_request_duration_seconds_count 24000\n"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << text;
    }
}

TEST(Metrics, SourcesAreAppended) {
    Metrics metrics;
    metrics.add_source([] {
        return std::string("# TYPE wangju_db_pool_in_use gauge\nwangju_db_pool_in_use 3\n");
    });
    auto text = metrics.render_prometheus();
    EXPECT_NE(text.find("wangju_db_pool_in_use 3\n"), std::string::npos);
}

TEST(Metrics, LabelValuesAreEscaped) {
    Metrics metrics;
    metrics.observe("a\"b\\c", "GET", 200, 0.1);
    EXPECT_NE(metrics.render_prometheus().find("route=\"a\\\"b\\\\c\""), std::string::npos);
}

}  // namespace
}  // namespace wangju::http
