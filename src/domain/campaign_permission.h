// The questions of the campaign features, one function each, asked by every handler. Unit admins
// act on their own subtree; deciding on something a unit filed belongs to the levels above it.
// A system admin may do everything.
#pragma once

#include "domain/permission.h"

namespace wangju {

// Dashboards, quotas, reports and tables of `unit`: a unit admin of the unit or an ancestor.
bool may_view_campaign_unit(const Actor& actor, const Unit& unit);
// File, edit and submit reports and activity news for `unit`: its own admin or an ancestor's.
bool may_file_for(const Actor& actor, const Unit& unit);
// Approve, return or unlock a report of `unit`, accept its news, set its quota, grant it an
// extension: a unit admin strictly above it.
bool may_decide_for(const Actor& actor, const Unit& unit);
// Set the deadlines that the units below `unit` must meet: its admin or an ancestor's.
bool may_set_deadlines_below(const Actor& actor, const Unit& unit);
// Phases, metrics and campaigns themselves.
bool may_manage_campaigns(const Actor& actor);

// Each throws Error(forbidden) with a Chinese message when the answer is no.
void require_view_campaign_unit(const Actor& actor, const Unit& unit);
void require_file_for(const Actor& actor, const Unit& unit);
void require_decide_for(const Actor& actor, const Unit& unit);
void require_set_deadlines_below(const Actor& actor, const Unit& unit);
void require_manage_campaigns(const Actor& actor);

}  // namespace wangju
