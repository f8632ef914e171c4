#include "domain/judging_permission.h"

namespace wangju {

bool may_run_judging(const Actor& actor, const Unit& judging_unit) {
    if (actor.roles.has(Role::sysadmin)) return true;
    return actor.roles.has(Role::unit_admin) && actor.unit == judging_unit.id;
}

bool may_sit_on_panel(const User& user) {
    return user.roles.has(Role::judge);
}

bool may_score(const Actor& actor, UserId assigned_judge) {
    return actor.user == assigned_judge && actor.roles.has(Role::judge);
}

bool judge_sees_identity(const Round& round) {
    return !round.blind;
}

}  // namespace wangju
