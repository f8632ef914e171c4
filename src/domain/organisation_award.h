// Organisation awards (优秀组织奖): a formula, kept as data per campaign, scores each unit of one
// level (the districts, say) from the campaign's own figures, ranks them, and proposes the best
// for the award; the admin may move a unit in or out, with a reason, before confirming.
//
// Scoring: each factor of the formula gives a raw value per unit (a count, or a ratio 0…1), which
// is divided by the best raw value among the units scored together, so that the best unit gets 1
// and the others their share of it (all get 0 when the best is 0). Ratios are normalised the same
// way, so that every factor means "how close to the best unit". A unit's score is
//     sum(weight × normalised) ÷ sum(weights) × 100,
// from 0 to 100, whatever the weights add up to.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/unit.h"

namespace wangju {

enum class OrganisationFactor {
    quota_completion,   // 指标完成率: see quota_completion()
    reports_on_time,    // activity reports filed by their deadline ÷ all filed
    works_submitted,    // works submitted in the unit's subtree
    works_recommended,  // of those, recommended upward
    works_awarded,      // of those, awarded
    votes_received,     // valid public votes for the unit's works
};

std::string_view to_string(OrganisationFactor factor);  // "quota_completion"
std::optional<OrganisationFactor> parse_organisation_factor(std::string_view text);
std::string_view label_zh(OrganisationFactor factor);  // "指标完成率"

struct FactorWeight {
    OrganisationFactor factor = OrganisationFactor::quota_completion;
    double weight = 0;
};

struct OrganisationFormula {
    int level = 1;  // the level of the units scored, as Unit::level (the root is 0)
    std::vector<FactorWeight> weights;
};

// Every factor, weighted 30 (quota completion), 15 (reports on time, works submitted, recommended
// and awarded) and 10 (votes received): 100 in all.
OrganisationFormula default_organisation_formula(int level);

// Throws Error(invalid_input) when the level is below 1 (field "formula"), there are no weights
// or all are zero ("formula"), or a weight is repeated, not finite, negative or above 1000
// ("formula.weights.N", N from 1). A weight of 0 keeps the factor on show without counting it.
void check_organisation_formula(const OrganisationFormula& formula);

// {"level": 2, "weights": {"quota_completion": 30, ...}}
nlohmann::json formula_json(const OrganisationFormula& formula);
// Reads what formula_json wrote or what an API client sent; the weights come back in the order
// the factors are declared above. Throws Error(invalid_input), field "formula", for a body of the
// wrong shape or an unknown factor. Does not check the values: see check_organisation_formula.
OrganisationFormula formula_from_json(const nlohmann::json& json);

// One unit's figures in the campaign, as the store counts them for its subtree.
struct UnitFigures {
    UnitId unit;
    std::map<std::string, long long> quota_targets;   // metric code → target (附件2)
    std::map<std::string, long long> quota_approved;  // metric code → approved in reports
    int reports_total = 0;
    int reports_on_time = 0;
    int works_submitted = 0;
    int works_recommended = 0;
    int works_awarded = 0;
    long long votes_received = 0;
};

// The mean over the metrics with a target above 0 of min(approved ÷ target, 1): capped, so that
// doing more than asked on one metric does not hide a shortfall on another. 0 without targets.
// Approved figures of metrics without a target do not count.
double quota_completion(const UnitFigures& figures);
// reports_on_time ÷ reports_total, 0 when no report was filed.
double on_time_rate(const UnitFigures& figures);

struct OrganisationScore {
    UnitId unit;
    std::map<OrganisationFactor, double> raw;         // the formula's factors only
    std::map<OrganisationFactor, double> normalised;  // 0…1, the best unit's raw value is 1
    double score = 0;                                 // 0…100
    int rank = 0;       // 1 = best; scores within 1e-9 share a rank (1, 1, 3)
    bool tied = false;  // another unit has the same rank
};

// One score per unit, best first; units of equal rank in the order of their ids. The caller
// passes the units of the formula's level only. Throws Error(invalid_input): for the formula as
// check_organisation_formula; field "figures" when a unit appears twice, a figure is negative or
// more reports are on time than were filed.
std::vector<OrganisationScore> score_units(const OrganisationFormula& formula,
                                           const std::vector<UnitFigures>& figures);

// The units ranked within the top `count` (`ranked` as score_units returns it): every unit whose
// rank is at most `count`, so that units tied at the boundary are all proposed and the list may
// be longer than `count`; but never a unit that scored 0 (it did none of what the formula counts),
// so that the list may also be shorter. Throws Error(invalid_input), field "count", unless 1 ≤ count ≤ the
// number of units.
std::vector<UnitId> proposed_organisation_awards(const std::vector<OrganisationScore>& ranked,
                                                 int count);

// The admin moves a unit into (awarded) or out of the list; each move is audited with its reason.
struct OrganisationMove {
    UnitId unit;
    bool awarded = false;
    std::string reason;
};

// Applies the moves in order to `proposed` and returns the awarded units: those proposed that are
// still in, in their proposed order, then those added, in the order of the moves that added them.
// Throws Error(invalid_input): field "reason" when a reason is empty after trimming, longer than
// 500 characters or not UTF-8; field "moves" when a move adds a unit already in the list or
// removes one not in it; field "proposed" when `proposed` names a unit twice. Whether a unit added
// is one of the ranked units is for the caller to check.
std::vector<UnitId> apply_organisation_moves(std::vector<UnitId> proposed,
                                             const std::vector<OrganisationMove>& moves);

}  // namespace wangju
