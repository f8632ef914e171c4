// The one place that answers each question about judging: who runs a unit's judging and sees its
// scores, who may sit on a panel, who scores an assignment, who sees a blind work's identity.
#pragma once

#include "domain/judging.h"
#include "domain/permission.h"

namespace wangju {

// The unit's admins and system admins open judging, set up rounds and panels, assign, close,
// see every score and rank, and decide the awards. Nobody else sees a score or a rank before the
// awards are published.
bool may_run_judging(const Actor& actor, const Unit& judging_unit);
// Accounts with the judge role.
bool may_sit_on_panel(const User& user);
// Only the judge it is assigned to.
bool may_score(const Actor& actor, UserId assigned_judge);
// A judge of a blind round sees neither authors, unit, path, contact fields nor file names.
bool judge_sees_identity(const Round& round);

}  // namespace wangju
