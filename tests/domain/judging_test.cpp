// The rules of judging rounds: their states, what a rubric accepts and how it totals, which works
// pass from one round to the next.
#include <gtest/gtest.h>

#include <functional>

#include "domain/error.h"
#include "domain/judging.h"

namespace wangju {
namespace {

Rubric two_criteria() {
    return Rubric{{{"c1", "思想内涵", "", 0, 10, 40}, {"c2", "表现形式", "", 0, 100, 60}}};
}

std::string field_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        return e.fields().empty() ? "" : e.fields().begin()->first;
    }
    ADD_FAILURE() << "no error";
    return "";
}

TEST(JudgingRules, ARoundGoesFromDraftToOpenToClosedAndIsPublishedOnlyOnceClosed) {
    EXPECT_EQ(next_round_state(RoundState::draft, RoundEvent::open), RoundState::open);
    EXPECT_EQ(next_round_state(RoundState::open, RoundEvent::close), RoundState::closed);
    EXPECT_EQ(next_round_state(RoundState::closed, RoundEvent::reopen), RoundState::open);
    EXPECT_EQ(next_round_state(RoundState::closed, RoundEvent::publish), RoundState::published);
    EXPECT_THROW(next_round_state(RoundState::draft, RoundEvent::close), Error);
    EXPECT_THROW(next_round_state(RoundState::open, RoundEvent::publish), Error);
    EXPECT_THROW(next_round_state(RoundState::published, RoundEvent::reopen), Error);
    EXPECT_THROW(next_round_state(RoundState::open, RoundEvent::open), Error);
    try {
        next_round_state(RoundState::draft, RoundEvent::close);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.message(), "评审轮次未开始,不能结束");
    }
}

TEST(JudgingRules, TheRubricTotalsWeightsTimesTheShareOfEachScale) {
    const Rubric r = two_criteria();
    EXPECT_DOUBLE_EQ(r.full_score(), 100);
    // 40 × 8/10 + 60 × 50/100 = 32 + 30
    EXPECT_DOUBLE_EQ(rubric_total(r, {{"c1", 8}, {"c2", 50}}), 62);
    EXPECT_DOUBLE_EQ(rubric_total(r, {{"c1", 10}, {"c2", 100}}), 100);
    EXPECT_EQ(field_of([&] { rubric_total(r, {{"c1", 8}}); }), "scores.c2");
    EXPECT_EQ(field_of([&] { rubric_total(r, {{"c1", 11}, {"c2", 5}}); }), "scores.c1");
    EXPECT_EQ(field_of([&] { rubric_total(r, {{"c1", -1}, {"c2", 5}}); }), "scores.c1");
    EXPECT_EQ(field_of([&] { rubric_total(r, {{"c1", 1}, {"c2", 5}, {"c9", 1}}); }), "scores.c9");
}

TEST(JudgingRules, ABadRubricNamesTheCriterionAndWhatIsWrong) {
    Rubric r = two_criteria();
    EXPECT_NO_THROW(check_rubric(r));
    r.criteria[1].weight = 0;
    EXPECT_EQ(field_of([&] { check_rubric(r); }), "rubric.2.weight");
    r = two_criteria();
    r.criteria[0].scale_max = r.criteria[0].scale_min;
    EXPECT_EQ(field_of([&] { check_rubric(r); }), "rubric.1.scale");
    r = two_criteria();
    r.criteria[1].key = "c1";
    EXPECT_EQ(field_of([&] { check_rubric(r); }), "rubric.2.key");
    r = two_criteria();
    r.criteria[0].name = " ";
    EXPECT_EQ(field_of([&] { check_rubric(r); }), "rubric.1.name");
    EXPECT_EQ(field_of([&] { check_rubric(Rubric{}); }), "rubric");
    // Keys are given by position when a client sends none.
    const auto read = rubric_from_json(nlohmann::json::array({{{"name", "创新"}, {"weight", 10}}}));
    EXPECT_EQ(read.criteria[0].key, "c1");
    EXPECT_EQ(read.criteria[0].scale_max, 10);
}

TEST(JudgingRules, OnlyTheRuleThatFitsTheRoundBeforeIsAccepted) {
    EXPECT_NO_THROW(check_advance({AdvanceRule::all, 0}, std::nullopt));
    EXPECT_EQ(field_of([] { check_advance({AdvanceRule::top_n, 3}, std::nullopt); }), "advance");
    EXPECT_NO_THROW(check_advance({AdvanceRule::passed, 0}, RoundKind::qualifying));
    EXPECT_EQ(field_of([] {
                  check_advance({AdvanceRule::passed, 0}, RoundKind::scored);
              }),
              "advance");
    EXPECT_EQ(field_of([] {
                  check_advance({AdvanceRule::top_n, 3}, RoundKind::qualifying);
              }),
              "advance");
    EXPECT_NO_THROW(check_advance({AdvanceRule::top_n, 3}, RoundKind::scored));
    EXPECT_EQ(field_of([] {
                  check_advance({AdvanceRule::top_n, 2.5}, RoundKind::scored);
              }),
              "advance");
    EXPECT_EQ(field_of([] {
                  check_advance({AdvanceRule::top_percent, 0}, RoundKind::scored);
              }),
              "advance");
    EXPECT_NO_THROW(check_advance({AdvanceRule::top_percent, 100}, RoundKind::scored));
    EXPECT_EQ(field_of([] {
                  check_advance({AdvanceRule::min_score, -1}, RoundKind::scored);
              }),
              "advance");
}

TEST(JudgingRules, AWorkPassesQualifyingOnlyWhenEveryVerdictOnItIsPass) {
    const WorkId a{1}, b{2}, c{3};
    const auto passes = qualifying_passes({{a, Verdict::pass},
                                           {a, Verdict::pass},
                                           {b, Verdict::pass},
                                           {b, Verdict::fail},
                                           {c, Verdict::fail}});
    EXPECT_EQ(passes, std::vector<WorkId>{a});
}

TEST(JudgingRules, TiesAtTheEdgeOfTopNAllPass) {
    // Ranks 1, 2, 2, 4, 5: the top 2 are three works (both tied at 2 pass).
    std::vector<WorkResult> results(5);
    const int ranks[] = {1, 2, 2, 4, 5};
    const double scores[] = {90, 80, 80, 70, 60};
    for (int i = 0; i < 5; ++i) {
        results[i].work = WorkId{i + 1};
        results[i].rank = ranks[i];
        results[i].score = scores[i];
    }
    EXPECT_EQ(advancing_from_scores(results, {AdvanceRule::top_n, 2}).size(), 3u);
    // 40% of 5 works is 2 places: the same three.
    EXPECT_EQ(advancing_from_scores(results, {AdvanceRule::top_percent, 40}).size(), 3u);
    // 50% of 5 is 2.5: three places, still the three (rank 4 is out).
    EXPECT_EQ(advancing_from_scores(results, {AdvanceRule::top_percent, 50}).size(), 3u);
    EXPECT_EQ(advancing_from_scores(results, {AdvanceRule::min_score, 70}).size(), 4u);
}

TEST(JudgingRules, TheVoteWeightStaysZeroUntilTheTrackHasAPublicVote) {
    EXPECT_NO_THROW(check_vote_weight(0, false));
    EXPECT_EQ(field_of([] { check_vote_weight(40, false); }), "vote_weight");
    EXPECT_NO_THROW(check_vote_weight(40, true));
    EXPECT_EQ(field_of([] { check_vote_weight(101, true); }), "vote_weight");
}

}  // namespace
}  // namespace wangju
