#include "domain/recommendation.h"

#include <fmt/format.h>

#include "domain/error.h"

namespace wangju {
namespace {

struct LevelName {
    ChainLevel level;
    const char* code;
    const char* label;
};

constexpr LevelName level_names[] = {
    {ChainLevel::grassroots, "grassroots", "基层工会"},
    {ChainLevel::zone, "zone", "开发区/街镇/系统工会"},
    {ChainLevel::district, "district", "区总工会"},
    {ChainLevel::city, "city", "市总工会"},
    {ChainLevel::national, "national", "全国总工会"},
};

}  // namespace

ChainLevel chain_level_of(UnitKind kind) {
    switch (kind) {
        case UnitKind::national: return ChainLevel::national;
        case UnitKind::city: return ChainLevel::city;
        case UnitKind::district: return ChainLevel::district;
        case UnitKind::zone:
        case UnitKind::town:
        case UnitKind::sector:
        case UnitKind::direct: return ChainLevel::zone;
        case UnitKind::grassroots:
        case UnitKind::group:
            return ChainLevel::grassroots;
    }
    return ChainLevel::grassroots;
}

std::string_view to_string(ChainLevel level) {
    for (const auto& n : level_names) {
        if (n.level == level) return n.code;
    }
    return "";
}

std::optional<ChainLevel> parse_chain_level(std::string_view text) {
    for (const auto& n : level_names) {
        if (text == n.code) return n.level;
    }
    return std::nullopt;
}

std::string_view label_zh(ChainLevel level) {
    for (const auto& n : level_names) {
        if (n.level == level) return n.label;
    }
    return "";
}

const std::vector<ChainLevel>& all_chain_levels() {
    static const std::vector<ChainLevel> levels = {ChainLevel::grassroots, ChainLevel::zone,
                                                   ChainLevel::district, ChainLevel::city,
                                                   ChainLevel::national};
    return levels;
}

std::string_view to_string(Decision decision) {
    switch (decision) {
        case Decision::recommend: return "recommend";
        case Decision::not_recommend: return "not_recommend";
        case Decision::return_for_changes: return "return";
    }
    return "";
}

std::optional<Decision> parse_decision(std::string_view text) {
    for (auto d : {Decision::recommend, Decision::not_recommend, Decision::return_for_changes}) {
        if (to_string(d) == text) return d;
    }
    return std::nullopt;
}

std::string_view label_zh(Decision decision) {
    switch (decision) {
        case Decision::recommend: return "推荐";
        case Decision::not_recommend: return "不推荐";
        case Decision::return_for_changes: return "退回修改";
    }
    return "";
}

const LevelSetting* setting_for(const std::vector<LevelSetting>& settings, ChainLevel level) {
    for (const auto& s : settings) {
        if (s.level == level) return &s;
    }
    return nullptr;
}

std::vector<Unit> chain_of(const std::vector<Unit>& unit_and_ancestors,
                           const std::vector<LevelSetting>& settings) {
    std::vector<Unit> chain;
    for (std::size_t i = 0; i < unit_and_ancestors.size(); ++i) {
        const ChainLevel level = chain_level_of(unit_and_ancestors[i].kind);
        // Within a grassroots union (its branch unions and groups, or a joint union's members)
        // the outermost grassroots union decides for the level.
        const bool inside_grassroots = level == ChainLevel::grassroots &&
                                       i + 1 < unit_and_ancestors.size() &&
                                       chain_level_of(unit_and_ancestors[i + 1].kind) == level;
        if (!inside_grassroots && setting_for(settings, level)) {
            chain.push_back(unit_and_ancestors[i]);
        }
    }
    return chain;
}

std::optional<Unit> next_in_chain(const std::vector<Unit>& chain, UnitId current) {
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain[i].id == current) {
            if (i + 1 < chain.size()) return chain[i + 1];
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void check_decision_deadline(const LevelSetting& setting, Timestamp now) {
    if (now > setting.deadline) {
        throw Error(ErrorKind::deadline_passed,
                    fmt::format("本级推荐截止时间({})已过", format_shanghai(setting.deadline)));
    }
}

void check_submission_deadline(const LevelSetting& first_level, Timestamp now) {
    if (now > first_level.deadline) {
        throw Error(ErrorKind::deadline_passed,
                    fmt::format("作品提交截止时间({})已过", format_shanghai(first_level.deadline)));
    }
}

void check_quota(const LevelSetting& setting, long long already_recommended) {
    if (already_recommended >= setting.quota) {
        throw Error(ErrorKind::quota_full,
                    fmt::format("推荐名额已满:本级每个单位在本项目限推荐 {} 件,已推荐 {} 件",
                                setting.quota, already_recommended));
    }
}

void check_submission_limits(const TrackRules& rules, long long by_person, long long by_unit) {
    if (rules.per_person_limit && by_person >= *rules.per_person_limit) {
        throw Error(ErrorKind::quota_full,
                    fmt::format("本项目每人限报 {} 件,您已提交 {} 件", *rules.per_person_limit,
                                by_person));
    }
    if (rules.per_unit_limit && by_unit >= *rules.per_unit_limit) {
        throw Error(ErrorKind::quota_full,
                    fmt::format("本项目每个单位限报 {} 件,本单位已提交 {} 件",
                                *rules.per_unit_limit, by_unit));
    }
}

}  // namespace wangju
