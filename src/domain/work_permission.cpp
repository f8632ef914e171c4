#include "domain/work_permission.h"

#include <algorithm>

namespace wangju {

bool WorkReach::contains(UnitId unit) const {
    return std::find(units.begin(), units.end(), unit) != units.end();
}

bool may_see_work(const Actor& actor, const Work& work, const WorkReach& reach) {
    if (work.owner == actor.user) return true;
    if (work.state == WorkState::draft) return false;
    if (actor.roles.has(Role::sysadmin)) return true;
    return actor.roles.has(Role::unit_admin) && reach.contains(actor.unit);
}

bool may_edit_work(const Actor& actor, const Work& work) { return work.owner == actor.user; }

bool may_decide_at(const Actor& actor, const Unit& unit) {
    return actor.roles.has(Role::unit_admin) && actor.unit == unit.id;
}

bool may_submit_for(const Actor& actor, const Unit& unit) {
    if (actor.roles.has(Role::unit_admin) && is_within(unit.path, actor.unit_path)) return true;
    return actor.roles.has(Role::worker) && actor.unit == unit.id;
}

bool may_view_work_counts(const Actor& actor, const Unit& unit) {
    if (actor.roles.has(Role::sysadmin)) return true;
    return actor.roles.has(Role::unit_admin) && is_within(unit.path, actor.unit_path);
}

bool may_edit_tracks(const Actor& actor) { return actor.roles.has(Role::sysadmin); }

}  // namespace wangju
