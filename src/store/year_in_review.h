// The year in review (年度回顾) of a campaign for one unit's subtree, read live: the approved
// totals and quotas from the rolled-up tables the dashboards keep (campaign_totals,
// campaign_quotas), activity reports by form and by level, works and recommendations per track and level,
// judging rounds. Read-only; each figure is one query over indexed tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/unit.h"
#include "store/database.h"

namespace wangju::store {

struct MetricFigure {
    std::string code, name, measure;
    long long approved = 0;
    std::optional<long long> quota;
};

struct ChildFigures {
    Unit unit;
    std::vector<long long> approved;  // per metric, in the order of YearInReview::metrics
};

struct FormFigure {
    std::string form;  // 知识竞赛, 主题演讲...
    long long reports = 0;
    long long participants = 0;
};

// Approved activity reports held by units of one level.
struct ActivityLevelFigure {
    UnitKind kind = UnitKind::grassroots;
    long long reports = 0;
    long long participants = 0;
};

struct LevelCount {
    UnitKind kind = UnitKind::grassroots;
    long long works = 0;
};

struct TrackFigures {
    std::int64_t track_id = 0;
    int number = 0;
    std::string code, name;
    long long submitted = 0;              // works past draft
    std::vector<LevelCount> recommended;  // works recommended by units of each kind, bottom up
};

struct RoundFigures {
    std::string judging_unit, track, name, kind, state;
    std::string judging_unit_path;
    long long works = 0;  // of the subtree
    long long judges = 0;
};

struct YearInReview {
    long long units_taking_part = 0;  // with an approved report or a submitted work
    long long approved_reports = 0;
    std::vector<MetricFigure> metrics;
    std::vector<ChildFigures> children;
    std::vector<FormFigure> forms;
    std::vector<ActivityLevelFigure> levels;  // top down
    std::vector<TrackFigures> tracks;
    std::vector<RoundFigures> rounds;
};

YearInReview read_year_in_review(Database& database, CampaignId campaign, const Unit& unit,
                                 const std::vector<Unit>& children);

}  // namespace wangju::store
