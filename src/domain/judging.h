// Judging (评审): a unit judges the works of one track that reached it, in rounds. A round is a
// qualifying round (资格审查: pass or fail with a reason), a scored round (评分: a rubric of
// weighted criteria) or the final ranking (终评: the last scored round combined with the public
// vote). Each round after the first takes the works that passed the one before, by the rule its
// admin chose.
//
// Conflicts and assignment: domain/judging_assignment.h. Normalisation, ranks and award tiers:
// domain/judging_scores.h. Who may do what: domain/judging_permission.h.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/judging_scores.h"
#include "domain/time.h"
#include "domain/track.h"
#include "domain/unit.h"
#include "domain/user.h"
#include "domain/work.h"

namespace wangju {

struct JudgingId {
    std::int64_t value = 0;
    auto operator<=>(const JudgingId&) const = default;
};

struct RoundId {
    std::int64_t value = 0;
    auto operator<=>(const RoundId&) const = default;
};

struct AssignmentId {
    std::int64_t value = 0;
    auto operator<=>(const AssignmentId&) const = default;
};

enum class RoundKind { qualifying, scored, final_ranking };
std::string_view to_string(RoundKind kind);  // "final" for final_ranking
std::optional<RoundKind> parse_round_kind(std::string_view text);
std::string_view label_zh(RoundKind kind);  // "资格审查"

// draft: being set up (rubric, panel, K); open: judges score; closed: scoring ended, results
// visible to the judging's admins, may be reopened; published: final, the next round may start.
enum class RoundState { draft, open, closed, published };
std::string_view to_string(RoundState state);
std::optional<RoundState> parse_round_state(std::string_view text);
std::string_view label_zh(RoundState state);  // "评审中"

enum class RoundEvent { open, close, reopen, publish };
// The state after `event`, or Error(conflict) naming why not ("评审轮次尚未开始,不能结束").
RoundState next_round_state(RoundState state, RoundEvent event);

// How the works of a round after the first are chosen from the round before.
enum class AdvanceRule { all, passed, top_n, top_percent, min_score };
std::string_view to_string(AdvanceRule rule);
std::optional<AdvanceRule> parse_advance_rule(std::string_view text);

struct Advance {
    AdvanceRule rule = AdvanceRule::all;
    double value = 0;  // N, X (percent) or the score
};

// all: only for the first round (every work that reached the unit). passed: after a qualifying
// round. top_n (N >= 1, whole), top_percent (0 < X <= 100), min_score (>= 0): after a scored
// round. Throws Error(invalid_input) with field "advance".
void check_advance(const Advance& advance, std::optional<RoundKind> previous);

// A criterion of a rubric (评分细则): a judge gives a value on its scale; the criterion adds
// weight × (value − min) ÷ (max − min) to the work's total, so the rubric's full score is the sum
// of the weights.
struct Criterion {
    std::string key;  // [a-z0-9_]{1,20}, stable: the scores are stored under it
    std::string name;
    std::string description;
    double scale_min = 0;
    double scale_max = 10;
    double weight = 0;
};

struct Rubric {
    std::vector<Criterion> criteria;
    double full_score() const;
};

// 1 to 20 criteria with distinct keys, names of 1 to 40 characters, descriptions of at most 500,
// min < max within 0…1000, weight > 0 and at most 1000. Throws Error(invalid_input), field
// "rubric" (or "rubric.N.what" for criterion N, from 1).
void check_rubric(const Rubric& rubric);
nlohmann::json rubric_json(const Rubric& rubric);
// Reads what rubric_json wrote or what an API client sent; a criterion without a key gets
// "c1", "c2", ... by position. Throws Error(invalid_input) for a body of the wrong shape.
Rubric rubric_from_json(const nlohmann::json& json);

// A judge's values for one work. Every criterion must have a finite value within its scale,
// nothing else may be given. Throws Error(invalid_input) with field "scores.KEY". Returns the
// weighted total.
double rubric_total(const Rubric& rubric, const std::map<std::string, double>& values);

// The verdict of a qualifying round.
enum class Verdict { pass, fail };
std::string_view to_string(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view text);
std::string_view label_zh(Verdict verdict);  // "通过"

struct Judging {
    JudgingId id;
    CampaignId campaign;
    UnitId unit;  // whose admins run it
    TrackId track;
    int vote_weight = 0;  // percent of the final ranking given to the public vote
    std::vector<AwardTier> tiers;
    // At most this percent of the track's entries may be awarded (none: no cap); see
    // check_award_cap in domain/judging_scores.h.
    std::optional<int> award_cap_percent = default_award_cap_percent;
    Timestamp created_at{};
};

struct Round {
    RoundId id;
    JudgingId judging;
    int seq = 1;  // 1, 2, ... in order
    RoundKind kind = RoundKind::scored;
    RoundState state = RoundState::draft;
    std::string name;
    bool blind = true;
    int judges_per_work = 3;  // K
    Rubric rubric;            // scored rounds
    Advance advance;
    RankBasis rank_by = RankBasis::normalised;
    double disagreement_share = 0.3;
    std::optional<Timestamp> opened_at;
    std::optional<Timestamp> closed_at;
};

// Name 1 to 40 characters; K from 1 to 15 (not for a final ranking); a scored round has a valid
// rubric; disagreement share in (0, 1]. Throws Error(invalid_input) naming the field.
void check_round_settings(const Round& round);

// Checks an admin's vote weight: 0…100, and 0 while the track has no public vote. Field
// "vote_weight".
void check_vote_weight(int percent, bool track_has_public_vote);

// One judge's verdicts or scores on one work, as a round's advance rule reads them.
struct QualifyingVerdict {
    WorkId work;
    Verdict verdict = Verdict::pass;
};

// The works that pass a qualifying round: those with at least one verdict, all of them "pass".
std::vector<WorkId> qualifying_passes(const std::vector<QualifyingVerdict>& verdicts);

// The works of a scored round's results (best first) that an advance rule lets through. Ties at
// the edge of top_n and top_percent all pass (rank <= N, rank <= ceil(X% of the works)).
std::vector<WorkId> advancing_from_scores(const std::vector<WorkResult>& results,
                                          const Advance& advance);

}  // namespace wangju
