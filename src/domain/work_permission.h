// The one place that answers each question about works and tracks: who may see a work, edit it,
// decide on it at a unit, see a subtree's counts, edit the tracks. Handlers ask these; none
// compares roles or paths itself.
#pragma once

#include <string>
#include <vector>

#include "domain/permission.h"
#include "domain/work.h"

namespace wangju {

// The units a work has reached: where it stands and every unit that decided on it.
struct WorkReach {
    std::vector<UnitId> units;
    bool contains(UnitId unit) const;
};

// The owner always; a unit admin of a unit the work reached (a higher level sees only what the
// levels below recommended to it; nobody else sees a draft); the sysadmin once submitted.
bool may_see_work(const Actor& actor, const Work& work, const WorkReach& reach);
// Only the owner changes the content, submits or withdraws.
bool may_edit_work(const Actor& actor, const Work& work);
// Only a unit admin of that very unit decides at its level.
bool may_decide_at(const Actor& actor, const Unit& unit);
// A worker for their own unit; a unit admin for their unit or any unit below it.
bool may_submit_for(const Actor& actor, const Unit& unit);
// Counts per state and the track summary table: unit admins and the sysadmin, within their subtree.
bool may_view_work_counts(const Actor& actor, const Unit& unit);
// Creating tracks and editing their rules, quotas and deadlines.
bool may_edit_tracks(const Actor& actor);

}  // namespace wangju
