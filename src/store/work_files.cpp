// WorkStore: a work's files, added and removed one at a time (each a new version), and the works
// that hold a file of given content.
#include "domain/error.h"
#include "domain/work_file_rules.h"
#include "store/work_rows.h"
#include "store/work_store.h"

namespace wangju::store {

using namespace work_rows;

namespace {

constexpr const char* kSameFile =
    "SELECT DISTINCT f.work_id FROM work_files f JOIN works w ON w.id = f.work_id "
    "WHERE f.sha256 = :sha AND w.campaign_id = :c AND f.work_id <> :id ORDER BY f.work_id";
constexpr const char* kHolding =
    "SELECT DISTINCT work_id FROM work_files WHERE sha256 = :sha ORDER BY work_id";

}  // namespace

Work WorkStore::add_file(WorkId id, const WorkFile& file, const WorkRoute& route,
                         const AuditContext& ctx) {
    return change_work(database_, id, "work.file_add", ctx, [&](soci::session& s, Work& w) {
        require_editable(s, w, route);
        const Track track = track_in(s, w.track);
        FileRules at_most = track.rules.files;
        at_most.min_files = 0;  // a set is completed file by file; its minimum counts at submission
        require_no_violations(check_file_count(at_most, w.content.files.size() + 1));
        w.content.files.push_back(file);
        return true;
    });
}

Work WorkStore::remove_file(WorkId id, std::size_t index, const WorkRoute& route,
                            const AuditContext& ctx) {
    return change_work(database_, id, "work.file_remove", ctx, [&](soci::session& s, Work& w) {
        require_editable(s, w, route);
        if (index >= w.content.files.size()) throw_not_found("文件不存在");
        w.content.files.erase(w.content.files.begin() + static_cast<std::ptrdiff_t>(index));
        return true;
    });
}

std::vector<WorkId> WorkStore::works_with_file(CampaignId campaign, const std::string& sha256,
                                               WorkId except) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkId> out;
        for (auto id : fetch_values<long long>(s, kSameFile, soci::use(sha256),
                                               soci::use(campaign.value), soci::use(except.value)))
            out.push_back(WorkId{id});
        return out;
    });
}

std::vector<WorkId> WorkStore::works_holding(const std::string& sha256) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkId> out;
        for (auto id : fetch_values<long long>(s, kHolding, soci::use(sha256)))
            out.push_back(WorkId{id});
        return out;
    });
}

}  // namespace wangju::store
