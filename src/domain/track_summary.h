// The track summary table (附件4 各子项目活动情况汇总表): per unit and per track, the works
// submitted from the unit's subtree and those the unit passed upward.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/track.h"
#include "domain/work.h"

namespace wangju {

// A work as the table counts it.
struct SummaryWork {
    TrackId track;
    std::string unit_path;               // of the submitting unit
    WorkState state = WorkState::draft;
    std::vector<UnitId> reached;         // its position and the units with an active decision
};

struct SummaryCount {
    long long submitted = 0;    // submitted from the unit's subtree (not drafts, not withdrawn)
    long long recommended = 0;  // of those, the ones that reached a unit above this one
};

struct SummaryRow {
    std::string unit_name;
    std::vector<SummaryCount> per_track;  // in the order of `tracks`
};

// One row per unit of `rows_for`, in that order. `rows_for` is usually the root of
// the requested subtree's children, or the root itself when it has none.
std::vector<SummaryRow> track_summary(const std::vector<Unit>& rows_for,
                                      const std::vector<Track>& tracks,
                                      const std::vector<SummaryWork>& works);

}  // namespace wangju
