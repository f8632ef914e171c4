// Metrics (指标) of a campaign are data: each has a code, a Chinese name, a unit of measure and a
// source that says how an activity report contributes to it. The 12351+ plan's metrics come
// with every campaign; an admin may add others, entered on each report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"

namespace wangju {

struct MetricId {
    std::int64_t value = 0;
    auto operator<=>(const MetricId&) const = default;
};

// How one approved report adds to a metric.
enum class MetricSource {
    activity_count,  // 1 per report (线下活动场次)
    participants,    // the report's number of participants (覆盖职工)
    promoters,       // promoters recruited (宣传员)
    online_views,    // the sum of the views of its online promotion (网上传播)
    entered,         // a number typed on the report for this metric (走访企业, or an added one)
};
std::string_view to_string(MetricSource source);
std::optional<MetricSource> parse_metric_source(std::string_view text);

struct Metric {
    MetricId id;
    CampaignId campaign;
    std::string code;        // "offline_activities"
    std::string name;        // "开展线下活动"
    std::string measure;     // "场"
    MetricSource source = MetricSource::entered;
    int position = 0;
    // Other names under which tables head its column ("线下活动" for "开展线下活动"). A quota
    // table's column matches the metric by code, name or alias, with or without the measure in
    // brackets.
    std::vector<std::string> aliases = {};
};

// What an admin may change of a metric: its name, its measure and, when given, its aliases.
struct MetricNames {
    std::string name;
    std::string measure;
    std::optional<std::vector<std::string>> aliases;
};

// The metrics of the 12351+ plan, in the order of 附件2.
std::vector<Metric> default_metrics();

void check_metric(const Metric& metric);  // throws Error(invalid) naming the field

// Aliases as typed in a form: separated by 、 , ， ; ； or line breaks; blanks and repeats dropped.
std::vector<std::string> parse_metric_aliases(std::string_view text);

// Does a column header name this metric? "开展线下活动(场)", "线下活动（场）" and
// "offline_activities" all name the first metric of the 12351+ plan.
bool names_metric(std::string_view header, const Metric& metric);

// A metric's name and aliases must name no other metric of its campaign, or a table's column
// could mean either; throws Error(conflict) naming the clash. `others` may hold the metric itself
// (same id), which is skipped.
void check_metric_names_distinct(const Metric& metric, const std::vector<Metric>& others);

nlohmann::json to_json(const Metric& metric);

}  // namespace wangju
