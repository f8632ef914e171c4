#include "domain/track_summary.h"

#include <algorithm>

namespace wangju {
namespace {

bool counted_as_submitted(WorkState state) {
    return state != WorkState::draft && state != WorkState::withdrawn;
}

// True when the work reached a unit strictly above `unit`: the unit passed it upward.
bool passed_above(const SummaryWork& work, const Unit& unit) {
    const auto upward = ids_on_path(unit.path);
    for (const auto& id : work.reached) {
        if (id != unit.id && std::find(upward.begin(), upward.end(), id) != upward.end()) return true;
    }
    return false;
}

}  // namespace

std::vector<SummaryRow> track_summary(const std::vector<Unit>& rows_for,
                                      const std::vector<Track>& tracks,
                                      const std::vector<SummaryWork>& works) {
    std::vector<SummaryRow> rows;
    for (const auto& unit : rows_for) {
        SummaryRow row{unit.name, {}};
        for (const auto& track : tracks) {
            SummaryCount count;
            for (const auto& w : works) {
                if (w.track != track.id || !counted_as_submitted(w.state)) continue;
                if (!is_within(w.unit_path, unit.path)) continue;
                ++count.submitted;
                if (passed_above(w, unit)) ++count.recommended;
            }
            row.per_track.push_back(count);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace wangju
