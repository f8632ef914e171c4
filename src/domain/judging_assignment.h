// Conflicts (回避) and the assignment of works to judges in a round.
//
// A judge may never judge a work when
// - the work's unit lies in the judge's unit's subtree, or the work passed through the judge's unit
//   on its way up (its recommendation path);
// - the judge is an author of the work: the owner's account, or the judge's name among the authors;
// - the judge declared a conflict, or an admin recorded one, with the work or with a unit whose
//   subtree holds the work's unit.
//
// plan_assignment gives each work exactly K judges of the panel, none in conflict, keeping the
// assignments that already exist, and balances loads exactly: it minimises the sum over judges of a
// strictly convex function of each judge's load, so no work can move from a judge to another whose
// load is smaller by two or more. Wherever the conflicts allow it, the busiest and the least busy
// judge of the panel then differ by at most one work.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/unit.h"
#include "domain/user.h"
#include "domain/work.h"

namespace wangju {

struct PanelJudge {
    UserId user;
    std::string display_name;  // "陈静": compared with the authors field
    UnitId unit;
    std::string unit_path;  // of the judge's unit
};

// What conflicts need of a work.
struct WorkForConflicts {
    WorkId work;
    UserId owner;
    std::string authors;    // "张伟、李娜"
    std::string unit_path;  // of the submitting unit
    // Units the work passed through on its way up: every unit that decided on it, and where it
    // stands now.
    std::vector<UnitId> path_units;
};

// A conflict a judge declared or an admin recorded: with one work, or with a unit's subtree.
struct DeclaredConflict {
    UserId judge;
    std::optional<WorkId> work;
    std::optional<std::string> unit_path;  // the declared unit's path
    std::string reason;
};

// The names in an authors field: split on 、,,;; and white space, trimmed, blanks dropped.
std::vector<std::string> author_names(std::string_view authors);

// Why `judge` may not judge `work`, in Chinese ("评委所在单位的下级单位报送的作品"), or nothing.
std::optional<std::string> conflict_between(const PanelJudge& judge, const WorkForConflicts& work,
                                            const std::vector<DeclaredConflict>& declared);

// A problem for plan_assignment, in indices. eligible[w][j] is true when judge j may judge work w
// (no conflict). `kept` are pairs (work index, judge index) that stay as they are (assigned
// before, perhaps scored); they count toward loads and toward each work's K.
struct AssignmentProblem {
    std::size_t judge_count = 0;
    std::vector<std::vector<bool>> eligible;  // one row per work, judge_count columns
    int judges_per_work = 1;                  // K
    std::vector<std::pair<std::size_t, std::size_t>> kept;
};

// A work that cannot get K judges, with how many it could have.
struct UnassignableWork {
    std::size_t work = 0;  // index
    int eligible_judges = 0;
    int needed = 0;  // K
};

struct AssignmentPlan {
    // Empty when nothing is unassignable; then `added` lists the new pairs (work index, judge
    // index), so that with `kept` every work has exactly K distinct judges.
    std::vector<UnassignableWork> unassignable;
    std::vector<std::pair<std::size_t, std::size_t>> added;
    std::vector<int> loads;  // per judge, kept and added
};

// Throws Error(invalid_input) when K < 1 or a row has the wrong size, or a kept pair is out of
// range, not eligible, or repeated. A work with more kept pairs than K keeps them all.
AssignmentPlan plan_assignment(const AssignmentProblem& problem);

// A round's assignment in terms of its judges and works: the pairs to add, or the works that
// cannot get K judges with why. Existing pairs (work, judge) are kept while still free of
// conflict; those that have come into conflict since (a conflict recorded later) are listed in
// `dropped`, to be removed by whoever stores the plan together with `added`.
struct RoundAssignment {
    struct Shortfall {
        WorkId work;
        int eligible_judges = 0;
        int needed = 0;
    };
    std::vector<Shortfall> unassignable;
    std::vector<std::pair<WorkId, UserId>> added;
    std::vector<std::pair<WorkId, UserId>> dropped;
};

RoundAssignment assign_round(const std::vector<PanelJudge>& judges,
                             const std::vector<WorkForConflicts>& works,
                             const std::vector<DeclaredConflict>& declared, int judges_per_work,
                             const std::vector<std::pair<WorkId, UserId>>& existing);

}  // namespace wangju
