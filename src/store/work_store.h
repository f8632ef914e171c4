// Tracks, their per-level quotas and deadlines, works, their versions, files and the decisions of
// each level, in the database. Built on the shared Database with its contract: thread-safe; a
// change commits together with its audit event or not at all.
//
// The rules of the chain are the domain's (domain/recommendation.h); the caller works out where a
// work goes (the chain of units) and this store applies it inside one write transaction, where it
// checks again what another writer could have changed meanwhile: the work's state and position,
// the quota of the deciding unit, the submission limits. Write transactions are serialised (one
// SQLite writer; on PostgreSQL the audit log lock every Transaction takes first), so two admins
// clicking "recommend" at once for the last place get one success and one Error(quota_full).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/recommendation.h"
#include "domain/work.h"
#include "store/database.h"

namespace wangju::store {

struct NewWork {
    CampaignId campaign;
    TrackId track;
    UserId owner;
    UnitId unit;
    WorkContent content;  // already checked (checked_content)
};

struct WorkDecisionRecord {
    UnitId unit;
    Decision decision = Decision::recommend;
    std::string reason;
    UserId decided_by;
    Timestamp decided_at{};
    bool active = true;  // false once the work was returned or withdrawn: frees the quota
};

struct WorkVersion {
    int version = 0;
    WorkState state = WorkState::draft;
    WorkContent content;
    std::optional<UserId> saved_by;
    Timestamp saved_at{};
};

// Where a work goes: its chain (first unit = where it enters) and the settings of the track.
struct WorkRoute {
    std::vector<Unit> chain;
    std::vector<LevelSetting> settings;
    const LevelSetting& first_level() const;  // throws Error(conflict) when the chain is empty
};

struct DecisionRequest {
    WorkId work;
    Unit at;
    Decision decision = Decision::recommend;
    std::string reason;
    std::optional<UnitId> next;  // where a recommended work goes; none: judging
    LevelSetting level;          // of `at`
    UserId by;
    Timestamp now{};
};

struct StateCount {
    TrackId track;
    WorkState state = WorkState::draft;
    long long count = 0;
};

// One work of a subtree, as the summary table counts it.
struct WorkBrief {
    WorkId id;
    TrackId track;
    UnitId unit;
    std::string unit_path;
    WorkState state = WorkState::draft;
    std::optional<UnitId> position;
    std::vector<UnitId> decided_at;  // units with an active decision on it
};

class WorkStore {
  public:
    explicit WorkStore(Database& database) : database_(database) {}

    // ---- tracks
    // Refuses (conflict) a second track of the same code in the campaign. `track.rules` are
    // checked (check_track).
    Track create_track(CampaignId campaign, const Track& track, const AuditContext& ctx);
    // Changes name, kinds, description, contacts and rules.
    Track update_track(const Track& track, const AuditContext& ctx);
    std::vector<Track> tracks(CampaignId campaign);  // by number
    std::optional<Track> find_track(TrackId id);
    std::optional<Track> find_track_by_code(CampaignId campaign, const std::string& code);
    // Sets (or replaces) the quota and deadline of a level in a track.
    void set_level(const LevelSetting& setting, const AuditContext& ctx);
    std::vector<LevelSetting> levels(TrackId track);  // from the bottom up

    // ---- works
    Work create_work(const NewWork& work, const AuditContext& ctx);
    // Replaces title, authors and form values; a new version. Refuses a work that a level has
    // decided on or whose first level's deadline passed.
    Work save_content(WorkId id, const WorkContent& content, const WorkRoute& route,
                      const AuditContext& ctx);
    // Adds a file already checked against the track's rules; a new version.
    Work add_file(WorkId id, const WorkFile& file, const WorkRoute& route, const AuditContext& ctx);
    Work remove_file(WorkId id, std::size_t index, const WorkRoute& route, const AuditContext& ctx);
    // Places the work at the first unit of its route; checks the deadline, the number of files
    // and the per-person and per-unit limits.
    Work submit(WorkId id, const WorkRoute& route, const AuditContext& ctx);
    Work withdraw(WorkId id, const WorkRoute& route, const AuditContext& ctx);
    // Records a level's decision: checks the work waits at that unit, the deadline and, for a
    // recommendation, the unit's quota in the track.
    Work decide(const DecisionRequest& request, const AuditContext& ctx);

    std::optional<Work> find_work(WorkId id);
    std::vector<Work> works_of_owner(UserId owner, CampaignId campaign);  // newest first
    // Works that stand at the unit or that the unit decided on (actively), for its queue.
    std::vector<Work> works_at(UnitId unit, CampaignId campaign);
    std::vector<WorkDecisionRecord> decisions(WorkId id);  // oldest first, inactive included
    std::vector<WorkVersion> versions(WorkId id);          // oldest first
    // Other works of the campaign holding a file with this content.
    std::vector<WorkId> works_with_file(CampaignId campaign, const std::string& sha256, WorkId except);
    // Every work, of any campaign, holding a file with this content.
    std::vector<WorkId> works_holding(const std::string& sha256);
    long long recommended_count(UnitId unit, TrackId track);
    std::vector<StateCount> counts_in_subtree(CampaignId campaign, const std::string& path);
    std::vector<WorkBrief> works_in_subtree(CampaignId campaign, const std::string& path);

  private:
    Database& database_;
};

}  // namespace wangju::store
