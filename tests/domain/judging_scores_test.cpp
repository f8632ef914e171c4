#include "domain/judging_scores.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "domain/error.h"

namespace wangju {
namespace {

constexpr double tolerance = 1e-9;

JudgeScore score(std::int64_t work, std::int64_t judge, double total) {
    return JudgeScore{WorkId{work}, UserId{judge}, total};
}

const NormalisedScore& find(const std::vector<NormalisedScore>& scores, std::int64_t work,
                            std::int64_t judge) {
    for (const auto& s : scores) {
        if (s.work == WorkId{work} && s.judge == UserId{judge}) return s;
    }
    throw std::logic_error("no such score");
}

const WorkResult& find(const std::vector<WorkResult>& results, std::int64_t work) {
    for (const auto& r : results) {
        if (r.work == WorkId{work}) return r;
    }
    throw std::logic_error("no such work");
}

std::vector<std::int64_t> work_ids(const std::vector<WorkResult>& results) {
    std::vector<std::int64_t> ids;
    for (const auto& r : results) ids.push_back(r.work.value);
    return ids;
}

std::vector<std::int64_t> work_ids(const std::vector<FinalResult>& results) {
    std::vector<std::int64_t> ids;
    for (const auto& r : results) ids.push_back(r.work.value);
    return ids;
}

// The message of the invalid_input error that `action` throws, after checking that the error
// names `field`.
template <typename Action>
std::string invalid_message(Action action, const std::string& field) {
    try {
        action();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_TRUE(e.fields().contains(field)) << "fields lack " << field << ": " << e.message();
        return e.message();
    }
    ADD_FAILURE() << "no error for " << field;
    return "";
}

RoundScoring raw_basis() {
    RoundScoring scoring;
    scoring.basis = RankBasis::raw;
    return scoring;
}

// Normalisation ---------------------------------------------------------------------------------

// Judge 1 is harsh (60, 65, 70), judge 2 lenient (80, 85, 90), on the same works 1, 2, 3.
// Each judge: mean 65 or 85, variance (25 + 0 + 25) / 3 = 50/3.
// The round: totals 60 65 70 80 85 90, mean 75, variance (225+100+25+25+100+225) / 6 = 350/3.
// Work 1 from either judge: 75 + (−5 / √(50/3)) × √(350/3) = 75 − √175 ≈ 61.7712;
// work 2: 75; work 3: 75 + √175 ≈ 88.2288.
TEST(Normalise, AHarshAndALenientJudgeGiveTheSameWorkTheSameScore) {
    const auto out = normalise({score(1, 1, 60), score(2, 1, 65), score(3, 1, 70), score(1, 2, 80),
                                score(2, 2, 85), score(3, 2, 90)});
    ASSERT_EQ(out.size(), 6u);
    const double d = std::sqrt(175.0);
    const double expected[] = {75 - d, 75, 75 + d};
    for (std::int64_t work = 1; work <= 3; ++work) {
        const auto& harsh = find(out, work, 1);
        const auto& lenient = find(out, work, 2);
        EXPECT_DOUBLE_EQ(lenient.raw - harsh.raw, 20);
        EXPECT_NEAR(harsh.normalised, expected[work - 1], tolerance);
        EXPECT_NEAR(lenient.normalised, expected[work - 1], tolerance);
        EXPECT_FALSE(harsh.kept_raw);
        EXPECT_FALSE(lenient.kept_raw);
    }
}

TEST(Normalise, KeepsTheInputOrder) {
    const auto out = normalise({score(3, 2, 90), score(1, 1, 60), score(2, 2, 85), score(3, 1, 70),
                                score(1, 2, 80), score(2, 1, 65)});
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected = {{3, 2}, {1, 1}, {2, 2},
                                                                         {3, 1}, {1, 2}, {2, 1}};
    ASSERT_EQ(out.size(), expected.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i].work.value, expected[i].first);
        EXPECT_EQ(out[i].judge.value, expected[i].second);
    }
}

// Judge 1: 60, 65, 70 (mean 65, variance 50/3); judge 2 scores only two works: 90 and 50.
// The round: 60 65 70 90 50, mean 67, variance (49+4+9+529+289) / 5 = 176.
// Judge 1's work 1: 67 − √(3/2) × √176 = 67 − √264 ≈ 50.7519; work 3: 67 + √264 ≈ 83.2481.
TEST(Normalise, AJudgeWithTwoScoresKeepsRawScores) {
    const auto out = normalise(
        {score(1, 1, 60), score(2, 1, 65), score(3, 1, 70), score(1, 2, 90), score(2, 2, 50)});
    EXPECT_TRUE(find(out, 1, 2).kept_raw);
    EXPECT_TRUE(find(out, 2, 2).kept_raw);
    EXPECT_DOUBLE_EQ(find(out, 1, 2).normalised, 90);
    EXPECT_DOUBLE_EQ(find(out, 2, 2).normalised, 50);

    // The judge's scores still count towards the round's mean and deviation.
    const double d = std::sqrt(264.0);
    EXPECT_FALSE(find(out, 1, 1).kept_raw);
    EXPECT_NEAR(find(out, 1, 1).normalised, 67 - d, tolerance);
    EXPECT_NEAR(find(out, 2, 1).normalised, 67, tolerance);
    EXPECT_NEAR(find(out, 3, 1).normalised, 67 + d, tolerance);
}

TEST(Normalise, AJudgeWhoseScoresAreAllEqualKeepsRawScores) {
    const auto out = normalise({score(1, 1, 60), score(2, 1, 65), score(3, 1, 70), score(1, 2, 75),
                                score(2, 2, 75), score(3, 2, 75)});
    for (std::int64_t work = 1; work <= 3; ++work) {
        EXPECT_TRUE(find(out, work, 2).kept_raw);
        EXPECT_DOUBLE_EQ(find(out, work, 2).normalised, 75);
        EXPECT_FALSE(find(out, work, 1).kept_raw);
    }
}

TEST(Normalise, NothingToNormalise) {
    EXPECT_TRUE(normalise({}).empty());
}

// Judge 1: 0, 0, 30 (mean 10, variance 200); judge 2: 100 on all three (kept raw).
// The round: 0 0 30 100 100 100, mean 55, variance (3025×2 + 625 + 2025×3) / 6 = 2125.
// Judge 1's 30: 55 + (20 / √200) × √2125 = 55 + √4250 ≈ 120.1920, above the full score.
TEST(Normalise, DoesNotClampButRoundResultsDoes) {
    const std::vector<JudgeScore> scores = {score(1, 1, 0),   score(2, 1, 0),   score(3, 1, 30),
                                            score(1, 2, 100), score(2, 2, 100), score(3, 2, 100)};
    EXPECT_NEAR(find(normalise(scores), 3, 1).normalised, 55 + std::sqrt(4250.0), tolerance);

    // Work 3: min(120.19, 100) and 100 average to 100, not to 110.10.
    const auto results = round_results(scores, RoundScoring{});
    EXPECT_DOUBLE_EQ(find(results, 3).normalised_mean, 100);
    EXPECT_DOUBLE_EQ(find(results, 3).raw_mean, 65);
}

// The mirror image (x → 100 − x): judge 1's 70 becomes 45 − √4250 ≈ −20.1920, clamped to 0.
TEST(RoundResults, ClampsNormalisedScoresAtZero) {
    const std::vector<JudgeScore> scores = {score(1, 1, 100), score(2, 1, 100), score(3, 1, 70),
                                            score(1, 2, 0),   score(2, 2, 0),   score(3, 2, 0)};
    EXPECT_NEAR(find(normalise(scores), 3, 1).normalised, 45 - std::sqrt(4250.0), tolerance);
    EXPECT_DOUBLE_EQ(find(round_results(scores, RoundScoring{}), 3).normalised_mean, 0);
}

// Round results -----------------------------------------------------------------------------------

TEST(RoundResults, MeansSpreadAndRankOfTheSameThreeWorks) {
    const auto results = round_results({score(1, 1, 60), score(2, 1, 65), score(3, 1, 70),
                                        score(1, 2, 80), score(2, 2, 85), score(3, 2, 90)},
                                       RoundScoring{});
    ASSERT_EQ(work_ids(results), (std::vector<std::int64_t>{3, 2, 1}));
    const double d = std::sqrt(175.0);
    // Work 3: raw (70 + 90) / 2 = 80, normalised 75 + √175 from both judges, spread 20.
    EXPECT_EQ(results[0].judges, 2);
    EXPECT_DOUBLE_EQ(results[0].raw_mean, 80);
    EXPECT_NEAR(results[0].normalised_mean, 75 + d, tolerance);
    EXPECT_DOUBLE_EQ(results[0].spread, 20);
    EXPECT_FALSE(results[0].disputed);
    EXPECT_DOUBLE_EQ(results[0].score, results[0].normalised_mean);
    EXPECT_DOUBLE_EQ(results[1].raw_mean, 75);
    EXPECT_NEAR(results[1].normalised_mean, 75, tolerance);
    EXPECT_DOUBLE_EQ(results[2].raw_mean, 70);
    EXPECT_NEAR(results[2].normalised_mean, 75 - d, tolerance);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(results[i].rank, i + 1);
        EXPECT_FALSE(results[i].tied);
    }
}

// Judge 1 (harsh) scores works 1, 2, 3 with 60, 65, 70; judge 2 (lenient) scores works 4, 5, 6
// with 80, 85, 90. Raw, every work of judge 2 is ahead; normalised (as above) work 3 and work 6
// share the top with 75 + √175, works 2 and 5 share third place with 75, works 1 and 4 fifth.
TEST(RoundResults, NormalisationLetsAHarshAndALenientJudgeWeighTheSame) {
    const std::vector<JudgeScore> scores = {score(1, 1, 60), score(2, 1, 65), score(3, 1, 70),
                                            score(4, 2, 80), score(5, 2, 85), score(6, 2, 90)};
    const auto raw = round_results(scores, raw_basis());
    EXPECT_EQ(work_ids(raw), (std::vector<std::int64_t>{6, 5, 4, 3, 2, 1}));

    const auto normalised = round_results(scores, RoundScoring{});
    EXPECT_EQ(work_ids(normalised), (std::vector<std::int64_t>{3, 6, 2, 5, 1, 4}));
    const int expected_ranks[] = {1, 1, 3, 3, 5, 5};
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        EXPECT_EQ(normalised[i].rank, expected_ranks[i]) << i;
        EXPECT_TRUE(normalised[i].tied) << i;
        EXPECT_EQ(normalised[i].judges, 1);
        EXPECT_DOUBLE_EQ(normalised[i].spread, 0);
    }
}

// Raw means: work 1 90, works 3 and 7 85, work 5 70 → ranks 1, 2, 2, 4; work 3 before work 7.
TEST(RoundResults, TiesShareARankTheNextRankSkipsAndTiedWorksAreFlagged) {
    const auto results = round_results(
        {score(7, 1, 80), score(7, 2, 90), score(1, 1, 90), score(5, 1, 70), score(3, 2, 85)},
        raw_basis());
    EXPECT_EQ(work_ids(results), (std::vector<std::int64_t>{1, 3, 7, 5}));
    EXPECT_EQ(results[0].rank, 1);
    EXPECT_EQ(results[1].rank, 2);
    EXPECT_EQ(results[2].rank, 2);
    EXPECT_EQ(results[3].rank, 4);
    EXPECT_FALSE(results[0].tied);
    EXPECT_TRUE(results[1].tied);
    EXPECT_TRUE(results[2].tied);
    EXPECT_FALSE(results[3].tied);
}

// (10.1 + 20.2) / 2 is 15.149999999999999 in floating point; a single 15.15 must tie with it.
TEST(RoundResults, MeansThatDifferByFloatingPointErrorTie) {
    const auto results =
        round_results({score(2, 1, 10.1), score(2, 2, 20.2), score(1, 3, 15.15)}, raw_basis());
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].rank, 1);
    EXPECT_EQ(results[1].rank, 1);
    EXPECT_TRUE(results[0].tied);
    EXPECT_TRUE(results[1].tied);
    EXPECT_EQ(work_ids(results), (std::vector<std::int64_t>{1, 2}));
}

// Full score 100, share 0.3: the threshold is 30. Work 1 spreads 90 − 60 = 30 (not disputed);
// work 2 spreads 90.0001 − 60 = 30.0001, the smallest step above it (disputed).
TEST(RoundResults, DisputedOnlyWhenTheSpreadExceedsTheThreshold) {
    const auto results = round_results(
        {score(1, 1, 60), score(1, 2, 90), score(2, 1, 60), score(2, 2, 90.0001)}, raw_basis());
    EXPECT_NEAR(find(results, 1).spread, 30, tolerance);
    EXPECT_FALSE(find(results, 1).disputed);
    EXPECT_NEAR(find(results, 2).spread, 30.0001, tolerance);
    EXPECT_TRUE(find(results, 2).disputed);
}

// Full score 10, share 0.3: the threshold 0.3 × 10 is 3. 8.3 − 5.3 is 3.000000000000001 in floating
// point, which is still a spread of 3: not disputed; 8.31 − 5.3 = 3.01 is.
TEST(RoundResults, ASpreadEqualToTheThresholdUpToFloatingPointErrorIsNotDisputed) {
    RoundScoring scoring = raw_basis();
    scoring.full_score = 10;
    const auto results = round_results(
        {score(1, 1, 8.3), score(1, 2, 5.3), score(2, 1, 8.31), score(2, 2, 5.3)}, scoring);
    EXPECT_FALSE(find(results, 1).disputed);
    EXPECT_TRUE(find(results, 2).disputed);
}

TEST(RoundResults, AWholeShareDisputesNothingWithinTheScale) {
    RoundScoring scoring = raw_basis();
    scoring.disagreement_share = 1;
    const auto results = round_results({score(1, 1, 0), score(1, 2, 100)}, scoring);
    EXPECT_DOUBLE_EQ(results.at(0).spread, 100);
    EXPECT_FALSE(results.at(0).disputed);
}

TEST(RoundResults, NoScoresNoResults) {
    EXPECT_TRUE(round_results({}, RoundScoring{}).empty());
}

TEST(RoundResults, RefusesAFullScoreThatIsNotPositive) {
    for (const double full : {0.0, -10.0, std::numeric_limits<double>::quiet_NaN(),
                              std::numeric_limits<double>::infinity()}) {
        RoundScoring scoring;
        scoring.full_score = full;
        invalid_message([&] { round_results({score(1, 1, 0)}, scoring); }, "full_score");
    }
}

TEST(RoundResults, RefusesADisagreementShareOutsideZeroToOne) {
    for (const double share : {0.0, -0.1, 1.0001, 2.0, std::numeric_limits<double>::quiet_NaN()}) {
        RoundScoring scoring;
        scoring.disagreement_share = share;
        invalid_message([&] { round_results({score(1, 1, 50)}, scoring); }, "disagreement_share");
    }
}

TEST(RoundResults, RefusesAWorkScoredTwiceByTheSameJudge) {
    invalid_message(
        [] {
            round_results({score(1, 1, 60), score(2, 1, 70), score(1, 1, 80)}, RoundScoring{});
        },
        "scores");
}

TEST(RoundResults, RefusesATotalOutsideZeroToTheFullScore) {
    for (const double total : {-1.0, 100.5, std::numeric_limits<double>::quiet_NaN()}) {
        invalid_message([&] { round_results({score(1, 1, total)}, RoundScoring{}); }, "scores");
    }
}

// Competition ranks ------------------------------------------------------------------------------

TEST(CompetitionRanks, OneTwoTwoFourInTheInputOrder) {
    EXPECT_EQ(competition_ranks({85, 90, 70, 85}), (std::vector<int>{2, 1, 4, 2}));
    EXPECT_EQ(competition_ranks({90, 85, 85, 70}), (std::vector<int>{1, 2, 2, 4}));
    EXPECT_EQ(competition_ranks({5, 5, 5}), (std::vector<int>{1, 1, 1}));
    EXPECT_TRUE(competition_ranks({}).empty());
}

TEST(CompetitionRanks, ComparesAfterRoundingToFourDecimals) {
    EXPECT_NE(0.1 + 0.2, 0.3);
    EXPECT_EQ(competition_ranks({0.1 + 0.2, 0.3}), (std::vector<int>{1, 1}));
    // 0.30004 rounds to 0.3000 (tie); 0.30006 rounds to 0.3001 (ahead).
    EXPECT_EQ(competition_ranks({0.3, 0.30004}), (std::vector<int>{1, 1}));
    EXPECT_EQ(competition_ranks({0.3, 0.30006}), (std::vector<int>{2, 1}));
}

TEST(CompetitionRanks, RefusesAValueThatIsNotANumber) {
    EXPECT_THROW(competition_ranks({1, std::numeric_limits<double>::quiet_NaN()}),
                 std::invalid_argument);
}

// Final ranking ---------------------------------------------------------------------------------

// Vote weight 40 %: final = expert × 0.6 + vote part × 0.4, full score 100, most votes 400.
//   work  expert  votes  vote part        final
//   1     90      100    100/400×100=25   54 + 10 = 64
//   2     80      400    100              48 + 40 = 88
//   3     85      200    50               51 + 20 = 71
//   4     70      0      0                42 +  0 = 42
//   5     80      160    40               48 + 16 = 64  (ties work 1)
// Ranks: 2 → 1, 3 → 2, 1 and 5 → 3 (tied, by work id), 4 → 5.
std::vector<FinalInput> final_inputs() {
    return {{WorkId{1}, 90, 100},
            {WorkId{2}, 80, 400},
            {WorkId{3}, 85, 200},
            {WorkId{4}, 70, 0},
            {WorkId{5}, 80, 160}};
}

TEST(FinalRanking, SixtyFortyByHand) {
    const auto results = final_ranking(final_inputs(), 100, 40);
    ASSERT_EQ(work_ids(results), (std::vector<std::int64_t>{2, 3, 1, 5, 4}));
    const double parts[] = {100, 50, 25, 40, 0};
    const double finals[] = {88, 71, 64, 64, 42};
    const int ranks[] = {1, 2, 3, 3, 5};
    const bool tied[] = {false, false, true, true, false};
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_NEAR(results[i].vote_part, parts[i], tolerance) << i;
        EXPECT_NEAR(results[i].final_score, finals[i], tolerance) << i;
        EXPECT_EQ(results[i].rank, ranks[i]) << i;
        EXPECT_EQ(results[i].tied, tied[i]) << i;
    }
    EXPECT_DOUBLE_EQ(results[0].expert, 80);
    EXPECT_EQ(results[0].votes, 400);
}

// Vote weight 0: the experts alone rank: 1 (90), 3 (85), 2 and 5 (80, tied), 4 (70).
TEST(FinalRanking, WeightZeroRanksByTheExpertsAlone) {
    const auto results = final_ranking(final_inputs(), 100, 0);
    ASSERT_EQ(work_ids(results), (std::vector<std::int64_t>{1, 3, 2, 5, 4}));
    const int ranks[] = {1, 2, 3, 3, 5};
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_DOUBLE_EQ(results[i].final_score, results[i].expert) << i;
        EXPECT_EQ(results[i].rank, ranks[i]) << i;
    }
}

// Nobody voted: every vote part is 0 and the final is expert × 0.6: 54, 51, 48, 48, 42.
TEST(FinalRanking, NoVotesAtAllGiveNoVotePart) {
    auto inputs = final_inputs();
    for (auto& in : inputs) in.votes = 0;
    const auto results = final_ranking(inputs, 100, 40);
    ASSERT_EQ(work_ids(results), (std::vector<std::int64_t>{1, 3, 2, 5, 4}));
    const double finals[] = {54, 51, 48, 48, 42};
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_DOUBLE_EQ(results[i].vote_part, 0) << i;
        EXPECT_NEAR(results[i].final_score, finals[i], tolerance) << i;
    }
}

// Vote weight 100 ranks by votes alone: 2 (400), 3 (200), 5 (160), 1 (100), 4 (0).
TEST(FinalRanking, WeightHundredRanksByTheVotesAlone) {
    const auto results = final_ranking(final_inputs(), 100, 100);
    EXPECT_EQ(work_ids(results), (std::vector<std::int64_t>{2, 3, 5, 1, 4}));
}

TEST(FinalRanking, RefusesBadInput) {
    invalid_message([] { final_ranking(final_inputs(), 100, -1); }, "vote_weight");
    invalid_message([] { final_ranking(final_inputs(), 100, 101); }, "vote_weight");
    invalid_message([] { final_ranking(final_inputs(), 0, 40); }, "full_score");
    invalid_message([] { final_ranking({{WorkId{1}, 90, -1}}, 100, 40); }, "votes");
    invalid_message([] { final_ranking({{WorkId{1}, 101, 5}}, 100, 40); }, "expert");
    invalid_message(
        [] {
            final_ranking({{WorkId{1}, 90, 5}, {WorkId{1}, 80, 6}}, 100, 40);
        },
        "works");
}

// Award tiers -----------------------------------------------------------------------------------

std::vector<AwardTier> one_three_five() {
    return {{"一等奖", 1}, {"二等奖", 3}, {"三等奖", 5}};
}

std::vector<RankedWork> ranked(const std::vector<int>& ranks) {
    std::vector<RankedWork> out;
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        out.push_back({WorkId{static_cast<std::int64_t>(i + 1)}, ranks[i]});
    }
    return out;
}

std::vector<std::string> tiers_of(const std::vector<ProposedAward>& awards) {
    std::vector<std::string> out;
    for (const auto& a : awards) out.push_back(a.tier.value_or("-"));
    return out;
}

TEST(AwardTiers, AcceptsSensibleTiers) {
    EXPECT_NO_THROW(check_award_tiers(one_three_five()));
    EXPECT_NO_THROW(check_award_tiers({}));
    // 20 characters of 3 bytes each: counted as 20, not 60.
    std::string twenty;
    for (int i = 0; i < 20; ++i) twenty += "奖";
    EXPECT_NO_THROW(check_award_tiers({{twenty, 1}}));
    std::vector<AwardTier> ten;
    for (int i = 1; i <= 10; ++i) ten.push_back({"奖项" + std::to_string(i), 1});
    EXPECT_NO_THROW(check_award_tiers(ten));
}

TEST(AwardTiers, RefusesBlankNames) {
    for (const char* name : {"", "   ", "\u3000"}) {
        EXPECT_EQ(invalid_message(
                      [&] {
                          check_award_tiers({{name, 1}});
                      },
                      "tiers"),
                  "奖项名称不能为空");
    }
}

TEST(AwardTiers, RefusesRepeatedNames) {
    EXPECT_EQ(invalid_message(
                  [] {
                      check_award_tiers({{"一等奖", 1}, {"二等奖", 2}, {"一等奖", 3}});
                  },
                  "tiers"),
              "奖项名称“一等奖”重复");
    // Spaces around a name do not make it another one.
    invalid_message([] { check_award_tiers({{"一等奖", 1}, {" 一等奖 ", 2}}); }, "tiers");
}

TEST(AwardTiers, RefusesNamesLongerThanTwentyCharacters) {
    std::string twenty_one;
    for (int i = 0; i < 21; ++i) twenty_one += "奖";
    invalid_message([&] { check_award_tiers({{twenty_one, 1}}); }, "tiers");
    invalid_message([] { check_award_tiers({{"\xff\xfe", 1}}); }, "tiers");
}

TEST(AwardTiers, RefusesCountsBelowOne) {
    for (const int count : {0, -1}) {
        const auto message = invalid_message(
            [&] {
                check_award_tiers({{"一等奖", count}});
            },
            "tiers");
        EXPECT_NE(message.find("数量应为正整数"), std::string::npos) << message;
    }
}

TEST(AwardTiers, RefusesMoreThanTenTiers) {
    std::vector<AwardTier> eleven;
    for (int i = 1; i <= 11; ++i) eleven.push_back({"奖项" + std::to_string(i), 1});
    EXPECT_EQ(invalid_message([&] { check_award_tiers(eleven); }, "tiers"), "奖项最多 10 个");
}

// Tiers 1 / 3 / 5 hold places 1 | 2–4 | 5–9. Works 4 and 5 tie at rank 4, the last place of 二等奖:
// both take it (4 works for 3 places); 三等奖 then holds ranks 6–9 (works 6–9, within its 5) and
// work 10 (rank 10) is not awarded.
TEST(ProposeAwards, TiesAtABoundaryAllTakeTheBetterTier) {
    const auto awards = propose_awards(ranked({1, 2, 3, 4, 4, 6, 7, 8, 9, 10}), one_three_five());
    EXPECT_EQ(tiers_of(awards),
              (std::vector<std::string>{"一等奖", "二等奖", "二等奖", "二等奖", "二等奖", "三等奖",
                                        "三等奖", "三等奖", "三等奖", "-"}));
    for (std::size_t i = 0; i < awards.size(); ++i) {
        EXPECT_EQ(awards[i].work.value, static_cast<std::int64_t>(i + 1));
    }
    EXPECT_EQ(awards[3].rank, 4);
    EXPECT_EQ(tiers_over_count(awards, one_three_five()), std::vector<std::string>{"二等奖"});
}

// A tie for first: both works take 一等奖 (over its count); ranks 3 and 4 still fall in 二等奖's
// places 2–4, which then holds 2 works, within its count.
TEST(ProposeAwards, ATieForFirstPlace) {
    const auto awards = propose_awards(ranked({1, 1, 3, 4, 5}), one_three_five());
    EXPECT_EQ(tiers_of(awards),
              (std::vector<std::string>{"一等奖", "一等奖", "二等奖", "二等奖", "三等奖"}));
    EXPECT_EQ(tiers_over_count(awards, one_three_five()), std::vector<std::string>{"一等奖"});
}

// Ranks 1–8 fill the places; works 9 and 10 tie at rank 9, the last awarded place: both take
// 三等奖 (6 works for 5 places) and rank 11 gets nothing.
TEST(ProposeAwards, ATieAtTheLastAwardedPlace) {
    const auto awards =
        propose_awards(ranked({1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 11}), one_three_five());
    EXPECT_EQ(tiers_of(awards).at(8), "三等奖");
    EXPECT_EQ(tiers_of(awards).at(9), "三等奖");
    EXPECT_EQ(tiers_of(awards).at(10), "-");
    EXPECT_EQ(tiers_over_count(awards, one_three_five()), std::vector<std::string>{"三等奖"});
}

TEST(ProposeAwards, WithoutTiesNoTierIsOverItsCount) {
    const auto awards = propose_awards(ranked({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), one_three_five());
    EXPECT_EQ(tiers_of(awards),
              (std::vector<std::string>{"一等奖", "二等奖", "二等奖", "二等奖", "三等奖", "三等奖",
                                        "三等奖", "三等奖", "三等奖", "-"}));
    EXPECT_TRUE(tiers_over_count(awards, one_three_five()).empty());
}

TEST(ProposeAwards, RefusesInvalidTiersAndAnUnorderedRanking) {
    invalid_message([] { propose_awards(ranked({1, 2}), {{"一等奖", 0}}); }, "tiers");
    invalid_message([] { propose_awards(ranked({2, 1}), one_three_five()); }, "ranking");
    invalid_message([] { propose_awards(ranked({0, 1}), one_three_five()); }, "ranking");
}

// A work moved by hand into 一等奖 makes it hold 2 works for 1 place.
TEST(TiersOverCount, CountsMovesByHand) {
    auto awards = propose_awards(ranked({1, 2, 3}), one_three_five());
    awards[1].tier = "一等奖";
    EXPECT_EQ(tiers_over_count(awards, one_three_five()), std::vector<std::string>{"一等奖"});
}

}  // namespace
}  // namespace wangju
