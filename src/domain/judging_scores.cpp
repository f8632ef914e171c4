#include "domain/judging_scores.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

constexpr std::size_t min_scores_to_normalise = 3;
// Below this a judge's standard deviation counts as zero: all their scores are equal.
constexpr double no_spread = 1e-9;
constexpr std::size_t max_tiers = 10;
constexpr std::size_t max_tier_name_length = 20;

// Scores are compared in units of 0.0001, so that sums that differ by floating point error tie.
double comparison_key(double value) {
    return std::round(value * 1e4);
}

struct MeanAndDeviation {
    double mean = 0;
    double deviation = 0;  // population standard deviation
};

MeanAndDeviation mean_and_deviation(const std::vector<double>& values) {
    if (values.empty()) return {};
    const double mean =
        std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double squares = 0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    return {mean, std::sqrt(squares / static_cast<double>(values.size()))};
}

// 0 … full score, allowing for the floating point error of a rubric's weighted sum.
bool within_full_score(double value, double full_score) {
    return std::isfinite(value) && comparison_key(value) >= 0 &&
           comparison_key(value) <= comparison_key(full_score);
}

double mean_of(const std::vector<double>& values) {
    return mean_and_deviation(values).mean;
}

bool is_tied(const std::vector<int>& ranks, std::size_t i) {
    for (std::size_t j = 0; j < ranks.size(); ++j) {
        if (j != i && ranks[j] == ranks[i]) return true;
    }
    return false;
}

void check_round_scoring(const RoundScoring& scoring) {
    if (!std::isfinite(scoring.full_score) || scoring.full_score <= 0) {
        throw_invalid("满分应大于 0", {{"full_score", "满分应大于 0"}});
    }
    // Written so that NaN fails too.
    if (!(scoring.disagreement_share > 0 && scoring.disagreement_share <= 1)) {
        const std::string message = "分歧比例应大于 0 且不超过 1";
        throw_invalid(message, {{"disagreement_share", message}});
    }
}

void check_scores(const std::vector<JudgeScore>& scores, double full_score) {
    std::set<std::pair<WorkId, UserId>> seen;
    for (const auto& s : scores) {
        if (!within_full_score(s.total, full_score)) {
            const std::string message =
                fmt::format("评委 {} 给作品 {} 的总分 {} 不在 0 到满分 {} 之间", s.judge.value,
                            s.work.value, s.total, full_score);
            throw_invalid(message, {{"scores", message}});
        }
        if (!seen.insert({s.work, s.judge}).second) {
            const std::string message =
                fmt::format("评委 {} 对作品 {} 评分了不止一次", s.judge.value, s.work.value);
            throw_invalid(message, {{"scores", message}});
        }
    }
}

// Spread and threshold are compared in the same units as scores, so that a spread equal to the
// threshold up to floating point error is not disputed.
bool is_disputed(double spread, const RoundScoring& scoring) {
    return comparison_key(spread) > comparison_key(scoring.disagreement_share * scoring.full_score);
}

void check_final_inputs(const std::vector<FinalInput>& inputs, double full_score,
                        int vote_weight_percent) {
    if (!std::isfinite(full_score) || full_score <= 0) {
        throw_invalid("满分应大于 0", {{"full_score", "满分应大于 0"}});
    }
    if (vote_weight_percent < 0 || vote_weight_percent > 100) {
        const std::string message = "投票权重应在 0 到 100 之间";
        throw_invalid(message, {{"vote_weight", message}});
    }
    std::set<WorkId> seen;
    for (const auto& in : inputs) {
        if (in.votes < 0) {
            const std::string message = fmt::format("作品 {} 的票数不能为负数", in.work.value);
            throw_invalid(message, {{"votes", message}});
        }
        if (!within_full_score(in.expert, full_score)) {
            const std::string message = fmt::format("作品 {} 的专家得分 {} 不在 0 到满分 {} 之间",
                                                    in.work.value, in.expert, full_score);
            throw_invalid(message, {{"expert", message}});
        }
        if (!seen.insert(in.work).second) {
            const std::string message = fmt::format("作品 {} 重复", in.work.value);
            throw_invalid(message, {{"works", message}});
        }
    }
}

[[noreturn]] void throw_tiers(const std::string& message) {
    throw_invalid(message, {{"tiers", message}});
}

void check_ranked(const std::vector<RankedWork>& ranked) {
    int previous = 1;
    for (const auto& r : ranked) {
        if (r.rank < previous) {
            const std::string message = "排名应从第 1 名起由高到低排列";
            throw_invalid(message, {{"ranking", message}});
        }
        previous = r.rank;
    }
}

}  // namespace

std::vector<NormalisedScore> normalise(const std::vector<JudgeScore>& scores) {
    std::vector<double> all;
    std::map<UserId, std::vector<double>> by_judge;
    for (const auto& s : scores) {
        all.push_back(s.total);
        by_judge[s.judge].push_back(s.total);
    }
    const MeanAndDeviation round = mean_and_deviation(all);
    std::map<UserId, MeanAndDeviation> judges;
    for (const auto& [judge, totals] : by_judge) {
        if (totals.size() < min_scores_to_normalise) continue;
        const MeanAndDeviation own = mean_and_deviation(totals);
        if (own.deviation < no_spread) continue;
        judges.emplace(judge, own);
    }

    std::vector<NormalisedScore> out;
    out.reserve(scores.size());
    for (const auto& s : scores) {
        NormalisedScore n{s.work, s.judge, s.total, s.total, true};
        if (const auto it = judges.find(s.judge); it != judges.end()) {
            const MeanAndDeviation& own = it->second;
            n.normalised = round.mean + (s.total - own.mean) / own.deviation * round.deviation;
            n.kept_raw = false;
        }
        out.push_back(n);
    }
    return out;
}

std::vector<int> competition_ranks(const std::vector<double>& values) {
    std::vector<double> keys;
    keys.reserve(values.size());
    for (const double v : values) {
        if (!std::isfinite(v))
            throw std::invalid_argument("competition_ranks: a value is not finite");
        keys.push_back(comparison_key(v));
    }
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });

    std::vector<int> ranks(values.size());
    for (std::size_t place = 0; place < order.size(); ++place) {
        const std::size_t i = order[place];
        const bool same_as_previous = place > 0 && keys[order[place - 1]] == keys[i];
        ranks[i] = same_as_previous ? ranks[order[place - 1]] : static_cast<int>(place) + 1;
    }
    return ranks;
}

std::vector<WorkResult> round_results(const std::vector<JudgeScore>& scores,
                                      const RoundScoring& scoring) {
    check_round_scoring(scoring);
    check_scores(scores, scoring.full_score);

    struct Totals {
        std::vector<double> raw;
        std::vector<double> normalised;
    };
    std::map<WorkId, Totals> by_work;
    for (const auto& n : normalise(scores)) {
        auto& totals = by_work[n.work];
        totals.raw.push_back(n.raw);
        totals.normalised.push_back(std::clamp(n.normalised, 0.0, scoring.full_score));
    }

    std::vector<WorkResult> results;
    results.reserve(by_work.size());
    for (const auto& [work, totals] : by_work) {
        const auto [lowest, highest] = std::minmax_element(totals.raw.begin(), totals.raw.end());
        WorkResult r;
        r.work = work;
        r.judges = static_cast<int>(totals.raw.size());
        r.raw_mean = mean_of(totals.raw);
        r.normalised_mean = mean_of(totals.normalised);
        r.spread = *highest - *lowest;
        r.disputed = is_disputed(r.spread, scoring);
        r.score = scoring.basis == RankBasis::raw ? r.raw_mean : r.normalised_mean;
        results.push_back(r);
    }

    std::vector<double> values;
    values.reserve(results.size());
    for (const auto& r : results) values.push_back(r.score);
    const std::vector<int> ranks = competition_ranks(values);
    for (std::size_t i = 0; i < results.size(); ++i) {
        results[i].rank = ranks[i];
        results[i].tied = is_tied(ranks, i);
    }
    // Equal ranks mean equal rounded scores; the works are already in the order of their ids.
    std::stable_sort(results.begin(), results.end(),
                     [](const WorkResult& a, const WorkResult& b) { return a.rank < b.rank; });
    return results;
}

std::vector<FinalResult> final_ranking(const std::vector<FinalInput>& inputs, double full_score,
                                       int vote_weight_percent) {
    check_final_inputs(inputs, full_score, vote_weight_percent);
    long long most_votes = 0;
    for (const auto& in : inputs) most_votes = std::max(most_votes, in.votes);
    // (100 − w) / 100 is exactly 1 for w = 0, so the final score is then the expert score itself.
    const double expert_share = (100 - vote_weight_percent) / 100.0;
    const double vote_share = vote_weight_percent / 100.0;

    std::vector<FinalResult> results;
    results.reserve(inputs.size());
    for (const auto& in : inputs) {
        FinalResult r;
        r.work = in.work;
        r.expert = in.expert;
        r.votes = in.votes;
        r.vote_part = most_votes == 0 ? 0.0
                                      : static_cast<double>(in.votes) /
                                            static_cast<double>(most_votes) * full_score;
        r.final_score = in.expert * expert_share + r.vote_part * vote_share;
        results.push_back(r);
    }

    std::vector<double> values;
    values.reserve(results.size());
    for (const auto& r : results) values.push_back(r.final_score);
    const std::vector<int> ranks = competition_ranks(values);
    for (std::size_t i = 0; i < results.size(); ++i) {
        results[i].rank = ranks[i];
        results[i].tied = is_tied(ranks, i);
    }
    std::sort(results.begin(), results.end(), [](const FinalResult& a, const FinalResult& b) {
        return std::pair(a.rank, a.work) < std::pair(b.rank, b.work);
    });
    return results;
}

void check_award_tiers(const std::vector<AwardTier>& tiers) {
    if (tiers.size() > max_tiers) throw_tiers(fmt::format("奖项最多 {} 个", max_tiers));
    std::set<std::string_view> names;
    for (const auto& tier : tiers) {
        const std::string_view name = trim(tier.name);
        if (name.empty()) throw_tiers("奖项名称不能为空");
        const auto code_points = decode_utf8(name);
        if (!code_points) throw_tiers("奖项名称含有无效的字符编码");
        if (code_points->size() > max_tier_name_length) {
            throw_tiers(fmt::format("奖项名称“{}”超过 {} 个字", name, max_tier_name_length));
        }
        if (!names.insert(name).second) throw_tiers(fmt::format("奖项名称“{}”重复", name));
        if (tier.count < 1) throw_tiers(fmt::format("奖项“{}”的数量应为正整数", name));
    }
}

int award_places(const std::vector<AwardTier>& tiers) {
    int places = 0;
    for (const auto& tier : tiers) places += tier.count;
    return places;
}

int award_cap_limit(int percent, int entries) {
    return static_cast<int>(static_cast<long long>(entries) * percent / 100);
}

void check_award_cap_percent(int percent) {
    if (percent < 1 || percent > 100) {
        throw_invalid("获奖比例上限应在 1% 至 100% 之间",
                      {{"award_cap_percent", "应为 1 至 100 之间的整数"}});
    }
}

void check_award_cap(std::optional<int> percent, int entries, int awarded,
                     const std::string& field) {
    if (!percent || entries <= 0) return;
    const int limit = award_cap_limit(*percent, entries);
    if (awarded <= limit) return;
    const std::string message = fmt::format(
        "获奖作品不得超过参评作品的 {}%:共 {} 件参评,最多 {} 件获奖,现为 {} 件,超出 {} 件",
        *percent, entries, limit, awarded, awarded - limit);
    throw_invalid(message, {{field, message}});
}

std::vector<ProposedAward> propose_awards(const std::vector<RankedWork>& ranked,
                                          const std::vector<AwardTier>& tiers) {
    check_award_tiers(tiers);
    check_ranked(ranked);
    std::vector<ProposedAward> awards;
    awards.reserve(ranked.size());
    for (const auto& r : ranked) {
        ProposedAward award{r.work, r.rank, std::nullopt};
        // Tier i holds the places after the counts of the tiers before it: (before, before +
        // count].
        long long before = 0;
        for (const auto& tier : tiers) {
            if (r.rank > before && r.rank <= before + tier.count) {
                award.tier = tier.name;
                break;
            }
            before += tier.count;
        }
        awards.push_back(std::move(award));
    }
    return awards;
}

std::vector<std::string> tiers_over_count(const std::vector<ProposedAward>& awards,
                                          const std::vector<AwardTier>& tiers) {
    std::map<std::string, int> held;
    for (const auto& award : awards) {
        if (award.tier) ++held[*award.tier];
    }
    std::vector<std::string> over;
    for (const auto& tier : tiers) {
        if (held[tier.name] > tier.count) over.push_back(tier.name);
    }
    return over;
}

}  // namespace wangju
