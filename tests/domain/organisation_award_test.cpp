#include "domain/organisation_award.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/error.h"

namespace wangju {
namespace {

constexpr double tolerance = 1e-9;
using F = OrganisationFactor;

const OrganisationScore& find(const std::vector<OrganisationScore>& scores, std::int64_t unit) {
    for (const auto& s : scores) {
        if (s.unit == UnitId{unit}) return s;
    }
    throw std::logic_error("no such unit");
}

std::vector<std::int64_t> unit_ids(const std::vector<OrganisationScore>& scores) {
    std::vector<std::int64_t> ids;
    for (const auto& s : scores) ids.push_back(s.unit.value);
    return ids;
}

std::vector<std::int64_t> unit_ids(const std::vector<UnitId>& units) {
    std::vector<std::int64_t> ids;
    for (const auto& u : units) ids.push_back(u.value);
    return ids;
}

std::vector<int> ranks(const std::vector<OrganisationScore>& scores) {
    std::vector<int> out;
    for (const auto& s : scores) out.push_back(s.rank);
    return out;
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

// A unit with only works submitted and votes, for the tests that need few figures.
UnitFigures works_and_votes(std::int64_t unit, int works, long long votes) {
    UnitFigures f;
    f.unit = UnitId{unit};
    f.works_submitted = works;
    f.votes_received = votes;
    return f;
}

OrganisationFormula works_and_votes_formula() {
    return {2, {{F::works_submitted, 1}, {F::votes_received, 3}}};
}

std::vector<OrganisationScore> scored(const std::vector<std::pair<std::int64_t, int>>& units) {
    std::vector<UnitFigures> figures;
    for (const auto& [unit, works] : units) figures.push_back(works_and_votes(unit, works, 0));
    return score_units({2, {{F::works_submitted, 1}}}, figures);
}

// Factors --------------------------------------------------------------------------------------

TEST(OrganisationFactor, NamesRoundTripAndHaveChineseLabels) {
    for (const auto f : {F::quota_completion, F::reports_on_time, F::works_submitted,
                         F::works_recommended, F::works_awarded, F::votes_received}) {
        EXPECT_EQ(parse_organisation_factor(to_string(f)), f);
        EXPECT_FALSE(label_zh(f).empty());
    }
    EXPECT_EQ(to_string(F::quota_completion), "quota_completion");
    EXPECT_EQ(label_zh(F::reports_on_time), "活动报告按时率");
    EXPECT_EQ(parse_organisation_factor("likes"), std::nullopt);
}

// The formula ----------------------------------------------------------------------------------

TEST(OrganisationFormula, TheDefaultIsValidAndWeighsOneHundred) {
    const auto formula = default_organisation_formula(2);
    EXPECT_NO_THROW(check_organisation_formula(formula));
    EXPECT_EQ(formula.level, 2);
    EXPECT_EQ(formula.weights.size(), 6u);
    double total = 0;
    for (const auto& w : formula.weights) total += w.weight;
    EXPECT_DOUBLE_EQ(total, 100);
}

TEST(OrganisationFormula, InvalidFormulasAreRefusedNamingTheField) {
    auto formula = default_organisation_formula(0);
    invalid_message([&] { check_organisation_formula(formula); }, "formula");

    formula = {2, {}};
    invalid_message([&] { check_organisation_formula(formula); }, "formula");

    formula = {2, {{F::works_submitted, 0}, {F::votes_received, 0}}};
    invalid_message([&] { check_organisation_formula(formula); }, "formula");

    formula = {2, {{F::works_submitted, 10}, {F::votes_received, 5}, {F::works_submitted, 1}}};
    const std::string repeated =
        invalid_message([&] { check_organisation_formula(formula); }, "formula.weights.3");
    EXPECT_NE(repeated.find("提交作品数"), std::string::npos) << repeated;

    for (const double bad : {-1.0, 1000.5, std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity()}) {
        formula = {2, {{F::works_submitted, 10}, {F::votes_received, bad}}};
        invalid_message([&] { check_organisation_formula(formula); }, "formula.weights.2");
    }
}

TEST(OrganisationFormula, AZeroWeightIsAllowedBesideOthers) {
    EXPECT_NO_THROW(
        check_organisation_formula({1, {{F::works_submitted, 0}, {F::votes_received, 1000}}}));
}

TEST(OrganisationFormula, JsonRoundTrip) {
    const auto formula = default_organisation_formula(3);
    const auto json = formula_json(formula);
    EXPECT_EQ(json.at("level"), 3);
    EXPECT_EQ(json.at("weights").at("quota_completion"), 30);

    const auto back = formula_from_json(nlohmann::json::parse(json.dump()));
    EXPECT_EQ(back.level, 3);
    ASSERT_EQ(back.weights.size(), formula.weights.size());
    for (std::size_t i = 0; i < formula.weights.size(); ++i) {
        EXPECT_EQ(back.weights[i].factor, formula.weights[i].factor);
        EXPECT_DOUBLE_EQ(back.weights[i].weight, formula.weights[i].weight);
    }
}

TEST(OrganisationFormula, JsonWeightsComeBackInTheOrderOfTheFactors) {
    const auto back = formula_from_json(nlohmann::json::parse(
        R"({"level": 1, "weights": {"votes_received": 2.5, "quota_completion": 7}})"));
    ASSERT_EQ(back.weights.size(), 2u);
    EXPECT_EQ(back.weights[0].factor, F::quota_completion);
    EXPECT_DOUBLE_EQ(back.weights[0].weight, 7);
    EXPECT_EQ(back.weights[1].factor, F::votes_received);
    EXPECT_DOUBLE_EQ(back.weights[1].weight, 2.5);
}

TEST(OrganisationFormula, JsonWithAnUnknownFactorOrTheWrongShapeIsRefused) {
    const std::string unknown = invalid_message(
        [] {
            formula_from_json(nlohmann::json::parse(R"({"level": 2, "weights": {"likes": 5}})"));
        },
        "formula");
    EXPECT_NE(unknown.find("likes"), std::string::npos) << unknown;

    for (const char* body : {R"([])", R"({"weights": {"works_submitted": 1}})",
                             R"({"level": "2", "weights": {"works_submitted": 1}})",
                             R"({"level": 2.5, "weights": {"works_submitted": 1}})",
                             R"({"level": 99999999999, "weights": {"works_submitted": 1}})",
                             R"({"level": 2})", R"({"level": 2, "weights": [30]})",
                             R"({"level": 2, "weights": {"works_submitted": "30"}})"}) {
        invalid_message([&] { formula_from_json(nlohmann::json::parse(body)); }, "formula");
    }
}

// Scoring --------------------------------------------------------------------------------------

// Three units under the default formula (weights 30, 15, 15, 15, 15, 10: 100 in all).
//
//            quota                       on time   submitted  recommended  awarded  votes
// unit 1     m1 80/100, m2 120/100       9/10      40         10           2        5,000
// unit 2     m1 50/100, m2 100/100       10/10     20         12           4        10,000
// unit 3     m1 60/100 (m9: no target)   0/0       10         3            0        2,500
//
// Raw quota completion (capped per metric): unit 1 (0.8 + 1.0) / 2 = 0.9; unit 2 (0.5 + 1.0) / 2
// = 0.75; unit 3 0.6 (m9 has no target and does not count). On time: 0.9, 1.0, 0 (no reports).
// Best raw values: 0.9, 1.0, 40, 12, 4, 10,000.
//
// unit 1: 30 × 0.9/0.9 + 15 × 0.9/1 + 15 × 40/40 + 15 × 10/12 + 15 × 2/4 + 10 × 5000/10000
//       = 30 + 13.5 + 15 + 12.5 + 7.5 + 5 = 83.5
// unit 2: 30 × 0.75/0.9 + 15 × 1 + 15 × 20/40 + 15 × 1 + 15 × 1 + 10 × 1
//       = 25 + 15 + 7.5 + 15 + 15 + 10 = 87.5
// unit 3: 30 × 0.6/0.9 + 15 × 0 + 15 × 10/40 + 15 × 3/12 + 15 × 0 + 10 × 2500/10000
//       = 20 + 0 + 3.75 + 3.75 + 0 + 2.5 = 30
// Ranking: unit 2 (87.5), unit 1 (83.5), unit 3 (30).
std::vector<UnitFigures> three_units() {
    UnitFigures a;
    a.unit = UnitId{1};
    a.quota_targets = {{"m1", 100}, {"m2", 100}};
    a.quota_approved = {{"m1", 80}, {"m2", 120}};
    a.reports_total = 10;
    a.reports_on_time = 9;
    a.works_submitted = 40;
    a.works_recommended = 10;
    a.works_awarded = 2;
    a.votes_received = 5000;

    UnitFigures b;
    b.unit = UnitId{2};
    b.quota_targets = {{"m1", 100}, {"m2", 100}};
    b.quota_approved = {{"m1", 50}, {"m2", 100}};
    b.reports_total = 10;
    b.reports_on_time = 10;
    b.works_submitted = 20;
    b.works_recommended = 12;
    b.works_awarded = 4;
    b.votes_received = 10000;

    UnitFigures c;
    c.unit = UnitId{3};
    c.quota_targets = {{"m1", 100}};
    c.quota_approved = {{"m1", 60}, {"m9", 50}};
    c.works_submitted = 10;
    c.works_recommended = 3;
    c.votes_received = 2500;
    return {a, b, c};
}

TEST(OrganisationScore, TheDefaultFormulaOnHandCheckedFigures) {
    const auto scores = score_units(default_organisation_formula(2), three_units());
    EXPECT_EQ(unit_ids(scores), (std::vector<std::int64_t>{2, 1, 3}));
    EXPECT_EQ(ranks(scores), (std::vector<int>{1, 2, 3}));
    EXPECT_NEAR(find(scores, 1).score, 83.5, tolerance);
    EXPECT_NEAR(find(scores, 2).score, 87.5, tolerance);
    EXPECT_NEAR(find(scores, 3).score, 30, tolerance);
    for (const auto& s : scores) EXPECT_FALSE(s.tied);
}

TEST(OrganisationScore, RawAndNormalisedValuesAreShownPerFactor) {
    const auto scores = score_units(default_organisation_formula(2), three_units());
    const auto& a = find(scores, 1);
    EXPECT_NEAR(a.raw.at(F::quota_completion), 0.9, tolerance);
    EXPECT_NEAR(a.raw.at(F::reports_on_time), 0.9, tolerance);
    EXPECT_NEAR(a.raw.at(F::votes_received), 5000, tolerance);
    EXPECT_NEAR(a.normalised.at(F::quota_completion), 1, tolerance);
    EXPECT_NEAR(a.normalised.at(F::works_recommended), 10.0 / 12, tolerance);
    const auto& c = find(scores, 3);
    EXPECT_NEAR(c.raw.at(F::quota_completion), 0.6, tolerance);
    EXPECT_NEAR(c.normalised.at(F::quota_completion), 0.6 / 0.9, tolerance);
    EXPECT_NEAR(c.raw.at(F::reports_on_time), 0, tolerance);
    EXPECT_EQ(c.raw.size(), 6u);
}

TEST(OrganisationScore, TheScoreIsOutOfOneHundredWhateverTheWeightsAddUpTo) {
    // Works 10 and 5, votes 100 and 200, weights 1 and 3 (4 in all):
    // unit 1: (1 × 1 + 3 × 0.5) / 4 × 100 = 62.5; unit 2: (1 × 0.5 + 3 × 1) / 4 × 100 = 87.5.
    const auto scores = score_units(works_and_votes_formula(),
                                    {works_and_votes(1, 10, 100), works_and_votes(2, 5, 200)});
    EXPECT_NEAR(find(scores, 1).score, 62.5, tolerance);
    EXPECT_NEAR(find(scores, 2).score, 87.5, tolerance);
    // Only the formula's factors are shown.
    EXPECT_EQ(find(scores, 1).raw.size(), 2u);
}

TEST(OrganisationScore, QuotaCompletionIsCappedPerMetric) {
    UnitFigures f;
    f.quota_targets = {{"m1", 10}, {"m2", 10}, {"m3", 0}};
    f.quota_approved = {{"m1", 50}, {"m3", 7}};
    // m1 counts as 1 (not 5), m2 has nothing approved, m3 has no target: (1 + 0) / 2.
    EXPECT_NEAR(quota_completion(f), 0.5, tolerance);
}

TEST(OrganisationScore, AUnitWithoutTargetsScoresZeroOnQuotaCompletion) {
    std::vector<UnitFigures> figures = three_units();
    figures[2].quota_targets.clear();
    const auto scores = score_units({2, {{F::quota_completion, 1}}}, figures);
    EXPECT_NEAR(find(scores, 3).raw.at(F::quota_completion), 0, tolerance);
    EXPECT_NEAR(find(scores, 3).score, 0, tolerance);
    EXPECT_NEAR(find(scores, 1).score, 100, tolerance);
    // 0.75 / 0.9 × 100.
    EXPECT_NEAR(find(scores, 2).score, 250.0 / 3, tolerance);
}

TEST(OrganisationScore, WhenTheBestRawValueIsZeroEveryoneGetsZeroForThatFactor) {
    // Nobody received votes: the votes factor adds 0, not a division by zero.
    const auto scores = score_units(works_and_votes_formula(),
                                    {works_and_votes(1, 4, 0), works_and_votes(2, 2, 0)});
    for (const auto& s : scores) {
        EXPECT_EQ(s.normalised.at(F::votes_received), 0);
        EXPECT_TRUE(std::isfinite(s.score));
    }
    // Works 1 × 1 / 4 × 100 = 25 and 1 × 0.5 / 4 × 100 = 12.5.
    EXPECT_NEAR(find(scores, 1).score, 25, tolerance);
    EXPECT_NEAR(find(scores, 2).score, 12.5, tolerance);

    const auto nothing = score_units(works_and_votes_formula(),
                                     {works_and_votes(1, 0, 0), works_and_votes(2, 0, 0)});
    EXPECT_EQ(ranks(nothing), (std::vector<int>{1, 1}));
    for (const auto& s : nothing) EXPECT_EQ(s.score, 0);
}

TEST(OrganisationScore, EqualScoresShareARankInTheOrderOfUnitIds) {
    // Works 8, 4, 8, 2 and 4: scores 100, 50, 100, 25, 50.
    const auto scores = scored({{9, 8}, {5, 4}, {3, 8}, {1, 2}, {7, 4}});
    EXPECT_EQ(unit_ids(scores), (std::vector<std::int64_t>{3, 9, 5, 7, 1}));
    EXPECT_EQ(ranks(scores), (std::vector<int>{1, 1, 3, 3, 5}));
    EXPECT_TRUE(find(scores, 3).tied);
    EXPECT_TRUE(find(scores, 7).tied);
    EXPECT_FALSE(find(scores, 1).tied);
}

TEST(OrganisationScore, ScoresThatDifferOnlyByRoundingTie) {
    // Both units complete 0.1, 0.1 and 0.4 of three metrics, in another order of the metrics:
    // summed in floating point, 0.1 + 0.1 + 0.4 and 0.1 + 0.4 + 0.1 differ in the last bit.
    UnitFigures a;
    a.unit = UnitId{1};
    a.quota_targets = {{"m1", 10}, {"m2", 10}, {"m3", 10}};
    a.quota_approved = {{"m1", 1}, {"m2", 1}, {"m3", 4}};
    UnitFigures b = a;
    b.unit = UnitId{2};
    b.quota_approved = {{"m1", 1}, {"m2", 4}, {"m3", 1}};
    const auto scores = score_units({1, {{F::quota_completion, 1}}}, {b, a});
    ASSERT_NE(find(scores, 1).raw.at(F::quota_completion),
              find(scores, 2).raw.at(F::quota_completion));
    EXPECT_EQ(ranks(scores), (std::vector<int>{1, 1}));
    EXPECT_EQ(unit_ids(scores), (std::vector<std::int64_t>{1, 2}));
}

TEST(OrganisationScore, NoUnitsGiveNoScores) {
    EXPECT_TRUE(score_units(default_organisation_formula(1), {}).empty());
}

TEST(OrganisationScore, BadFiguresAndFormulasAreRefused) {
    auto figures = three_units();
    figures[1].unit = UnitId{1};
    invalid_message([&] { score_units(default_organisation_formula(2), figures); }, "figures");

    figures = three_units();
    figures[0].reports_on_time = 11;
    invalid_message([&] { score_units(default_organisation_formula(2), figures); }, "figures");

    figures = three_units();
    figures[2].votes_received = -1;
    invalid_message([&] { score_units(default_organisation_formula(2), figures); }, "figures");

    figures = three_units();
    figures[2].quota_approved["m1"] = -5;
    invalid_message([&] { score_units(default_organisation_formula(2), figures); }, "figures");

    invalid_message([] { score_units({2, {}}, three_units()); }, "formula");
}

// Proposed winners and moves -------------------------------------------------------------------

TEST(OrganisationAwards, TheTopCountAreProposed) {
    const auto scores = score_units(default_organisation_formula(2), three_units());
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 1)), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 2)), (std::vector<std::int64_t>{2, 1}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 3)),
              (std::vector<std::int64_t>{2, 1, 3}));
}

TEST(OrganisationAwards, UnitsTiedAtTheBoundaryAreAllProposed) {
    // Ranks 1, 1, 3, 3, 5 (units 3, 9, 5, 7, 1).
    const auto scores = scored({{9, 8}, {5, 4}, {3, 8}, {1, 2}, {7, 4}});
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 1)), (std::vector<std::int64_t>{3, 9}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 2)), (std::vector<std::int64_t>{3, 9}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 3)),
              (std::vector<std::int64_t>{3, 9, 5, 7}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 4)),
              (std::vector<std::int64_t>{3, 9, 5, 7}));
    EXPECT_EQ(proposed_organisation_awards(scores, 5).size(), 5u);
}

TEST(OrganisationAwards, AUnitThatScoredNothingIsNeverProposed) {
    // Ranks 1, 2, 3, 3 (units 4, 2, 1, 3); units 1 and 3 scored 0.
    const auto scores = scored({{1, 0}, {2, 4}, {3, 0}, {4, 8}});
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 3)), (std::vector<std::int64_t>{4, 2}));
    EXPECT_EQ(unit_ids(proposed_organisation_awards(scores, 4)), (std::vector<std::int64_t>{4, 2}));
    EXPECT_TRUE(proposed_organisation_awards(scored({{1, 0}, {2, 0}}), 1).empty());
}

TEST(OrganisationAwards, TheCountMustBeWithinTheNumberOfUnits) {
    const auto scores = score_units(default_organisation_formula(2), three_units());
    const std::string message =
        invalid_message([&] { proposed_organisation_awards(scores, 4); }, "count");
    EXPECT_EQ(message, "获奖单位数应在 1 到 3 之间");
    invalid_message([&] { proposed_organisation_awards(scores, 0); }, "count");
    invalid_message([&] { proposed_organisation_awards(scores, -1); }, "count");
    invalid_message([] { proposed_organisation_awards({}, 1); }, "count");
}

TEST(OrganisationAwards, MovesAddAndRemoveUnits) {
    const std::vector<UnitId> proposed{UnitId{2}, UnitId{1}, UnitId{5}};
    const auto awarded =
        apply_organisation_moves(proposed, {{UnitId{7}, true, "该单位组织职工参与人数最多"},
                                            {UnitId{1}, false, "  报送数据经核查有误  "},
                                            {UnitId{4}, true, "补报材料已核实"}});
    EXPECT_EQ(unit_ids(awarded), (std::vector<std::int64_t>{2, 5, 7, 4}));
    EXPECT_EQ(unit_ids(apply_organisation_moves(proposed, {})),
              (std::vector<std::int64_t>{2, 1, 5}));
}

TEST(OrganisationAwards, AProposedUnitRemovedAndAddedBackKeepsItsPlace) {
    const auto awarded = apply_organisation_moves(
        {UnitId{2}, UnitId{1}},
        {{UnitId{2}, false, "待核实"}, {UnitId{3}, true, "增补"}, {UnitId{2}, true, "已核实"}});
    EXPECT_EQ(unit_ids(awarded), (std::vector<std::int64_t>{2, 1, 3}));
}

TEST(OrganisationAwards, AMoveNeedsAReason) {
    const std::vector<UnitId> proposed{UnitId{2}, UnitId{1}};
    for (const std::string reason : {"", "   ", "\u3000"}) {
        invalid_message(
            [&] {
                apply_organisation_moves(proposed, {{UnitId{1}, false, reason}});
            },
            "reason");
    }
    std::string long_reason;
    for (int i = 0; i < 501; ++i) long_reason += "因";
    invalid_message(
        [&] {
            apply_organisation_moves(proposed, {{UnitId{3}, true, long_reason}});
        },
        "reason");
    long_reason.resize(long_reason.size() - std::string("因").size());
    EXPECT_EQ(apply_organisation_moves(proposed, {{UnitId{3}, true, long_reason}}).size(), 3u);
    invalid_message(
        [&] {
            apply_organisation_moves(proposed, {{UnitId{3}, true, std::string("\xff", 1)}});
        },
        "reason");
}

TEST(OrganisationAwards, MovesThatChangeNothingAreRefused) {
    const std::vector<UnitId> proposed{UnitId{2}, UnitId{1}};
    invalid_message(
        [&] {
            apply_organisation_moves(proposed, {{UnitId{2}, true, "重复"}});
        },
        "moves");
    invalid_message(
        [&] {
            apply_organisation_moves(proposed, {{UnitId{9}, false, "不在"}});
        },
        "moves");
    invalid_message([] { apply_organisation_moves({UnitId{2}, UnitId{2}}, {}); }, "proposed");
}

}  // namespace
}  // namespace wangju
