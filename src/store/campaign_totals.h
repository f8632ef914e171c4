// Keeping the campaigns' rolled-up figures true when a unit moves in the tree: every ancestor holds
// the approved totals and report counts of its whole subtree (campaign_totals,
// campaign_report_counts), so a moved subtree's figures leave its old ancestors and join its new ones.
#pragma once

#include <string>

#include <soci/soci.h>

#include "domain/unit.h"

namespace wangju::store {

// Adds `value` to a unit's approved total of a metric, and report counts to its on-time and late
// counts (negative to take away), creating the row when missing.
void add_to_total(soci::session& s, long long campaign, UnitId unit, long long metric, long long value);
void add_to_report_counts(soci::session& s, long long campaign, UnitId unit, long long on_time,
                          long long late);

// Called inside the move's transaction. `old_parent_path` and `new_parent_path` are the paths of
// the old and new parent; ancestors the two share keep their figures.
void move_campaign_rollups(soci::session& s, UnitId moved, const std::string& old_parent_path,
                           const std::string& new_parent_path);

}  // namespace wangju::store
