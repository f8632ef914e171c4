#include "domain/judging_assignment.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

using Pair = std::pair<std::size_t, std::size_t>;

// ---------------------------------------------------------------------------------------------
// author_names and conflict_between

PanelJudge judge_at(std::int64_t unit, std::string path, std::string name = "陈静",
                    std::int64_t user = 900) {
    return {UserId{user}, std::move(name), UnitId{unit}, std::move(path)};
}

// A work of grassroots unit 300 in district 40 of city 5 ("/1/5/40/300/"), recommended by the
// district and the city.
WorkForConflicts work_from_district_40(std::string authors = "张伟、李娜") {
    return {WorkId{7}, UserId{100}, std::move(authors), "/1/5/40/300/", {UnitId{40}, UnitId{5}}};
}

TEST(AuthorNames, SplitOnEveryChineseAndAsciiSeparator) {
    EXPECT_EQ(
        author_names("张伟、李娜, 王芳；赵磊;钱七\u3000孙八 ，周九\t吴十"),
        (std::vector<std::string>{"张伟", "李娜", "王芳", "赵磊", "钱七", "孙八", "周九", "吴十"}));
}

TEST(AuthorNames, DropBlanksAndSurroundingSpace) {
    EXPECT_EQ(author_names("  、张伟、、\u3000李娜 ；"),
              (std::vector<std::string>{"张伟", "李娜"}));
    EXPECT_TRUE(author_names("").empty());
    EXPECT_TRUE(author_names(" 、，\u3000 ").empty());
    EXPECT_EQ(author_names("Zhang Wei"), (std::vector<std::string>{"Zhang", "Wei"}));
}

TEST(ConflictBetween, WorkFromTheJudgesUnitOrBelowIsAConflict) {
    const auto work = work_from_district_40();
    const auto own_unit = conflict_between(judge_at(300, "/1/5/40/300/"), work, {});
    const auto city = conflict_between(judge_at(5, "/1/5/"), work, {});
    ASSERT_TRUE(own_unit.has_value());
    EXPECT_EQ(*own_unit, "作品由评委所在单位或其下级单位报送");
    EXPECT_EQ(city, own_unit);
}

TEST(ConflictBetween, UnitOnTheRecommendationPathIsAConflict) {
    // A sector union of city 5 that also passed on the work, outside its subtree.
    auto work = work_from_district_40();
    work.path_units.push_back(UnitId{70});
    EXPECT_EQ(conflict_between(judge_at(70, "/1/5/70/"), work, {}), "作品经评委所在单位推荐");
}

TEST(ConflictBetween, JudgeOfASiblingCityOrDistrictHasNoConflict) {
    const auto work = work_from_district_40();
    EXPECT_EQ(conflict_between(judge_at(6, "/1/6/"), work, {}), std::nullopt);
    EXPECT_EQ(conflict_between(judge_at(41, "/1/5/41/"), work, {}), std::nullopt);
    // "/1/5/40/300/" does not lie under "/1/5/4/" nor "/1/50/".
    EXPECT_EQ(conflict_between(judge_at(4, "/1/5/4/"), work, {}), std::nullopt);
    EXPECT_EQ(conflict_between(judge_at(50, "/1/50/"), work, {}), std::nullopt);
}

TEST(ConflictBetween, OwnerOfTheWorkIsAConflict) {
    auto judge = judge_at(6, "/1/6/", "王芳", 100);
    EXPECT_EQ(conflict_between(judge, work_from_district_40(), {}), "评委是作品的提交人");
}

TEST(ConflictBetween, JudgeNamedAmongTheAuthorsIsAConflict) {
    const auto judge = judge_at(6, "/1/6/", " 陈静\u3000");
    EXPECT_EQ(conflict_between(judge, work_from_district_40("张伟、陈静、李娜"), {}),
              "评委是作品作者");
    EXPECT_EQ(conflict_between(judge, work_from_district_40("张伟；陈静"), {}), "评委是作品作者");
    EXPECT_EQ(conflict_between(judge, work_from_district_40("陈静"), {}), "评委是作品作者");
}

TEST(ConflictBetween, AuthorNamesMatchWholeNotAsSubstrings) {
    const auto judge = judge_at(6, "/1/6/", "陈静");
    EXPECT_EQ(conflict_between(judge, work_from_district_40("张伟、陈静怡"), {}), std::nullopt);
    EXPECT_EQ(conflict_between(judge, work_from_district_40("小陈静、李娜"), {}), std::nullopt);
    EXPECT_EQ(conflict_between(judge_at(6, "/1/6/", "陈静怡"), work_from_district_40("陈静"), {}),
              std::nullopt);
}

TEST(ConflictBetween, EmptyDisplayNameNeverMatches) {
    for (const char* name : {"", "  ", "\u3000"}) {
        EXPECT_EQ(conflict_between(judge_at(6, "/1/6/", name),
                                   work_from_district_40("、 \u3000、张伟"), {}),
                  std::nullopt)
            << name;
    }
}

TEST(ConflictBetween, DeclaredConflictWithTheWork) {
    const auto judge = judge_at(6, "/1/6/");
    const std::vector<DeclaredConflict> declared = {
        {UserId{901}, WorkId{7}, std::nullopt, "另一位评委的"},
        {UserId{900}, WorkId{7}, std::nullopt, "作者是我的学生"},
    };
    EXPECT_EQ(conflict_between(judge, work_from_district_40(), declared),
              "评委声明回避:作者是我的学生");
    auto other_work = work_from_district_40();
    other_work.work = WorkId{8};
    EXPECT_EQ(conflict_between(judge, other_work, declared), std::nullopt);
}

TEST(ConflictBetween, DeclaredConflictWithAUnitCoversItsSubtree) {
    const auto judge = judge_at(6, "/1/6/");
    const std::vector<DeclaredConflict> declared = {
        {UserId{900}, std::nullopt, std::string("/1/5/40/"), "曾在该区总工会任职"}};
    EXPECT_EQ(conflict_between(judge, work_from_district_40(), declared),
              "评委声明回避:曾在该区总工会任职");
    const std::vector<DeclaredConflict> sibling = {
        {UserId{900}, std::nullopt, std::string("/1/5/41/"), "曾在该区总工会任职"}};
    EXPECT_EQ(conflict_between(judge, work_from_district_40(), sibling), std::nullopt);
    const std::vector<DeclaredConflict> no_reason = {
        {UserId{900}, std::nullopt, std::string("/1/5/"), " "}};
    EXPECT_EQ(conflict_between(judge, work_from_district_40(), no_reason), "评委声明回避");
}

// ---------------------------------------------------------------------------------------------
// Checkers for plan_assignment, written independently of it.

// Each work has exactly K distinct judges (all its kept ones when it keeps more), none
// ineligible; the added pairs are new; loads count kept and added pairs.
void expect_valid_plan(const AssignmentProblem& problem, const AssignmentPlan& plan) {
    ASSERT_TRUE(plan.unassignable.empty());
    const std::size_t works = problem.eligible.size();
    std::vector<std::set<std::size_t>> judges_of(works);
    std::vector<int> loads(problem.judge_count, 0);
    std::vector<int> kept_of(works, 0);
    for (const auto& [w, j] : problem.kept) {
        judges_of[w].insert(j);
        ++kept_of[w];
        ++loads[j];
    }
    for (const auto& [w, j] : plan.added) {
        ASSERT_LT(w, works);
        ASSERT_LT(j, problem.judge_count);
        EXPECT_TRUE(problem.eligible[w][j]) << "work " << w << " judge " << j;
        EXPECT_TRUE(judges_of[w].insert(j).second) << "work " << w << " judge " << j << " twice";
        ++loads[j];
    }
    for (std::size_t w = 0; w < works; ++w) {
        const std::size_t expected =
            static_cast<std::size_t>(std::max(problem.judges_per_work, kept_of[w]));
        EXPECT_EQ(judges_of[w].size(), expected) << "work " << w;
    }
    EXPECT_EQ(plan.loads, loads);
}

int load_spread(const std::vector<int>& loads) {
    const auto [lowest, highest] = std::ranges::minmax_element(loads);
    return *highest - *lowest;
}

long long cost(const std::vector<int>& loads, const std::function<long long(int)>& f) {
    long long sum = 0;
    for (const int load : loads) sum += f(load);
    return sum;
}

// The least cost over every assignment that completes `kept`, by enumeration.
long long brute_force_least_cost(const AssignmentProblem& problem,
                                 const std::function<long long(int)>& f) {
    const std::size_t works = problem.eligible.size();
    const std::set<Pair> kept(problem.kept.begin(), problem.kept.end());
    std::vector<int> loads(problem.judge_count, 0);
    std::vector<int> missing(works, problem.judges_per_work);
    for (const auto& [w, j] : problem.kept) {
        ++loads[j];
        --missing[w];
    }
    long long best = LLONG_MAX;
    // Gives work w one more judge, of index `from` or more, or goes on to w + 1 once w has all.
    std::function<void(std::size_t, std::size_t)> extend = [&](std::size_t w, std::size_t from) {
        if (w == works) {
            best = std::min(best, cost(loads, f));
            return;
        }
        if (missing[w] <= 0) {
            extend(w + 1, 0);
            return;
        }
        for (std::size_t j = from; j < problem.judge_count; ++j) {
            if (!problem.eligible[w][j] || kept.contains({w, j})) continue;
            ++loads[j];
            --missing[w];
            extend(w, j + 1);
            ++missing[w];
            --loads[j];
        }
    };
    extend(0, 0);
    return best;
}

// No added pair (w, b) can move to an eligible judge a not on w with load(b) >= load(a) + 2.
void expect_no_improving_move(const AssignmentProblem& problem, const AssignmentPlan& plan) {
    std::set<Pair> on(problem.kept.begin(), problem.kept.end());
    on.insert(plan.added.begin(), plan.added.end());
    for (const auto& [w, b] : plan.added) {
        for (std::size_t a = 0; a < problem.judge_count; ++a) {
            if (!problem.eligible[w][a] || on.contains({w, a})) continue;
            EXPECT_LT(plan.loads[b], plan.loads[a] + 2)
                << "work " << w << " could move from judge " << b << " to judge " << a;
        }
    }
}

const std::function<long long(int)> square = [](int x) { return 1LL * x * x; };
const std::function<long long(int)> fourth_power = [](int x) { return 1LL * x * x * x * x; };

AssignmentProblem all_eligible(std::size_t works, std::size_t judges, int per_work) {
    AssignmentProblem problem;
    problem.judge_count = judges;
    problem.eligible.assign(works, std::vector<bool>(judges, true));
    problem.judges_per_work = per_work;
    return problem;
}

// mt19937's output is fixed by the standard, unlike the library's distributions.
// One pair in `conflict_in` is in conflict (none when 0).
AssignmentProblem random_problem(std::mt19937& rng, std::size_t works, std::size_t judges,
                                 int per_work, unsigned conflict_in) {
    AssignmentProblem problem = all_eligible(works, judges, per_work);
    if (conflict_in == 0) return problem;
    for (auto& row : problem.eligible) {
        for (std::size_t j = 0; j < judges; ++j) row[j] = rng() % conflict_in != 0;
    }
    return problem;
}

// ---------------------------------------------------------------------------------------------
// A random federation for the conflict check.

struct Federation {
    std::vector<PanelJudge> judges;
    std::vector<WorkForConflicts> works;
    std::vector<DeclaredConflict> declared;
};

const std::vector<std::string> names = {"张伟", "李娜", "王芳", "陈静", "陈静怡", "刘洋",
                                        "杨帆", "赵磊", "黄敏", "周杰", "吴婷",   "徐明"};
const std::vector<std::string> separators = {"、", ",", "，", ";", "；", " ", "\u3000"};

// Root 1; cities 2-4; 3 districts per city; 4 grassroots units per district.
Federation random_federation(std::mt19937& rng, std::size_t judge_count, std::size_t work_count) {
    struct Node {
        std::int64_t id;
        std::string path;
        std::int64_t district;
        std::int64_t city;
    };
    std::vector<Node> cities;
    std::vector<Node> districts;
    std::vector<Node> grassroots;
    std::int64_t next = 2;
    for (int c = 0; c < 3; ++c) {
        const Node city{next, "/1/" + std::to_string(next) + "/", 0, next};
        ++next;
        cities.push_back(city);
        for (int d = 0; d < 3; ++d) {
            const Node district{next, city.path + std::to_string(next) + "/", next, city.id};
            ++next;
            districts.push_back(district);
            for (int g = 0; g < 4; ++g) {
                grassroots.push_back(
                    {next, district.path + std::to_string(next) + "/", district.id, city.id});
                ++next;
            }
        }
    }
    Federation f;
    for (std::size_t j = 0; j < judge_count; ++j) {
        const auto& units = rng() % 2 == 0 ? cities : rng() % 2 == 0 ? districts : grassroots;
        const Node& unit = units[rng() % units.size()];
        const std::string name = rng() % 4 == 0 ? "" : names[rng() % names.size()];
        f.judges.push_back(
            {UserId{static_cast<std::int64_t>(1000 + j)}, name, UnitId{unit.id}, unit.path});
    }
    for (std::size_t w = 0; w < work_count; ++w) {
        const Node& unit = grassroots[rng() % grassroots.size()];
        std::string authors;
        for (unsigned n = 0, count = 1 + rng() % 3; n < count; ++n) {
            if (n > 0) authors += separators[rng() % separators.size()];
            authors += names[rng() % names.size()];
        }
        const auto owner = rng() % 10 == 0 ? f.judges[rng() % judge_count].user
                                           : UserId{static_cast<std::int64_t>(5000 + w)};
        std::vector<UnitId> path = {UnitId{unit.district}, UnitId{unit.city}};
        if (rng() % 10 == 0) path.push_back(UnitId{districts[rng() % districts.size()].id});
        f.works.push_back(
            {WorkId{static_cast<std::int64_t>(w + 1)}, owner, authors, unit.path, std::move(path)});
    }
    for (int d = 0; d < 6; ++d) {
        const UserId judge = f.judges[rng() % judge_count].user;
        if (d % 2 == 0) {
            f.declared.push_back(
                {judge, WorkId{static_cast<std::int64_t>(1 + rng() % work_count)}, {}, "亲属"});
        } else {
            f.declared.push_back({judge, {}, districts[rng() % districts.size()].path, "曾任职"});
        }
    }
    return f;
}

// The ids on a path, read by hand.
std::vector<std::int64_t> path_ids(const std::string& path) {
    std::vector<std::int64_t> ids;
    std::istringstream in(path);
    std::string part;
    while (std::getline(in, part, '/')) {
        if (!part.empty()) ids.push_back(std::stoll(part));
    }
    return ids;
}

// Conflicts by brute force: the judge's unit among the ids of the work's path or its path units;
// owner; the judge's name equal to a name of the authors, cut at any separator; declared ones.
bool brute_force_conflict(const PanelJudge& judge, const WorkForConflicts& work,
                          const std::vector<DeclaredConflict>& declared) {
    const auto ids = path_ids(work.unit_path);
    if (std::ranges::find(ids, judge.unit.value) != ids.end()) return true;
    for (const UnitId unit : work.path_units) {
        if (unit == judge.unit) return true;
    }
    if (work.owner == judge.user) return true;
    std::u32string spaced = decode_utf8(work.authors).value();
    for (char32_t& c : spaced) {
        if (std::u32string_view(U"、，；,;\u3000").find(c) != std::u32string_view::npos) c = U' ';
    }
    std::istringstream in(encode_utf8(spaced));
    std::string author;
    while (in >> author) {
        if (!judge.display_name.empty() && author == judge.display_name) return true;
    }
    for (const auto& d : declared) {
        if (d.judge != judge.user) continue;
        if (d.work && *d.work == work.work) return true;
        if (d.unit_path && std::ranges::find(ids, path_ids(*d.unit_path).back()) != ids.end()) {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// plan_assignment

TEST(PlanAssignment, NeverPairsAJudgeWithAWorkInConflict) {
    std::mt19937 rng(20240611);
    int planned = 0;
    for (int round = 0; round < 20; ++round) {
        const Federation f = random_federation(rng, 12, 60);
        AssignmentProblem problem;
        problem.judge_count = f.judges.size();
        problem.judges_per_work = 3;
        for (const auto& work : f.works) {
            std::vector<bool> row;
            for (const auto& judge : f.judges) {
                const bool conflict = conflict_between(judge, work, f.declared).has_value();
                ASSERT_EQ(conflict, brute_force_conflict(judge, work, f.declared))
                    << judge.display_name << " " << judge.unit_path << " / " << work.authors << " "
                    << work.unit_path;
                row.push_back(!conflict);
            }
            problem.eligible.push_back(row);
        }
        const AssignmentPlan plan = plan_assignment(problem);
        if (!plan.unassignable.empty()) {
            // Every reported work really has too few judges without a conflict.
            for (const auto& u : plan.unassignable) {
                int free = 0;
                for (const auto& judge : f.judges) {
                    free += brute_force_conflict(judge, f.works[u.work], f.declared) ? 0 : 1;
                }
                EXPECT_EQ(u.eligible_judges, free);
                EXPECT_LT(free, 3);
            }
            EXPECT_TRUE(plan.added.empty());
            continue;
        }
        expect_valid_plan(problem, plan);
        for (const auto& [w, j] : plan.added) {
            EXPECT_FALSE(brute_force_conflict(f.judges[j], f.works[w], f.declared))
                << "judge " << j << " on work " << w;
        }
        expect_no_improving_move(problem, plan);
        ++planned;
    }
    EXPECT_GE(planned, 10);  // most rounds have enough judges without a conflict
}

TEST(PlanAssignment, EveryWorkGetsKDistinctJudgesAndLoadsDifferByAtMostOne) {
    std::mt19937 rng(7);
    // works, judges, K, one pair in how many in conflict (0: none)
    using Case = std::tuple<std::size_t, std::size_t, int, unsigned>;
    for (const auto& [works, judges, per_work, conflict_in] :
         {Case{1, 1, 1, 0}, Case{10, 3, 3, 0}, Case{97, 13, 5, 0}, Case{500, 40, 5, 0},
          Case{97, 13, 5, 30}, Case{200, 20, 3, 30}, Case{500, 40, 5, 30}, Case{400, 30, 2, 8}}) {
        const auto problem = random_problem(rng, works, judges, per_work, conflict_in);
        const auto plan = plan_assignment(problem);
        expect_valid_plan(problem, plan);
        EXPECT_LE(load_spread(plan.loads), 1)
            << works << " works, " << judges << " judges, K " << per_work;
    }
}

TEST(PlanAssignment, ConflictsThatForceImbalanceStillGiveTheBestLoads) {
    // Judge 0 alone may judge works 0-3; works 4 and 5 may go to anyone. The best is 4 / 1 / 1.
    AssignmentProblem problem = all_eligible(6, 3, 1);
    for (std::size_t w = 0; w < 4; ++w) problem.eligible[w] = {true, false, false};
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    EXPECT_EQ(plan.loads, (std::vector<int>{4, 1, 1}));
    expect_no_improving_move(problem, plan);
    EXPECT_EQ(cost(plan.loads, square), brute_force_least_cost(problem, square));
}

TEST(PlanAssignment, SmallRandomProblemsReachTheLeastCostOfAnyConvexCost) {
    std::mt19937 rng(99);
    int imbalanced = 0;
    for (int round = 0; round < 150; ++round) {
        const std::size_t works = 3 + rng() % 4;
        const std::size_t judges = 3 + rng() % 3;
        const int per_work = 1 + static_cast<int>(rng() % 2);
        auto problem = random_problem(rng, works, judges, per_work, 2);
        // Keep a few eligible pairs of the first works.
        for (std::size_t w = 0; w < 2; ++w) {
            for (std::size_t j = 0; j < judges; ++j) {
                if (problem.eligible[w][j] && rng() % 4 == 0) problem.kept.emplace_back(w, j);
            }
        }
        const auto plan = plan_assignment(problem);
        if (!plan.unassignable.empty()) continue;
        expect_valid_plan(problem, plan);
        expect_no_improving_move(problem, plan);
        EXPECT_EQ(cost(plan.loads, square), brute_force_least_cost(problem, square))
            << "round " << round;
        EXPECT_EQ(cost(plan.loads, fourth_power), brute_force_least_cost(problem, fourth_power))
            << "round " << round;
        if (load_spread(plan.loads) > 1) ++imbalanced;
    }
    // The rounds include problems where conflicts force the loads apart.
    EXPECT_GT(imbalanced, 10);
}

// Gives each work, in order, its least loaded eligible judges, up to the average load per judge
// (rounded up), as a simple planner would; returns the works it could not fill.
int naive_greedy_stranded(const AssignmentProblem& problem) {
    const std::size_t works = problem.eligible.size();
    const int cap = static_cast<int>(
        (works * static_cast<std::size_t>(problem.judges_per_work) + problem.judge_count - 1) /
        problem.judge_count);
    std::vector<int> loads(problem.judge_count, 0);
    int stranded = 0;
    for (std::size_t w = 0; w < works; ++w) {
        std::vector<bool> chosen(problem.judge_count, false);
        for (int n = 0; n < problem.judges_per_work; ++n) {
            std::optional<std::size_t> best;
            for (std::size_t j = 0; j < problem.judge_count; ++j) {
                if (!problem.eligible[w][j] || chosen[j] || loads[j] >= cap) continue;
                if (!best || loads[j] < loads[*best]) best = j;
            }
            if (!best) {
                ++stranded;
                break;
            }
            chosen[*best] = true;
            ++loads[*best];
        }
    }
    return stranded;
}

TEST(PlanAssignment, ACaseThatStrandsAGreedyPassIsSolvedBalanced) {
    // K = 1, 4 judges, 8 works. Works 0-3 may go to anyone, so a greedy pass spreads them over
    // judges 0-3; works 4-7 may go to judges 0 and 1 only, which reach the average load of 2
    // with works 4 and 5: works 6 and 7 are stranded. Every judge can have 2 works: works 0-3 to
    // judges 2 and 3.
    AssignmentProblem problem = all_eligible(8, 4, 1);
    for (std::size_t w = 4; w < 8; ++w) problem.eligible[w] = {true, true, false, false};
    ASSERT_GT(naive_greedy_stranded(problem), 0);
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    EXPECT_EQ(plan.loads, (std::vector<int>{2, 2, 2, 2}));
}

TEST(PlanAssignment, AChainOfMovesBalancesWhatNoSingleMoveCan) {
    // K = 1, 4 judges. Giving each work in turn its least loaded judge (the first on a tie) ends
    // with loads 2, 1, 0, 1 (works to judges 1, 0, 3, 0), and no work of judge 0 may go to
    // judge 2: one must move to judge 1 or 3 while that judge passes one of its works on.
    AssignmentProblem problem;
    problem.judge_count = 4;
    problem.judges_per_work = 1;
    problem.eligible = {{false, true, true, false},
                        {true, false, false, true},
                        {false, true, false, true},
                        {true, true, false, false}};
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    EXPECT_EQ(plan.loads, (std::vector<int>{1, 1, 1, 1}));
}

TEST(PlanAssignment, WorksThatCannotGetKJudgesAreAllReportedAndNothingIsAdded) {
    AssignmentProblem problem = all_eligible(4, 3, 2);
    problem.eligible[1] = {false, true, false};
    problem.eligible[3] = {false, false, false};
    problem.kept = {{0, 0}, {1, 1}};
    const auto plan = plan_assignment(problem);
    ASSERT_EQ(plan.unassignable.size(), 2U);
    EXPECT_EQ(plan.unassignable[0].work, 1U);
    EXPECT_EQ(plan.unassignable[0].eligible_judges, 1);
    EXPECT_EQ(plan.unassignable[0].needed, 2);
    EXPECT_EQ(plan.unassignable[1].work, 3U);
    EXPECT_EQ(plan.unassignable[1].eligible_judges, 0);
    EXPECT_EQ(plan.unassignable[1].needed, 2);
    EXPECT_TRUE(plan.added.empty());
    EXPECT_EQ(plan.loads, (std::vector<int>{1, 1, 0}));
}

TEST(PlanAssignment, KeptPairsStayAndCountTowardLoads) {
    // 6 works, 3 judges, K = 2, but work 5 keeps 3 judges (more than K) and gets none added: 13
    // pairs. Judge 0 keeps 4 of them, so one judge with 5 and two with 4 is the best.
    AssignmentProblem problem = all_eligible(6, 3, 2);
    problem.kept = {{0, 0}, {1, 0}, {2, 0}, {5, 0}, {5, 1}, {5, 2}};
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    for (const auto& pair : plan.added) {
        EXPECT_EQ(std::ranges::find(problem.kept, pair), problem.kept.end());
        EXPECT_NE(pair.first, 5U);
    }
    auto sorted = plan.loads;
    std::ranges::sort(sorted);
    EXPECT_EQ(sorted, (std::vector<int>{4, 4, 5}));
    EXPECT_EQ(cost(plan.loads, square), brute_force_least_cost(problem, square));
}

TEST(PlanAssignment, WorkWithKKeptJudgesIsLeftAlone) {
    AssignmentProblem problem = all_eligible(2, 4, 2);
    problem.kept = {{0, 0}, {0, 1}};
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    EXPECT_EQ(plan.added, (std::vector<Pair>{{1, 2}, {1, 3}}));
}

TEST(PlanAssignment, NoWorksGiveNoPairs) {
    const auto plan = plan_assignment(all_eligible(0, 3, 2));
    EXPECT_TRUE(plan.unassignable.empty());
    EXPECT_TRUE(plan.added.empty());
    EXPECT_EQ(plan.loads, (std::vector<int>{0, 0, 0}));
}

TEST(PlanAssignment, LargeProblemIsBalanced) {
    std::mt19937 rng(2024);
    const auto problem = random_problem(rng, 3000, 100, 5, 30);
    const auto plan = plan_assignment(problem);
    expect_valid_plan(problem, plan);
    EXPECT_LE(load_spread(plan.loads), 1);
}

std::string field_of_error(const AssignmentProblem& problem) {
    try {
        plan_assignment(problem);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        return e.fields().empty() ? "" : e.fields().begin()->first;
    }
    return "no error";
}

TEST(PlanAssignment, BadInputIsRefused) {
    auto zero_k = all_eligible(2, 2, 0);
    EXPECT_EQ(field_of_error(zero_k), "judges_per_work");
    auto short_row = all_eligible(2, 2, 1);
    short_row.eligible[1].pop_back();
    EXPECT_EQ(field_of_error(short_row), "eligible");
    auto out_of_range = all_eligible(2, 2, 1);
    out_of_range.kept = {{2, 0}};
    EXPECT_EQ(field_of_error(out_of_range), "kept");
    out_of_range.kept = {{0, 2}};
    EXPECT_EQ(field_of_error(out_of_range), "kept");
    auto conflicting = all_eligible(2, 2, 1);
    conflicting.eligible[0][1] = false;
    conflicting.kept = {{0, 1}};
    EXPECT_EQ(field_of_error(conflicting), "kept");
    auto repeated = all_eligible(2, 2, 1);
    repeated.kept = {{0, 1}, {1, 0}, {0, 1}};
    EXPECT_EQ(field_of_error(repeated), "kept");
}

}  // namespace
}  // namespace wangju
