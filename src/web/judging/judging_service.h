// Judging as its users act on it: the judging admins (a unit's admins, system admins) open a
// judging, set up rounds and panels, assign, watch progress, close, rank and award; judges score
// their queue blind. Each function asks domain/judging_permission.h first, applies the domain's
// rules and calls the JudgingStore. The API and the pages both call these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/judging_permission.h"
#include "store/judging_store.h"
#include "web/auth.h"

namespace wangju::web::judging {

Judging load_judging(WebContext& web, const std::string& id_text);
Round load_round(WebContext& web, const std::string& id_text);
Unit judging_unit(WebContext& web, const Judging& judging);
Track judging_track(WebContext& web, const Judging& judging);

// The public votes of `campaign` that take the track: the final ranking combines their totals
// with the expert scores, once their totals are public (before that, the vote part is 0 for
// everyone, so that no total leaks through a ranking).
std::vector<PublicVote> public_votes_of_track(WebContext& web, CampaignId campaign,
                                              const Track& track);
// Non-voided votes per work over those votes whose totals are public at `now`.
std::map<WorkId, long long> public_vote_totals(WebContext& web, CampaignId campaign,
                                               const Track& track, Timestamp now);

// The judging whose admins `user` is one of; "not found" for anyone else.
Judging administered_judging(WebContext& web, const CurrentUser& user, JudgingId id);
// The round and its judging, for one of the judging's admins.
std::pair<Round, Judging> administered_round(WebContext& web, const CurrentUser& user, RoundId id);
// The assignment, for one of its judging's admins; "not found" for anyone else.
store::Assignment administered_assignment(WebContext& web, const CurrentUser& user,
                                          AssignmentId id);
// Throws forbidden unless the user may open a judging at all (a unit admin for their own unit, a
// system admin), whatever unit the body names: asked before the body is read.
void require_judging_opener(const CurrentUser& user);

struct NewJudging {
    std::string unit_code;  // empty: the user's unit
    std::string track_code;
    int vote_weight = 0;
    std::vector<AwardTier> tiers;
    std::optional<int> award_cap_percent = default_award_cap_percent;
};
Judging open_judging(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                     const NewJudging& form, const AuditContext& ctx);
// The judgings of a campaign that `user` runs (all of them for a system admin).
std::vector<Judging> judgings_run_by(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign);
// What an admin may change of a judging, each part optional.
struct JudgingChanges {
    std::optional<int> vote_weight;
    std::optional<std::vector<AwardTier>> tiers;
    std::optional<std::optional<int>> award_cap_percent;  // a value of none removes the cap
};
// Tiers whose counts pass the award cap for the entries known now are refused, saying by how
// many (the cap is checked again when works are moved and the list is confirmed).
Judging update_judging(WebContext& web, const CurrentUser& user, JudgingId id,
                       const JudgingChanges& changes, const AuditContext& ctx);
// The track's eligible entries for the award cap: the works of the first round once it opened,
// before that the works that reached the judging's unit.
int eligible_entries(WebContext& web, const Judging& judging);

// Appends a round; `round.judging` names the judging. Checked by check_round_settings and
// check_advance against the round before.
Round add_round(WebContext& web, const CurrentUser& user, Round round, const AuditContext& ctx);

// What an admin may change of a round, each part optional.
struct RoundChanges {
    std::optional<std::string> name;
    std::optional<bool> blind;
    std::optional<int> judges_per_work;
    std::optional<Rubric> rubric;
    std::optional<Advance> advance;
    std::optional<RankBasis> rank_by;
    std::optional<double> disagreement_share;
    std::optional<std::vector<std::string>> panel;  // usernames
    std::optional<RoundState> state;                // open, closed (close), published
    bool force_close = false;
};
Round change_round(WebContext& web, const CurrentUser& user, RoundId id,
                   const RoundChanges& changes, const AuditContext& ctx);

// The works a round takes (for a draft round: would take when opened).
std::vector<WorkId> works_for_round(WebContext& web, const Judging& judging, const Round& round);

// Assigns every work of the round K judges of its panel, keeping existing assignments. Throws
// Error(conflict) with one field per work that cannot get K judges ("work.12": the reason), and
// stores nothing then.
std::vector<store::Assignment> assign(WebContext& web, const CurrentUser& user, RoundId id,
                                      const AuditContext& ctx);
// Gives an unscored assignment to another judge of the panel (by username), if not in conflict.
store::Assignment move_assignment(WebContext& web, const CurrentUser& user, AssignmentId id,
                                  const std::string& to_username, const AuditContext& ctx);

// A judge's queue: every assignment in an open or closed round, with the round and the work.
struct QueueEntry {
    store::Assignment assignment;
    Round round;
    Judging judging;
    Track track;
    Work work;
};
std::vector<QueueEntry> judge_queue(WebContext& web, const CurrentUser& user);
// One assignment of the judge; "not found" for anyone else's.
QueueEntry judge_entry(WebContext& web, const CurrentUser& user, AssignmentId id);

struct ScoreForm {
    std::map<std::string, double> values;  // scored rounds
    std::optional<Verdict> verdict;        // qualifying rounds
    std::string comment;
};
store::Assignment save_score(WebContext& web, const CurrentUser& user, AssignmentId id,
                             const ScoreForm& form, const AuditContext& ctx);

// A judge declares a conflict with the work of an assignment: recorded, the assignment removed
// (refused once scored) and the work given to another judge of the panel when one is free of
// conflicts. Returns whether it was reassigned.
bool declare_conflict(WebContext& web, const CurrentUser& user, AssignmentId id,
                      const std::string& reason, const AuditContext& ctx);
// An admin records a conflict of a judge (by username) with a work or a unit (by code).
store::ConflictRecord record_conflict(WebContext& web, const CurrentUser& user, JudgingId id,
                                      const std::string& judge_username,
                                      std::optional<std::int64_t> work_id,
                                      const std::string& unit_code, const std::string& reason,
                                      const AuditContext& ctx);

struct JudgeProgress {
    User judge;
    Unit unit;
    int assigned = 0;
    int scored = 0;
    std::optional<Timestamp> last_active;
};
std::vector<JudgeProgress> round_progress(WebContext& web, const CurrentUser& user, RoundId id);
// Puts a reminder in the inbox of the unit of each judge behind; returns how many were reminded.
int remind_judges(WebContext& web, const CurrentUser& user, RoundId id, const AuditContext& ctx);

// The results of a round, for its admins.
struct RoundResultRow {
    Work work;
    Unit unit;
    WorkResult result;  // scored rounds
    std::vector<store::Assignment> scores;
    bool passed = false;  // qualifying rounds
};
struct RoundResultsView {
    Round round;
    Judging judging;
    std::vector<RoundResultRow> rows;  // best first
    std::map<std::int64_t, std::string> judge_names;
};
RoundResultsView round_results_view(WebContext& web, const CurrentUser& user, RoundId id);

// The award list: proposed from the final ranking (or the last scored round), with the admin's
// moves; once confirmed, the stored list.
struct AwardRow {
    Work work;
    Unit unit;
    int rank = 0;
    bool tied = false;
    double expert = 0;
    long long votes = 0;
    double final_score = 0;
    std::optional<std::string> proposed_tier;
    std::optional<std::string> tier;  // after moves
    std::string move_reason;
};
struct AwardsView {
    Judging judging;
    store::AwardsStatus status;
    std::optional<Round> ranked_round;  // the scored round the ranking comes from
    std::vector<AwardRow> rows;         // by rank
    std::vector<std::string> over_count;
    int entries = 0;  // eligible entries, for the award cap
    int awarded = 0;  // works given a tier after moves
};
AwardsView awards_view(WebContext& web, const CurrentUser& user, JudgingId id);
void move_award(WebContext& web, const CurrentUser& user, JudgingId id, std::int64_t work_id,
                const std::optional<std::string>& tier, const std::string& reason,
                const AuditContext& ctx);
void confirm_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                    const AuditContext& ctx);
void unconfirm_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                      const AuditContext& ctx);
void publish_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                    std::optional<Timestamp> at, const AuditContext& ctx);
// Tells the units of the winners of every list whose publication time has come, once. Run by
// the API right after publishing and by the server's periodic job.
int notify_published_awards(WebContext& web, const AuditContext& ctx);

// Recommends the top `count` works of a published round upward from the judging's unit (below
// the top), in rank order, through the works' recommendation rules (quota, deadline). Returns the
// works recommended; stops at the first refusal and names it.
struct RecommendOutcome {
    std::vector<WorkId> recommended;
    std::optional<std::string> stopped_by;
};
RecommendOutcome recommend_top(WebContext& web, const CurrentUser& user, RoundId id, int count,
                               const AuditContext& ctx);

// True when the form field would tell a judge who made the work (contact, author, unit).
bool identifies_author(const FormField& field);

}  // namespace wangju::web::judging
