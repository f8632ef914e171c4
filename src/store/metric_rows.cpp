#include "store/metric_rows.h"

#include <string>

#include <nlohmann/json.hpp>

#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kMetrics =
    "SELECT id, code, name, measure, source, position, aliases FROM campaign_metrics "
    "WHERE campaign_id = :c ORDER BY position, id";
constexpr const char* kInsertMetric =
    "INSERT INTO campaign_metrics (campaign_id, code, name, measure, source, position, aliases) "
    "VALUES (:c, :code, :name, :measure, :source, :position, :aliases) RETURNING id";

struct MetricRow {
    long long id = 0;
    std::string code, name, measure, source;
    int position = 0;
    std::string aliases;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(name), soci::into(measure),
            soci::into(source), soci::into(position), soci::into(aliases);
    }
    Metric metric(CampaignId c) const {
        return {MetricId{id}, c,
                code,         name,
                measure,      parse_metric_source(source).value_or(MetricSource::entered),
                position,     aliases_from_json(aliases)};
    }
};

}  // namespace

std::vector<std::string> aliases_from_json(const std::string& text) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> aliases;
    if (!json.is_array()) return aliases;
    for (const auto& alias : json) {
        if (alias.is_string()) aliases.push_back(alias.get<std::string>());
    }
    return aliases;
}

std::string aliases_json(const Metric& metric) {
    return nlohmann::json(metric.aliases).dump();
}

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
    const std::string aliases = aliases_json(metric);
    long long id = 0;
    s << kInsertMetric, soci::use(campaign.value), soci::use(metric.code), soci::use(metric.name),
        soci::use(metric.measure), soci::use(source), soci::use(metric.position),
        soci::use(aliases), soci::into(id);
    metric.id = MetricId{id};
    return metric;
}

}  // namespace wangju::store
