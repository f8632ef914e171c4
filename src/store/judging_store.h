// Judgings, their rounds, panels, works, assignments and scores, conflicts and awards, in the
// database. Built on the shared Database with its contract: thread-safe; a change commits together
// with its audit event or not at all.
//
// The rules are the domain's (domain/judging*.h); the caller works out who may act and which works
// and judges a round takes. This store checks again, inside the write transaction, what another
// writer could have changed meanwhile: a round's state when a score is saved, a round is opened or
// closed; that a judge sits on the panel; that an assignment is not scored before it moves.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/judging.h"
#include "domain/judging_assignment.h"
#include "store/database.h"

namespace wangju::store {

struct Assignment {
    AssignmentId id;
    RoundId round;
    WorkId work;
    UserId judge;
    Timestamp assigned_at{};
    std::map<std::string, double> values;  // per criterion key
    std::optional<double> total;
    std::optional<Verdict> verdict;
    std::string comment;  // the reason of a verdict
    std::optional<Timestamp> scored_at;
    bool scored() const { return scored_at.has_value(); }
};

// What a judge saves for one work.
struct ScoreSheet {
    std::map<std::string, double> values;
    double total = 0;
    std::optional<Verdict> verdict;
    std::string comment;
};

struct ConflictRecord {
    std::int64_t id = 0;
    JudgingId judging;
    UserId judge;
    std::optional<WorkId> work;
    std::optional<UnitId> unit;
    std::string reason;
    UserId recorded_by;
    Timestamp recorded_at{};
};

enum class AwardsState { draft, confirmed, published };
std::string_view to_string(AwardsState state);

struct AwardsStatus {
    AwardsState state = AwardsState::draft;
    std::optional<Timestamp> publish_at;
    std::optional<Timestamp> notified_at;
    // Published and the publication time has come.
    bool public_at(Timestamp now) const {
        return state == AwardsState::published && publish_at && *publish_at <= now;
    }
};

struct AwardMove {
    WorkId work;
    std::optional<std::string> tier;  // none: not awarded
    std::string reason;
    UserId moved_by;
    Timestamp moved_at{};
};

struct AwardRecord {
    JudgingId judging;
    WorkId work;
    std::string tier;
    int rank = 0;
    double score = 0;
};

class JudgingStore {
  public:
    explicit JudgingStore(Database& database) : database_(database) {}

    // ---- judgings
    // Refuses (conflict) a second judging of the same unit and track.
    Judging create_judging(const Judging& judging, UserId by, const AuditContext& ctx);
    std::optional<Judging> find_judging(JudgingId id);
    std::vector<Judging> judgings_of(CampaignId campaign);  // by unit path, track
    // Changes the vote weight, the tiers and the award cap; refused once the awards are confirmed.
    Judging update_judging(JudgingId id, int vote_weight, const std::vector<AwardTier>& tiers,
                           std::optional<int> award_cap_percent, const AuditContext& ctx);

    // ---- rounds
    // Appends a round after the last one (seq + 1). Refused while the last round is not
    // published, and after a final ranking.
    Round create_round(const Round& round, const AuditContext& ctx);
    std::optional<Round> find_round(RoundId id);
    std::vector<Round> rounds(JudgingId judging);  // by seq
    // Changes name, blind, K, rubric, advance, rank basis and disagreement share: only in draft.
    Round update_round(const Round& round, const AuditContext& ctx);
    // Replaces the panel. Refused once the round is closed; a judge leaving the panel loses their
    // unscored assignments of the round, and cannot leave with scored ones.
    void set_panel(RoundId id, const std::vector<UserId>& judges, const AuditContext& ctx);
    std::vector<UserId> panel(RoundId id);
    // Opens a draft round with the works it takes (fixed from now on).
    Round open_round(RoundId id, const std::vector<WorkId>& works, const AuditContext& ctx);
    // Closes an open round. Refused (conflict, naming how many) while assignments are unscored,
    // unless `force`: then the unscored ones are listed in the audit event.
    Round close_round(RoundId id, bool force, const AuditContext& ctx);
    Round reopen_round(RoundId id, const AuditContext& ctx);
    Round publish_round(RoundId id, const AuditContext& ctx);
    std::vector<WorkId> round_works(RoundId id);

    // ---- assignments
    // Adds pairs (work, judge) to an open or draft round, each work of the round and each judge of
    // its panel, and removes the unscored assignments of `dropped` (pairs that came into conflict),
    // in one transaction; refused when an added pair exists. Returns the round's assignments.
    std::vector<Assignment> add_assignments(
        RoundId id, const std::vector<std::pair<WorkId, UserId>>& pairs, const AuditContext& ctx,
        const std::vector<std::pair<WorkId, UserId>>& dropped = {});
    std::vector<Assignment> assignments(RoundId id);             // by work, judge
    std::vector<Assignment> assignments_of_judge(UserId judge);  // every round, by round, id
    std::optional<Assignment> find_assignment(AssignmentId id);
    // Gives an unscored assignment to another judge of the panel (the caller checked conflicts).
    Assignment move_assignment(AssignmentId id, UserId to, const AuditContext& ctx);
    // Removes an unscored assignment (a judge declared a conflict).
    void remove_assignment(AssignmentId id, const AuditContext& ctx);
    // Saves or replaces a judge's scores: only while the round is open.
    Assignment save_score(AssignmentId id, const ScoreSheet& sheet, const AuditContext& ctx);

    // ---- conflicts
    ConflictRecord add_conflict(const ConflictRecord& conflict, const AuditContext& ctx);
    std::vector<ConflictRecord> conflicts(JudgingId judging);

    // ---- awards
    AwardsStatus awards_status(JudgingId judging);
    std::vector<AwardMove> award_moves(JudgingId judging);
    // Sets (or with an empty reason refuses) a move; only while the list is a draft.
    void move_award(JudgingId judging, const AwardMove& move, const AuditContext& ctx);
    // Fixes the list: stores `awards` and sets the state to confirmed. Refused once published.
    void confirm_awards(JudgingId judging, const std::vector<AwardRecord>& awards,
                        const AuditContext& ctx);
    // Back to draft (confirmed, not yet published).
    void unconfirm_awards(JudgingId judging, const AuditContext& ctx);
    // Publishes the confirmed list from `at` on.
    void publish_awards(JudgingId judging, Timestamp at, const AuditContext& ctx);
    std::vector<AwardRecord> awards(JudgingId judging);  // confirmed ones, by rank
    // Published awards of a work whose publication time has come.
    std::vector<AwardRecord> public_awards_of_work(WorkId work, Timestamp now);
    // Judgings whose awards are public at `now` and whose winners were not yet told.
    std::vector<JudgingId> awards_to_notify(Timestamp now);
    void mark_notified(JudgingId judging, Timestamp at, const AuditContext& ctx);

  private:
    Database& database_;
};

}  // namespace wangju::store
