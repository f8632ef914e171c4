// A judging round of a national federation: 30 cities of 4 districts of 8 grassroots units each,
// 12,000 works from the grassroots units (recommended by their district and city), a panel of 300
// judges at city and district units, a few declared conflicts and K = 5. Prints the seconds to
// compute eligibility with conflict_between, to plan the assignment (goal: well under 1 s), the
// smallest and largest load, and the seconds to normalise and rank the 60,000 scores.
// Usage: judging_bench [WORKS] [JUDGES]   (default 12000 works, 300 judges)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/judging_assignment.h"
#include "domain/judging_scores.h"

namespace {

using namespace wangju;

constexpr int cities = 30;
constexpr int districts_per_city = 4;
constexpr int grassroots_per_district = 8;
constexpr int judges_per_work = 5;

const std::vector<std::string> family_names = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                               "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const std::vector<std::string> given_names = {"伟", "芳", "娜", "敏", "静", "磊", "洋",   "勇",
                                              "艳", "杰", "娟", "涛", "明", "超", "秀英", "静怡"};
const std::vector<std::string> separators = {"、", "，", ",", " "};

struct Unit {
    UnitId id;
    std::string path;
    UnitId district;
    UnitId city;
};

struct Federation {
    std::vector<Unit> cities;
    std::vector<Unit> districts;
    std::vector<Unit> grassroots;
};

// Ids: 1 the root, then each city followed by its districts, each followed by its units.
Federation build_federation() {
    Federation f;
    std::int64_t next = 2;
    for (int c = 0; c < cities; ++c) {
        const UnitId city{next++};
        const std::string city_path = "/1/" + std::to_string(city.value) + "/";
        f.cities.push_back({city, city_path, {}, city});
        for (int d = 0; d < districts_per_city; ++d) {
            const UnitId district{next++};
            const std::string district_path = city_path + std::to_string(district.value) + "/";
            f.districts.push_back({district, district_path, district, city});
            for (int g = 0; g < grassroots_per_district; ++g) {
                const UnitId unit{next++};
                f.grassroots.push_back(
                    {unit, district_path + std::to_string(unit.value) + "/", district, city});
            }
        }
    }
    return f;
}

std::string person_name(std::mt19937& rng) {
    return family_names[rng() % family_names.size()] + given_names[rng() % given_names.size()];
}

std::vector<WorkForConflicts> make_works(const Federation& f, std::size_t count,
                                         std::mt19937& rng) {
    std::vector<WorkForConflicts> works;
    works.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Unit& unit = f.grassroots[rng() % f.grassroots.size()];
        std::string authors = person_name(rng);
        for (unsigned n = rng() % 3; n > 0; --n) {
            authors += separators[rng() % separators.size()] + person_name(rng);
        }
        works.push_back({WorkId{static_cast<std::int64_t>(i + 1)},
                         UserId{static_cast<std::int64_t>(100000 + i)},
                         std::move(authors),
                         unit.path,
                         {unit.district, unit.city}});
    }
    return works;
}

// Ten judges per city: eight at the city union, two at district unions.
std::vector<PanelJudge> make_judges(const Federation& f, std::size_t count, std::mt19937& rng) {
    std::vector<PanelJudge> judges;
    judges.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t city = (i / 10) % f.cities.size();
        const Unit& unit =
            i % 10 < 8 ? f.cities[city]
                       : f.districts[city * districts_per_city + rng() % districts_per_city];
        judges.push_back(
            {UserId{static_cast<std::int64_t>(1000 + i)}, person_name(rng), unit.id, unit.path});
    }
    return judges;
}

// A declared conflict per tenth judge, alternately with one work and with a district.
std::vector<DeclaredConflict> make_declared(const Federation& f,
                                            const std::vector<PanelJudge>& judges,
                                            std::size_t works, std::mt19937& rng) {
    std::vector<DeclaredConflict> declared;
    for (std::size_t i = 0; i < judges.size(); i += 10) {
        if (i % 20 == 0) {
            declared.push_back({judges[i].user,
                                WorkId{static_cast<std::int64_t>(1 + rng() % works)}, std::nullopt,
                                "作者是评委的亲属"});
        } else {
            declared.push_back({judges[i].user, std::nullopt,
                                f.districts[rng() % f.districts.size()].path, "曾在该单位任职"});
        }
    }
    return declared;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t work_count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 12000;
    const std::size_t judge_count = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 300;
    std::mt19937 rng(20240611);
    const Federation federation = build_federation();
    const auto works = make_works(federation, work_count, rng);
    const auto judges = make_judges(federation, judge_count, rng);
    const auto declared = make_declared(federation, judges, work_count, rng);
    // As a caller would: each judge's own declared conflicts.
    std::map<UserId, std::vector<DeclaredConflict>> declared_by;
    for (const auto& d : declared) declared_by[d.judge].push_back(d);
    std::vector<std::vector<DeclaredConflict>> declared_of(judges.size());
    for (std::size_t j = 0; j < judges.size(); ++j) declared_of[j] = declared_by[judges[j].user];

    AssignmentProblem problem;
    problem.judge_count = judges.size();
    problem.judges_per_work = judges_per_work;
    auto start = std::chrono::steady_clock::now();
    std::size_t conflicts = 0;
    problem.eligible.assign(works.size(), std::vector<bool>(judges.size(), true));
    for (std::size_t w = 0; w < works.size(); ++w) {
        for (std::size_t j = 0; j < judges.size(); ++j) {
            if (conflict_between(judges[j], works[w], declared_of[j])) {
                problem.eligible[w][j] = false;
                ++conflicts;
            }
        }
    }
    const double eligibility_seconds = seconds_since(start);
    std::printf(
        "eligibility: %zu works x %zu judges in %.3f s, %zu pairs in conflict (1 in %.1f)\n",
        works.size(), judges.size(), eligibility_seconds, conflicts,
        conflicts
            ? static_cast<double>(works.size() * judges.size()) / static_cast<double>(conflicts)
            : 0.0);

    start = std::chrono::steady_clock::now();
    const AssignmentPlan plan = plan_assignment(problem);
    const double plan_seconds = seconds_since(start);
    if (!plan.unassignable.empty()) {
        std::printf("plan_assignment: %zu works cannot get %d judges (%.3f s)\n",
                    plan.unassignable.size(), judges_per_work, plan_seconds);
        return 1;
    }
    const auto [lowest, highest] = std::ranges::minmax_element(plan.loads);
    std::printf("plan_assignment: %zu pairs in %.3f s, loads %d to %d\n", plan.added.size(),
                plan_seconds, *lowest, *highest);

    // Each judge marks around a mean of its own, with its own spread.
    std::vector<double> bias(judges.size());
    std::vector<double> spread(judges.size());
    for (std::size_t j = 0; j < judges.size(); ++j) {
        bias[j] = 60 + static_cast<double>(rng() % 2000) / 100;
        spread[j] = 5 + static_cast<double>(rng() % 1000) / 100;
    }
    std::vector<double> quality(works.size());
    for (auto& q : quality) q = static_cast<double>(rng() % 2001) / 1000 - 1;
    std::vector<JudgeScore> scores;
    scores.reserve(plan.added.size());
    for (const auto& [w, j] : plan.added) {
        const double noise = static_cast<double>(rng() % 1001) / 1000 - 0.5;
        const double total = std::clamp(bias[j] + spread[j] * (quality[w] + noise), 0.0, 100.0);
        scores.push_back({works[w].work, judges[j].user, total});
    }
    start = std::chrono::steady_clock::now();
    const auto results = round_results(scores, RoundScoring{});
    const double results_seconds = seconds_since(start);
    std::printf("round_results: %zu scores of %zu works normalised and ranked in %.3f s\n",
                scores.size(), results.size(), results_seconds);
    return 0;
}
