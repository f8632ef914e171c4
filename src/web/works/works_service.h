// Works and tracks as their users act on them: each function asks domain/work_permission.h first,
// works out the recommendation chain (domain/recommendation.h) and calls the WorkStore. The API
// and the pages both call these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/work_permission.h"
#include "store/work_store.h"
#include "web/auth.h"

namespace wangju::web::works {

Campaign load_campaign(WebContext& web, std::int64_t id);
Campaign load_campaign(WebContext& web, const std::string& id_text);  // from a URL segment
Track load_track(WebContext& web, const Campaign& campaign, const std::string& code);

// The chain of units a work of `unit` passes in `track`, with the track's level settings.
store::WorkRoute route_for(WebContext& web, const Unit& unit, TrackId track);
WorkReach reach_of(WebContext& web, const Work& work);

// The work if the user may see it; a work they may not see is "not found", like one that does
// not exist, so that nobody learns of others' drafts.
Work visible_work(WebContext& web, const CurrentUser& user, std::int64_t id);
Work visible_work(WebContext& web, const CurrentUser& user, const std::string& id_text);

struct WorkForm {
    std::string track_code;
    std::string unit_code;  // empty: the user's own unit
    WorkContent content;    // files are attached afterwards
};

// The work, for its owner: not found for those who may not see it, forbidden for the others.
Work owned_work(WebContext& web, const CurrentUser& user, std::int64_t id);
// Throws forbidden unless the user may submit works at all (a worker or a unit admin, for their
// own unit), whatever unit the body names: asked before the body is read.
void require_submitter(const CurrentUser& user);

Work create_work(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                 const WorkForm& form, const AuditContext& ctx);
Work save_work(WebContext& web, const CurrentUser& user, std::int64_t id, WorkContent content,
               const AuditContext& ctx);
// The work, once the user may change it and the file's measured facts keep the track's rules;
// refuses with each broken rule and the measured value.
Work check_file_for_work(WebContext& web, const CurrentUser& user, std::int64_t id,
                         const WorkFile& file);
// Adds a file that check_file_for_work accepted for `work`.
Work add_checked_file(WebContext& web, const Work& work, const WorkFile& file,
                      const AuditContext& ctx);
Work remove_file(WebContext& web, const CurrentUser& user, std::int64_t id, std::size_t index,
                 const AuditContext& ctx);
Work submit_work(WebContext& web, const CurrentUser& user, std::int64_t id, const AuditContext& ctx);
Work withdraw_work(WebContext& web, const CurrentUser& user, std::int64_t id,
                   const AuditContext& ctx);
// The work, when the user may decide on works (an admin of their own unit) and may see it: not
// found or forbidden otherwise. Asked before the decision is read.
Work require_decider(WebContext& web, const CurrentUser& user, std::int64_t id);
// The user's unit decides on a work waiting there.
Work decide(WebContext& web, const CurrentUser& user, std::int64_t id, Decision decision,
            const std::string& reason, const AuditContext& ctx);

// The unit a user reviews for (their own) with its level's settings per track.
struct QueueItem {
    Work work;
    Track track;
    bool actionable = false;                  // waiting at the user's unit
    std::string unit_name;                    // the unit it was submitted for
    std::vector<std::string> path;            // names of the units that recommended it, in order
    std::vector<std::int64_t> duplicates;     // other works holding one of its files
};
std::vector<QueueItem> review_queue(WebContext& web, const CurrentUser& user,
                                    const Campaign& campaign);

// Counts per track and state in the subtree of `unit_code` (the user's unit when empty).
struct TrackCounts {
    Track track;
    std::map<WorkState, long long> by_state;
    long long recommended_here = 0;  // active recommendations by the unit
    std::optional<LevelSetting> level;  // of the unit, if its level takes part
};
std::vector<TrackCounts> work_counts(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign, const std::string& unit_code);
Unit counted_unit(WebContext& web, const CurrentUser& user, const std::string& unit_code);

}  // namespace wangju::web::works
