// Roll-up of approved figures up the tree, completeness of reporting, and quota splits.
//
// An approved report adds its contribution to its unit and to every ancestor (the units on its
// materialized path), so a unit's total is the sum over its whole subtree. The store keeps these
// totals in a table updated in the same transaction as the approval; these functions state the
// rule and let tests compare it with a brute-force sum.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/unit.h"

namespace wangju {

// Adds `delta` to `totals` of every unit on `unit_path` (root first, the unit itself last).
void add_along_path(std::map<UnitId, long long>& totals, std::string_view unit_path,
                    long long delta);

// Approved reports of a unit's subtree: filed by the deadline, or after it within an extension.
struct ReportCounts {
    long long on_time = 0;
    long long late = 0;
};

// Children of a unit that were expected to report, and how many did.
struct Completeness {
    int expected = 0;   // children open on the deadline day
    int on_time = 0;    // expected children with an approved report filed on time
    int late = 0;       // expected children whose approved reports were all filed late
    int missing = 0;    // expected - on_time - late
    double percent() const;  // (on_time + late) / expected, 0..100; 100 when nothing is expected
};

// A unit opened after `due`, or closed on or before it, is not expected (and not counted even if
// it reported). Without a deadline, `due` is the day the figures are looked at.
Completeness completeness(const std::vector<Unit>& children,
                          const std::map<UnitId, ReportCounts>& counts, Date due);

// How a unit's quota compares with the quotas it split among its children.
enum class SplitStatus { none, under, exact, over };  // none: no children have a quota
struct QuotaSplit {
    std::optional<long long> own;  // the quota of the unit itself, if set
    long long children_sum = 0;
    SplitStatus status = SplitStatus::none;
};
QuotaSplit quota_split(std::optional<long long> own, const std::vector<long long>& children);
std::string_view label_zh(SplitStatus status);

// Progress toward a quota in percent (0 when no quota); never negative.
double progress_percent(long long approved, std::optional<long long> quota);

}  // namespace wangju
