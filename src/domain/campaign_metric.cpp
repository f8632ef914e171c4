#include "domain/campaign_metric.h"

#include <algorithm>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

std::string_view to_string(MetricSource source) {
    switch (source) {
        case MetricSource::activity_count: return "activity_count";
        case MetricSource::participants: return "participants";
        case MetricSource::promoters: return "promoters";
        case MetricSource::online_views: return "online_views";
        case MetricSource::entered: return "entered";
    }
    return "entered";
}

std::optional<MetricSource> parse_metric_source(std::string_view text) {
    for (auto s : {MetricSource::activity_count, MetricSource::participants, MetricSource::promoters,
                   MetricSource::online_views, MetricSource::entered}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

std::vector<Metric> default_metrics() {
    return {
        {{}, {}, "offline_activities", "开展线下活动", "场", MetricSource::activity_count, 1},
        {{}, {}, "promoters", "发展好网民宣传员", "人", MetricSource::promoters, 2},
        {{}, {}, "enterprises_visited", "走访企业", "家", MetricSource::entered, 3},
        {{}, {}, "workers_reached", "覆盖职工", "人次", MetricSource::participants, 4},
        {{}, {}, "online_reach", "网上传播", "次", MetricSource::online_views, 5},
    };
}

void check_metric(const Metric& metric) {
    std::map<std::string, std::string> errors;
    const bool code_ok = !metric.code.empty() && metric.code.size() <= 40 &&
                         std::all_of(metric.code.begin(), metric.code.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                         });
    if (!code_ok) errors["code"] = "指标编码只能由小写字母、数字和下划线组成(不超过 40 个字符)";
    const auto name = decode_utf8(metric.name);
    if (!name || trim(metric.name).empty()) errors["name"] = "请填写指标名称";
    else if (name->size() > 40) errors["name"] = "指标名称不能超过 40 个字";
    const auto measure = decode_utf8(metric.measure);
    if (!measure || measure->size() > 10) errors["measure"] = "计量单位不能超过 10 个字";
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

nlohmann::json to_json(const Metric& metric) {
    return {{"id", metric.id.value},
            {"code", metric.code},
            {"name", metric.name},
            {"measure", metric.measure},
            {"source", std::string(to_string(metric.source))},
            {"position", metric.position}};
}

}  // namespace wangju
