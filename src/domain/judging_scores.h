// The results of a scored round: normalisation per judge, the mean and spread per work, the
// ranking with ties; the final ranking that combines experts with the public vote; award tiers
// proposed from a ranking.
//
// Normalisation (标准化得分): in a round, each judge's totals become z-scores against that judge's
// own mean and standard deviation, then are rescaled to the mean and standard deviation of all
// totals of the round (every judge's), so that a harsh and a lenient judge weigh the same. A judge
// with fewer than 3 scores, or whose scores are all equal, keeps raw scores. normalise() does not
// clamp (it has no full score); round_results clamps each normalised total to [0, full score]
// before averaging a work's totals. Standard deviations are population ones (divide by n).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/user.h"
#include "domain/work.h"

namespace wangju {

// One judge's total for one work (already weighted by the rubric, 0 … full score).
struct JudgeScore {
    WorkId work;
    UserId judge;
    double total = 0;
};

struct NormalisedScore {
    WorkId work;
    UserId judge;
    double raw = 0;
    double normalised = 0;
    bool kept_raw = false;  // the judge had < 3 scores or no spread
};

std::vector<NormalisedScore> normalise(const std::vector<JudgeScore>& scores);

enum class RankBasis { raw, normalised };

struct WorkResult {
    WorkId work;
    int judges = 0;       // how many scores it has
    double raw_mean = 0;  // mean of its raw totals
    double normalised_mean = 0;
    double spread = 0;      // highest raw total minus lowest
    bool disputed = false;  // spread > disagreement_share × full score: to discuss
    double score = 0;       // the one that ranks (raw_mean or normalised_mean)
    int rank = 0;           // 1 = best; equal scores share a rank (1, 2, 2, 4)
    bool tied = false;      // another work has the same rank
};

struct RoundScoring {
    double full_score = 100;          // the rubric's full score
    double disagreement_share = 0.3;  // of the full score
    RankBasis basis = RankBasis::normalised;
};

// One result per work that has at least one score, best first; works with equal scores in the
// order of their ids. Scores are compared after rounding to 4 decimals, so that sums that differ
// only by floating point error tie.
std::vector<WorkResult> round_results(const std::vector<JudgeScore>& scores,
                                      const RoundScoring& scoring);

// Competition ranking ("1224") of values, higher is better, compared after rounding to 4
// decimals. Returns the rank of each value, in the input order.
std::vector<int> competition_ranks(const std::vector<double>& values);

// The final ranking (终评): expert × expert_share + vote part × (1 − expert_share), where the vote
// part is votes ÷ the most votes of any work in the track × the full score (0 when nobody voted).
struct FinalInput {
    WorkId work;
    double expert = 0;    // the score that ranks in the last scored round
    long long votes = 0;  // valid votes only
};

struct FinalResult {
    WorkId work;
    double expert = 0;
    long long votes = 0;
    double vote_part = 0;
    double final_score = 0;
    int rank = 0;
    bool tied = false;
};

// `vote_weight_percent` 0…100 (the expert weight is the rest); best first, ties as above.
std::vector<FinalResult> final_ranking(const std::vector<FinalInput>& inputs, double full_score,
                                       int vote_weight_percent);

// An award tier of a track: "一等奖" for 1 work.
struct AwardTier {
    std::string name;
    int count = 0;
};

// Throws Error(invalid_input) with field "tiers" when a name is blank or repeated, longer than 20
// characters, a count is below 1, or there are more than 10 tiers.
void check_award_tiers(const std::vector<AwardTier>& tiers);

// The award cap (获奖比例上限, e.g. under the rules for union funds): at most a percent of the
// track's eligible entries may be awarded, counted over all tiers.
inline constexpr int default_award_cap_percent = 30;
// The places of all tiers together.
int award_places(const std::vector<AwardTier>& tiers);
// The number of awards allowed, rounded down.
int award_cap_limit(int percent, int entries);
// A cap is 1 to 100 percent; Error(invalid_input) with field "award_cap_percent".
void check_award_cap_percent(int percent);
// Throws Error(invalid_input) with field `field` when `awarded` works pass the cap for `entries`
// entries, saying by how many; nothing without a cap, or before any entry arrived (tiers are set
// before the works come; they are checked again on every move and on confirming).
void check_award_cap(std::optional<int> percent, int entries, int awarded,
                     const std::string& field);

struct RankedWork {
    WorkId work;
    int rank = 0;
};

struct ProposedAward {
    WorkId work;
    int rank = 0;
    std::optional<std::string> tier;  // none: not awarded
};

// Tiers fill by rank, best tier first: tier i covers the places after the counts of the tiers
// before it. A work takes the tier whose places hold its rank, so works tied at a boundary all
// take the better tier (that tier then holds more works than its count; over_count says so).
// `ranked` must be best first.
std::vector<ProposedAward> propose_awards(const std::vector<RankedWork>& ranked,
                                          const std::vector<AwardTier>& tiers);

// Tiers holding more works than their count in `awards` (names), e.g. after ties or moves.
std::vector<std::string> tiers_over_count(const std::vector<ProposedAward>& awards,
                                          const std::vector<AwardTier>& tiers);

}  // namespace wangju
