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
