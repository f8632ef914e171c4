// The row shapes, queries and steps that the work store's files share (not part of the interface):
// reading a work with its files, and changing one inside a write transaction together with its
// version snapshot and audit event.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "domain/work.h"
#include "store/audit_log.h"
#include "store/rows.h"
#include "store/work_store.h"

namespace wangju::store::work_rows {

// The columns of a WorkRow; `w` is works.
#define WANGJU_WORK_COLUMNS                                                                  \
    "SELECT w.id, w.campaign_id, w.track_id, w.owner_id, w.unit_id, w.title, w.authors, "    \
    "w.form_values, w.state, w.position_unit_id, w.return_reason, w.version, w.created_at, " \
    "w.updated_at, w.submitted_at FROM works w "

// Makes a work's decisions inactive: they no longer count against the quotas.
constexpr const char* kDeactivate = "UPDATE work_decisions SET active = 0 WHERE work_id = :w";

struct WorkRow {
    long long id = 0, campaign_id = 0, track_id = 0, owner_id = 0, unit_id = 0;
    std::string title, authors, form_values, state;
    NullableId position;
    std::string return_reason;
    int version = 0;
    std::string created_at, updated_at;
    NullableText submitted_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(track_id), soci::into(owner_id),
            soci::into(unit_id), soci::into(title), soci::into(authors), soci::into(form_values),
            soci::into(state), soci::into(position.value, position.indicator),
            soci::into(return_reason), soci::into(version), soci::into(created_at),
            soci::into(updated_at), soci::into(submitted_at.value, submitted_at.indicator);
    }
    Work work() const;  // without its files
};

// Works with their files.
std::optional<Work> find_work_in(soci::session& s, WorkId id);
Work require_work(soci::session& s, WorkId id);  // throws Error(not_found)
std::vector<Work> with_files(soci::session& s, const std::vector<WorkRow>& rows);

// A version's content as its snapshot stores it, and back.
nlohmann::json content_json(const WorkContent& content);
WorkContent content_from_json(const nlohmann::json& json);
nlohmann::json audit_json(const Work& work);

// Writes the work row; when `new_version`, also its files and a version snapshot.
void save(soci::session& s, const Work& work, bool new_version, const AuditContext& ctx);

// The track's id and rules; throws Error(not_found) when it does not exist.
Track track_in(soci::session& s, TrackId id);

// The owner may change a work's content while no level has decided on it, until the deadline of
// its first level.
void require_editable(soci::session& s, const Work& work, const WorkRoute& route);

// Reads the work, lets `change(session, work)` change it (returning whether it makes a new
// version), and saves it with an audit event `action`, all in one write transaction.
template <class Change>
Work change_work(Database& db, WorkId id, const char* action, const AuditContext& ctx,
                 Change change) {
    return db.write([&](soci::session& s) {
        Work before = require_work(s, id);
        Work after = before;
        bool new_version = change(s, after);
        after.updated_at = now_utc();
        if (new_version) ++after.version;
        save(s, after, new_version, ctx);
        append_event(s, ctx, action, fmt::format("work:{}", id.value), audit_json(before),
                     audit_json(after));
        return after;
    });
}

}  // namespace wangju::store::work_rows
