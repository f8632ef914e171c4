#include "domain/judging_assignment.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {
namespace {

// Separators of an authors field: ASCII white space, ',' and ';', and the wide ones 、 ， ；
// and the ideographic space. UTF-8 is self-synchronising, so a byte-wise prefix test cannot
// match inside another character.
constexpr std::string_view ascii_separators = " \t\n\r\f\v,;";
constexpr std::string_view wide_separators[] = {"、", "，", "；", "\u3000"};

// The length of the separator that `text` starts with, or 0.
std::size_t separator_length(std::string_view text) {
    const char first = text.front();
    if (ascii_separators.find(first) != std::string_view::npos) return 1;
    // The wide separators start with byte 0xE3 or 0xEF; most characters do not.
    if (first != '\xE3' && first != '\xEF') return 0;
    for (const std::string_view separator : wide_separators) {
        if (text.starts_with(separator)) return separator.size();
    }
    return 0;
}

// Calls `visit` with each name of an authors field, in order, until it returns true; says whether
// it did. Names hold no separator, so they need no trimming.
template <typename Visit>
bool any_author_name(std::string_view authors, Visit visit) {
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < authors.size()) {
        const std::size_t length = separator_length(authors.substr(i));
        if (length == 0) {
            ++i;
            continue;
        }
        if (i > start && visit(authors.substr(start, i - start))) return true;
        i += length;
        start = i;
    }
    return start < authors.size() && visit(authors.substr(start));
}

bool is_named_author(std::string_view display_name, std::string_view authors) {
    const std::string_view name = trim(display_name);
    if (name.empty() || authors.find(name) == std::string_view::npos) return false;
    return any_author_name(authors, [name](std::string_view author) { return author == name; });
}

std::string declared_reason(const DeclaredConflict& conflict) {
    const std::string_view reason = trim(conflict.reason);
    if (reason.empty()) return "评委声明回避";
    return fmt::format("评委声明回避:{}", reason);
}

bool declared_applies(const DeclaredConflict& conflict, const WorkForConflicts& work) {
    if (conflict.work && *conflict.work == work.work) return true;
    return conflict.unit_path && is_within(work.unit_path, *conflict.unit_path);
}

// ---------------------------------------------------------------------------------------------
// plan_assignment

using Index = std::uint32_t;
constexpr int unlabelled = -1;

// One row of bits per work, one bit per judge, each row starting on a word.
class BitRows {
  public:
    BitRows(std::size_t rows, std::size_t columns)
        : words_per_row_((columns + 63) / 64), bits_(rows * words_per_row_, 0) {}

    bool contains(std::size_t row, std::size_t column) const {
        return (bits_[row * words_per_row_ + column / 64] >> (column % 64)) & 1U;
    }
    void insert(std::size_t row, std::size_t column) {
        bits_[row * words_per_row_ + column / 64] |= std::uint64_t{1} << (column % 64);
    }
    void erase(std::size_t row, std::size_t column) {
        bits_[row * words_per_row_ + column / 64] &= ~(std::uint64_t{1} << (column % 64));
    }
    std::size_t count(std::size_t row) const {
        std::size_t n = 0;
        for (std::size_t i = 0; i < words_per_row_; ++i) {
            n += static_cast<std::size_t>(std::popcount(bits_[row * words_per_row_ + i]));
        }
        return n;
    }
    // The first column from `from` on that is set here and not in `other`, or `columns`.
    std::size_t next_without(const BitRows& other, std::size_t row, std::size_t from,
                             std::size_t columns) const {
        std::size_t word = from / 64;
        if (word >= words_per_row_) return columns;
        const std::size_t base = row * words_per_row_;
        std::uint64_t bits =
            (bits_[base + word] & ~other.bits_[base + word]) & (~std::uint64_t{0} << (from % 64));
        while (bits == 0) {
            if (++word == words_per_row_) return columns;
            bits = bits_[base + word] & ~other.bits_[base + word];
        }
        return word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    }

  private:
    std::size_t words_per_row_;
    std::vector<std::uint64_t> bits_;
};

void check_problem(const AssignmentProblem& problem) {
    if (problem.judges_per_work < 1) {
        throw_invalid("每件作品的评委人数至少为 1", {{"judges_per_work", "至少为 1"}});
    }
    for (std::size_t w = 0; w < problem.eligible.size(); ++w) {
        if (problem.eligible[w].size() != problem.judge_count) {
            throw_invalid(fmt::format("第 {} 件作品的回避情况有 {} 列,评委有 {} 人", w + 1,
                                      problem.eligible[w].size(), problem.judge_count),
                          {{"eligible", "列数与评委人数不符"}});
        }
    }
    BitRows seen(problem.eligible.size(), problem.judge_count);
    for (const auto& [w, j] : problem.kept) {
        if (w >= problem.eligible.size() || j >= problem.judge_count) {
            throw_invalid(fmt::format("保留的分配(作品 {},评委 {})超出范围", w + 1, j + 1),
                          {{"kept", "超出范围"}});
        }
        if (!problem.eligible[w][j]) {
            throw_invalid(fmt::format("保留的分配(作品 {},评委 {})需要回避", w + 1, j + 1),
                          {{"kept", "评委需要回避"}});
        }
        if (seen.contains(w, j)) {
            throw_invalid(fmt::format("保留的分配(作品 {},评委 {})重复", w + 1, j + 1),
                          {{"kept", "重复"}});
        }
        seen.insert(w, j);
    }
}

// The assignment as a flow: each work sends `need` units (K minus its kept pairs) to eligible
// judges, one unit per judge, and a judge of load L costs f(L) for a strictly convex f. The
// residual graph has an edge judge b -> work w when b holds an added pair with w (w may leave b),
// and w -> judge c when c may judge w and is not on it (w may come to c). Shifting along a path
// b -> w1 -> c1 -> w2 -> ... -> a moves each work one step: b loses one work, a gains one, and the
// judges between give one and take one. Kept pairs have no edge, so they never move.
//
// A flow of separable convex cost is optimal iff its residual graph has no negative cycle. The
// source's edges are all full and the pair edges cost nothing, so the cycles that matter pass the
// sink once: such a path plus the sink edges of a and b, of cost
// f(L_a + 1) - f(L_a) + f(L_b - 1) - f(L_b), which is negative iff L_b >= L_a + 2 when f is
// strictly convex. So the plan is optimal, for every strictly convex f at once, exactly when no
// judge can reach a judge with a load smaller by two or more.
//
// The balancing splits the panel by load thresholds. Take a part of the panel with loads lo..hi,
// hi >= lo + 2, and a threshold T in between; its sources are the judges of load T or more, its
// targets those of load T - 2 or less. As in Dinic's algorithm, a breadth-first search labels
// distances from all sources at once, then depth-first searches shift along as many paths of
// increasing labels as they find (a source gives works while its load is T or more, a target
// takes them while its load is T - 2 or less), until no target is reachable. Then the judges R
// that the sources reach have loads T - 1 or more, the rest of the part T - 1 or less, and no edge
// leaves R. That stays so: a path that enters R cannot leave it, so no shift passes through R,
// and a work held by a judge of R could only move to a judge of R. So no path between parts ever
// lowers a load by two, and R and the rest are balanced each on its own, with smaller load ranges.
// With T in the middle, that takes about log(hi - lo) rounds of splits; a part is done when its
// loads differ by at most one.
class Planner {
  public:
    explicit Planner(const AssignmentProblem& problem)
        : works_(problem.eligible.size()),
          judges_(problem.judge_count),
          per_work_(problem.judges_per_work),
          eligible_(works_, judges_),
          on_(works_, judges_),
          kept_per_work_(works_, 0),
          loads_(judges_, 0),
          held_(judges_) {
        for (std::size_t w = 0; w < works_; ++w) {
            const auto& row = problem.eligible[w];
            for (std::size_t j = 0; j < judges_; ++j) {
                if (row[j]) eligible_.insert(w, j);
            }
        }
        for (const auto& [w, j] : problem.kept) {
            on_.insert(w, j);
            ++kept_per_work_[w];
            ++loads_[j];
        }
    }

    AssignmentPlan plan() {
        AssignmentPlan plan;
        for (std::size_t w = 0; w < works_; ++w) {
            const int count = eligible_count(w);
            if (count < per_work_) plan.unassignable.push_back({w, count, per_work_});
        }
        if (plan.unassignable.empty()) {
            assign_greedily();
            balance();
            for (std::size_t j = 0; j < judges_; ++j) {
                for (const Index w : held_[j]) plan.added.emplace_back(w, j);
            }
            std::ranges::sort(plan.added);
        }
        plan.loads = loads_;
        return plan;
    }

  private:
    int eligible_count(std::size_t work) const { return static_cast<int>(eligible_.count(work)); }
    // The first judge from `from` on who may judge `work` and is not on it yet, or judges_.
    std::size_t next_free_judge(std::size_t work, std::size_t from) const {
        return eligible_.next_without(on_, work, from, judges_);
    }
    int need(std::size_t work) const { return std::max(0, per_work_ - kept_per_work_[work]); }

    void add(Index work, Index judge) {
        on_.insert(work, judge);
        held_[judge].push_back(work);
        ++loads_[judge];
    }

    // The works with the fewest eligible judges first, each to its least loaded eligible judges.
    // Never stranded, since judges have no cap; the balancing makes it exact.
    void assign_greedily() {
        std::vector<Index> order;
        for (std::size_t w = 0; w < works_; ++w) {
            if (need(w) > 0) order.push_back(static_cast<Index>(w));
        }
        std::vector<int> counts(works_);
        for (const Index w : order) counts[w] = eligible_count(w);
        std::ranges::stable_sort(order, {}, [&counts](Index w) { return counts[w]; });
        const auto less_loaded = [this](Index a, Index b) {
            return loads_[a] != loads_[b] ? loads_[a] < loads_[b] : a < b;
        };
        std::vector<Index> candidates;
        for (const Index w : order) {
            candidates.clear();
            for (std::size_t j = next_free_judge(w, 0); j < judges_;
                 j = next_free_judge(w, j + 1)) {
                candidates.push_back(static_cast<Index>(j));
            }
            const auto picked = candidates.begin() + need(w);
            std::partial_sort(candidates.begin(), picked, candidates.end(), less_loaded);
            for (auto it = candidates.begin(); it != picked; ++it) add(w, *it);
        }
    }

    void balance() {
        part_.assign(judges_, 0);
        std::vector<int> pending = {0};
        int parts = 1;
        std::vector<Index> members;
        while (!pending.empty()) {
            part_now_ = pending.back();
            pending.pop_back();
            members.clear();
            for (std::size_t j = 0; j < judges_; ++j) {
                if (part_[j] == part_now_) members.push_back(static_cast<Index>(j));
            }
            if (members.empty()) continue;
            const auto [lowest, highest] =
                std::ranges::minmax(members, {}, [this](Index j) { return loads_[j]; });
            const int lo = loads_[lowest];
            const int hi = loads_[highest];
            if (hi - lo <= 1) continue;
            threshold_ = std::max(lo + 2, lo + (hi - lo + 1) / 2);
            while (label_distances(members)) shift_along_labels(members);
            // queue_ now holds the judges the remaining sources reach: the upper part.
            if (!queue_.empty() && queue_.size() < members.size()) {
                for (const Index j : queue_) part_[j] = parts;
                pending.push_back(parts++);
            }
            pending.push_back(part_now_);
        }
    }

    bool is_source(std::size_t judge) const { return loads_[judge] >= threshold_; }
    bool is_target(std::size_t judge) const { return loads_[judge] + 2 <= threshold_; }

    // Breadth-first from every source of the part at once, up to the nearest targets; true when
    // one is reached. When none is, queue_ holds every judge the sources reach.
    bool label_distances(const std::vector<Index>& members) {
        judge_distance_.assign(judges_, unlabelled);
        work_distance_.assign(works_, unlabelled);
        queue_.clear();
        for (const Index j : members) {
            if (is_source(j)) {
                judge_distance_[j] = 0;
                queue_.push_back(j);
            }
        }
        int found = INT_MAX;
        for (std::size_t head = 0; head < queue_.size(); ++head) {
            const Index judge = queue_[head];
            const int distance = judge_distance_[judge];
            if (distance >= found) break;
            for (const Index w : held_[judge]) {
                if (work_distance_[w] != unlabelled) continue;
                work_distance_[w] = distance + 1;
                for (std::size_t next = next_free_judge(w, 0); next < judges_;
                     next = next_free_judge(w, next + 1)) {
                    if (part_[next] != part_now_ || judge_distance_[next] != unlabelled) continue;
                    judge_distance_[next] = distance + 2;
                    if (is_target(next)) found = distance + 2;
                    queue_.push_back(static_cast<Index>(next));
                }
            }
        }
        return found != INT_MAX;
    }

    // Shifts along shortest paths until none is left in the labelled graph.
    void shift_along_labels(const std::vector<Index>& members) {
        dead_judge_.assign(judges_, false);
        dead_work_.assign(works_, false);
        next_candidate_.assign(works_, 0);
        for (const Index j : members) {
            while (judge_distance_[j] == 0 && is_source(j) && !dead_judge_[j]) {
                const int target = find_path(j);
                if (target == unlabelled) break;
                --loads_[j];
                ++loads_[target];
            }
        }
    }

    // Depth-first along increasing labels from `judge` to a target; on the way back moves each
    // work of the path to the next judge. Returns the target, or `unlabelled`. The depth is at
    // most the number of judges of the panel. A judge or work that leads nowhere stays dead until
    // the next labelling, and each work resumes its candidates where it stopped, so a pass costs
    // about one scan of the graph plus the paths found.
    int find_path(std::size_t judge) {
        if (judge_distance_[judge] > 0 && is_target(judge)) return static_cast<int>(judge);
        auto& works = held_[judge];
        for (std::size_t i = 0; i < works.size(); ++i) {
            const Index w = works[i];
            if (dead_work_[w] || work_distance_[w] != judge_distance_[judge] + 1) continue;
            auto& next = next_candidate_[w];
            for (next = next_free_judge(w, next); next < judges_;
                 next = next_free_judge(w, next + 1)) {
                if (dead_judge_[next] || judge_distance_[next] != work_distance_[w] + 1) continue;
                const int target = find_path(next);
                if (target != unlabelled) {
                    move(w, i, judge, next);
                    return target;
                }
            }
            dead_work_[w] = true;
        }
        dead_judge_[judge] = true;
        return unlabelled;
    }

    // Moves the added pair held_[from][position] (work `work`) to judge `to`.
    void move(Index work, std::size_t position, std::size_t from, std::size_t to) {
        auto& works = held_[from];
        works[position] = works.back();
        works.pop_back();
        held_[to].push_back(work);
        on_.erase(work, from);
        on_.insert(work, to);
    }

    std::size_t works_;
    std::size_t judges_;
    int per_work_;
    BitRows eligible_;  // who may judge which work
    BitRows on_;        // who is on which work, kept or added
    std::vector<int> kept_per_work_;
    std::vector<int> loads_;
    std::vector<std::vector<Index>> held_;  // per judge, the works of its added pairs

    // Balancing state.
    std::vector<int> part_;  // per judge
    int part_now_ = 0;
    int threshold_ = 0;
    std::vector<int> judge_distance_;
    std::vector<int> work_distance_;
    std::vector<Index> queue_;
    std::vector<bool> dead_judge_;
    std::vector<bool> dead_work_;
    std::vector<std::size_t> next_candidate_;
};

}  // namespace

std::vector<std::string> author_names(std::string_view authors) {
    std::vector<std::string> names;
    any_author_name(authors, [&names](std::string_view name) {
        names.emplace_back(name);
        return false;
    });
    return names;
}

std::optional<std::string> conflict_between(const PanelJudge& judge, const WorkForConflicts& work,
                                            const std::vector<DeclaredConflict>& declared) {
    if (is_within(work.unit_path, judge.unit_path)) {
        return "作品由评委所在单位或其下级单位报送";
    }
    if (std::ranges::find(work.path_units, judge.unit) != work.path_units.end()) {
        return "作品经评委所在单位推荐";
    }
    if (work.owner == judge.user) return "评委是作品的提交人";
    if (is_named_author(judge.display_name, work.authors)) return "评委是作品作者";
    for (const auto& conflict : declared) {
        if (conflict.judge == judge.user && declared_applies(conflict, work)) {
            return declared_reason(conflict);
        }
    }
    return std::nullopt;
}

AssignmentPlan plan_assignment(const AssignmentProblem& problem) {
    check_problem(problem);
    return Planner(problem).plan();
}

RoundAssignment assign_round(const std::vector<PanelJudge>& judges,
                             const std::vector<WorkForConflicts>& works,
                             const std::vector<DeclaredConflict>& declared, int judges_per_work,
                             const std::vector<std::pair<WorkId, UserId>>& existing) {
    AssignmentProblem problem;
    problem.judge_count = judges.size();
    problem.judges_per_work = judges_per_work;
    std::map<WorkId, std::size_t> work_index;
    std::map<UserId, std::size_t> judge_index;
    for (std::size_t j = 0; j < judges.size(); ++j) judge_index[judges[j].user] = j;
    for (std::size_t w = 0; w < works.size(); ++w) {
        work_index[works[w].work] = w;
        std::vector<bool> row(judges.size());
        for (std::size_t j = 0; j < judges.size(); ++j) {
            row[j] = !conflict_between(judges[j], works[w], declared);
        }
        problem.eligible.push_back(std::move(row));
    }
    RoundAssignment out;
    for (const auto& [work, judge] : existing) {
        auto w = work_index.find(work);
        auto j = judge_index.find(judge);
        if (w == work_index.end() || j == judge_index.end()) continue;  // left alone
        if (problem.eligible[w->second][j->second]) {
            problem.kept.emplace_back(w->second, j->second);
        } else {
            out.dropped.emplace_back(work, judge);
        }
    }
    const auto plan = plan_assignment(problem);
    for (const auto& u : plan.unassignable) {
        out.unassignable.push_back({works[u.work].work, u.eligible_judges, u.needed});
    }
    if (!out.unassignable.empty()) {
        out.dropped.clear();
        return out;
    }
    for (const auto& [w, j] : plan.added) out.added.emplace_back(works[w].work, judges[j].user);
    return out;
}

}  // namespace wangju
