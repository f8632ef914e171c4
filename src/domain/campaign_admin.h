// Administration of campaigns: who may create one and edit its phases and metrics, and the rules
// a phase plan must follow. Free of I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/campaign_metric.h"
#include "domain/campaign_plan.h"
#include "domain/permission.h"

namespace wangju {

// The three phases of every campaign, in their order (notice part 二).
const std::vector<std::string>& phase_names();

// Create a campaign: a system admin, or a unit admin of a district or a higher level.
bool may_create_campaign(const Actor& actor, const Unit& actor_unit);
// Edit a campaign's phases and metrics: a system admin, or an admin of a district or higher
// level whose subtree holds the unit that created the campaign (`owner`; none for a campaign
// made by the system, which only a system admin edits).
bool may_edit_campaign(const Actor& actor, const Unit& actor_unit,
                       const std::optional<Unit>& owner);
void require_create_campaign(const Actor& actor, const Unit& actor_unit);
void require_edit_campaign(const Actor& actor, const Unit& actor_unit,
                           const std::optional<Unit>& owner);

// A phase as a form or a request gives it: dates as typed.
struct PhaseInput {
    std::string name;
    std::string starts_on;
    std::string ends_on;
};

// The phases to store, or Error(invalid) naming every bad field as "name_N", "starts_on_N" or
// "ends_on_N" (N = 1, 2, 3): exactly the three phases of phase_names() in order, each with real
// dates, starting no later than it ends and no earlier than the previous phase ends.
std::vector<Phase> checked_phases(CampaignId campaign, const std::vector<PhaseInput>& inputs);

// A metric an admin adds: entered on each report. An empty code is made from the position.
Metric new_entered_metric(CampaignId campaign, const std::string& code, const std::string& name,
                          const std::string& measure);

}  // namespace wangju
