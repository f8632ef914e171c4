#include "domain/campaign_metric.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

namespace {

constexpr std::size_t max_aliases = 10;

}  // namespace

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

// The aliases are the names that the notice and the tables units fill in (附件2, 附件3) give
// the same figures.
std::vector<Metric> default_metrics() {
    return {
        {{},
         {},
         "offline_activities",
         "开展线下活动",
         "场",
         MetricSource::activity_count,
         1,
         {"线下活动", "线下活动场次"}},
        {{},
         {},
         "promoters",
         "发展好网民宣传员",
         "人",
         MetricSource::promoters,
         2,
         {"宣传员", "好网民宣传员", "招募“好网民”宣传员人数"}},
        {{}, {}, "enterprises_visited", "走访企业", "家", MetricSource::entered, 3, {"走访企业数"}},
        {{},
         {},
         "workers_reached",
         "覆盖职工",
         "人次",
         MetricSource::participants,
         4,
         {"覆盖职工人数", "参与职工人数"}},
        {{},
         {},
         "online_reach",
         "网上传播",
         "次",
         MetricSource::online_views,
         5,
         {"线上浏览量", "网上传播量"}},
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
    if (metric.aliases.size() > max_aliases) {
        errors["aliases"] = fmt::format("别名不能超过 {} 个", max_aliases);
    }
    for (const auto& alias : metric.aliases) {
        const auto chars = decode_utf8(alias);
        if (!chars || trim(alias).empty() || chars->size() > 40) {
            errors["aliases"] = "每个别名应为 1 至 40 个字";
        } else if (alias == metric.name || alias == metric.code) {
            errors["aliases"] = fmt::format("别名“{}”与指标名称或编码相同", alias);
        }
    }
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

std::vector<std::string> parse_metric_aliases(std::string_view text) {
    constexpr std::string_view separators[] = {"、", "，", "；", ",", ";", "\r", "\n"};
    std::vector<std::string> aliases;
    const auto add = [&aliases](std::string_view piece) {
        const std::string alias(trim(piece));
        if (!alias.empty() && std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) {
            aliases.push_back(alias);
        }
    };
    std::size_t start = 0;
    for (std::size_t at = 0; at < text.size();) {
        const auto separator =
            std::find_if(std::begin(separators), std::end(separators),
                         [&](std::string_view s) { return text.substr(at).starts_with(s); });
        if (separator == std::end(separators)) {
            ++at;
            continue;
        }
        add(text.substr(start, at - start));
        at += separator->size();
        start = at;
    }
    add(text.substr(start));
    return aliases;
}

namespace {

// "开展线下活动(场)" and "开展线下活动（场）" are "开展线下活动".
std::string_view without_measure(std::string_view header) {
    for (std::string_view open : {"(", "（"}) {
        const auto at = header.find(open);
        if (at != std::string_view::npos && at > 0) return trim(header.substr(0, at));
    }
    return header;
}

// Every name a column may carry for the metric.
std::vector<std::string_view> names_of(const Metric& metric) {
    std::vector<std::string_view> names{metric.name};
    names.insert(names.end(), metric.aliases.begin(), metric.aliases.end());
    return names;
}

}  // namespace

bool names_metric(std::string_view header, const Metric& metric) {
    header = trim(header);
    if (header.empty()) return false;
    if (header == metric.code) return true;
    const auto names = names_of(metric);
    return std::find(names.begin(), names.end(), without_measure(header)) != names.end() ||
           std::find(names.begin(), names.end(), header) != names.end();
}

void check_metric_names_distinct(const Metric& metric, const std::vector<Metric>& others) {
    for (const auto& other : others) {
        if (other.id == metric.id && metric.id.value != 0) continue;
        for (const std::string_view name : names_of(metric)) {
            if (names_metric(name, other)) {
                const bool is_name = name == metric.name;
                throw Error(ErrorKind::conflict,
                            fmt::format("“{}”已是指标“{}”的名称或别名", name, other.name),
                            {{is_name ? "name" : "aliases",
                              fmt::format("“{}”已是指标“{}”的名称或别名", name, other.name)}});
            }
        }
    }
}

nlohmann::json to_json(const Metric& metric) {
    return {{"id", metric.id.value},
            {"code", metric.code},
            {"name", metric.name},
            {"measure", metric.measure},
            {"source", std::string(to_string(metric.source))},
            {"position", metric.position},
            {"aliases", metric.aliases}};
}

}  // namespace wangju
