#include "store/metric_rows.h"

#include <string>

#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kMetrics =
    "SELECT id, code, name, measure, source, position FROM campaign_metrics "
    "WHERE campaign_id = :c ORDER BY position, id";
constexpr const char* kInsertMetric =
    "INSERT INTO campaign_metrics (campaign_id, code, name, measure, source, position) "
    "VALUES (:c, :code, :name, :measure, :source, :position) RETURNING id";

struct MetricRow {
    long long id = 0;
    std::string code, name, measure, source;
    int position = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(name), soci::into(measure),
            soci::into(source), soci::into(position);
    }
    Metric metric(CampaignId c) const {
        return {MetricId{id}, c, code, name, measure,
                parse_metric_source(source).value_or(MetricSource::entered), position};
    }
};

}  // namespace

std::vector<Metric> metrics_in(soci::session& s, CampaignId campaign) {
    std::vector<Metric> out;
    for (const auto& r : fetch_all<MetricRow>(s, kMetrics, soci::use(campaign.value)))
        out.push_back(r.metric(campaign));
    return out;
}

Metric insert_metric(soci::session& s, CampaignId campaign, Metric metric, int position) {
    metric.campaign = campaign;
    metric.position = position;
    const std::string source(to_string(metric.source));
    long long id = 0;
    s << kInsertMetric, soci::use(campaign.value), soci::use(metric.code), soci::use(metric.name),
        soci::use(metric.measure), soci::use(source), soci::use(metric.position), soci::into(id);
    metric.id = MetricId{id};
    return metric;
}

}  // namespace wangju::store
