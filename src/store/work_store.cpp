// WorkStore: works and their versions (created, edited, submitted, withdrawn), and the lists and
// counts of works.
#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/work_file_rules.h"
#include "store/work_rows.h"
#include "store/work_store.h"

namespace wangju::store {

using namespace work_rows;

namespace {

using Json = nlohmann::json;

constexpr const char* kOfOwner =
    WANGJU_WORK_COLUMNS "WHERE w.owner_id = :o AND w.campaign_id = :c ORDER BY w.id DESC";
constexpr const char* kAt = WANGJU_WORK_COLUMNS
    "WHERE w.campaign_id = :c AND (w.position_unit_id = :u OR EXISTS (SELECT 1 FROM "
    "work_decisions d WHERE d.work_id = w.id AND d.unit_id = :u2 AND d.active = 1)) "
    "ORDER BY w.track_id, w.submitted_at, w.id";
constexpr const char* kInsert =
    "INSERT INTO works (campaign_id, track_id, owner_id, unit_id, title, authors, form_values, "
    "state, position_unit_id, return_reason, version, created_at, updated_at, submitted_at) "
    "VALUES (:c, :t, :o, :u, :title, :authors, :values, 'draft', NULL, '', 1, :now, :now2, NULL) "
    "RETURNING id";
constexpr const char* kVersions =
    "SELECT version, state, content, saved_by, saved_at FROM work_versions WHERE work_id = :w "
    "ORDER BY version";
constexpr const char* kByPerson =
    "SELECT count(*) FROM works WHERE owner_id = :o AND track_id = :t AND id <> :id "
    "AND state NOT IN ('draft', 'withdrawn')";
constexpr const char* kByUnit =
    "SELECT count(*) FROM works WHERE unit_id = :u AND track_id = :t AND id <> :id "
    "AND state NOT IN ('draft', 'withdrawn')";
constexpr const char* kCounts =
    "SELECT w.track_id, w.state, count(*) FROM works w JOIN units n ON n.id = w.unit_id "
    "WHERE w.campaign_id = :c AND n.path >= :p AND n.path < :e GROUP BY w.track_id, w.state";
constexpr const char* kBriefs =
    "SELECT w.id, w.track_id, w.unit_id, n.path, w.state, w.position_unit_id FROM works w "
    "JOIN units n ON n.id = w.unit_id WHERE w.campaign_id = :c AND n.path >= :p AND n.path < :e "
    "ORDER BY n.path, w.id";
constexpr const char* kBriefDecisions =
    "SELECT d.work_id, d.unit_id FROM work_decisions d JOIN works w ON w.id = d.work_id "
    "JOIN units n ON n.id = w.unit_id WHERE w.campaign_id = :c AND n.path >= :p AND n.path < :e "
    "AND d.active = 1";

struct VersionRow {
    int version = 0;
    std::string state, content;
    NullableId saved_by;
    std::string saved_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(version), soci::into(state), soci::into(content),
            soci::into(saved_by.value, saved_by.indicator), soci::into(saved_at);
    }
};

struct CountRow {
    long long track_id = 0;
    std::string state;
    long long count = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(track_id), soci::into(state), soci::into(count);
    }
};

struct BriefRow {
    long long id = 0, track_id = 0, unit_id = 0;
    std::string path, state;
    NullableId position;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(track_id), soci::into(unit_id), soci::into(path),
            soci::into(state), soci::into(position.value, position.indicator);
    }
};

struct PairRow {
    long long a = 0, b = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(a), soci::into(b); }
};

long long count_of(soci::session& s, const char* sql, long long a, long long b, long long c) {
    long long n = 0;
    s << sql, soci::use(a), soci::use(b), soci::use(c), soci::into(n);
    return n;
}

}  // namespace

const LevelSetting& WorkRoute::first_level() const {
    if (chain.empty()) throw_conflict("本子项目尚未设置推荐层级,暂不能提交");
    const auto* s = setting_for(settings, chain_level_of(chain.front().kind));
    if (!s) throw_conflict("本子项目尚未设置推荐层级,暂不能提交");
    return *s;
}

Work WorkStore::create_work(const NewWork& work, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        track_in(s, work.track);
        long long id = 0;
        const std::string now = stored(now_utc());
        const std::string values = form_values_json(work.content.form_values).dump();
        s << kInsert, soci::use(work.campaign.value), soci::use(work.track.value),
            soci::use(work.owner.value), soci::use(work.unit.value), soci::use(work.content.title),
            soci::use(work.content.authors), soci::use(values), soci::use(now), soci::use(now),
            soci::into(id);
        Work created = require_work(s, WorkId{id});
        created.content.files = work.content.files;
        save(s, created, true, ctx);
        append_event(s, ctx, "work.create", fmt::format("work:{}", id), nullptr,
                     audit_json(created));
        return created;
    });
}

Work WorkStore::save_content(WorkId id, const WorkContent& content, const WorkRoute& route,
                             const AuditContext& ctx) {
    return change_work(database_, id, "work.save", ctx, [&](soci::session& s, Work& w) {
        require_editable(s, w, route);
        w.content.title = content.title;
        w.content.authors = content.authors;
        w.content.form_values = content.form_values;
        return true;
    });
}

Work WorkStore::submit(WorkId id, const WorkRoute& route, const AuditContext& ctx) {
    return change_work(database_, id, "work.submit", ctx, [&](soci::session& s, Work& w) {
        const auto state = next_state(w.state, WorkEvent::submit);
        const auto& first = route.first_level();
        const auto now = now_utc();
        check_submission_deadline(first, now);
        const Track track = track_in(s, w.track);
        require_no_violations(check_file_count(track.rules.files, w.content.files.size()));
        check_submission_limits(track.rules,
                                count_of(s, kByPerson, w.owner.value, w.track.value, w.id.value),
                                count_of(s, kByUnit, w.unit.value, w.track.value, w.id.value));
        s << kDeactivate, soci::use(w.id.value);
        w.state = state;
        w.position = route.chain.front().id;
        w.return_reason.clear();
        w.submitted_at = now;
        return true;
    });
}

Work WorkStore::withdraw(WorkId id, const WorkRoute& route, const AuditContext& ctx) {
    return change_work(database_, id, "work.withdraw", ctx, [&](soci::session& s, Work& w) {
        const auto state = next_state(w.state, WorkEvent::withdraw);
        check_submission_deadline(route.first_level(), now_utc());
        s << kDeactivate, soci::use(w.id.value);
        w.state = state;
        w.position.reset();
        return false;
    });
}

std::optional<Work> WorkStore::find_work(WorkId id) {
    return database_.read([&](soci::session& s) { return find_work_in(s, id); });
}

std::vector<Work> WorkStore::works_of_owner(UserId owner, CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        return with_files(
            s, fetch_all<WorkRow>(s, kOfOwner, soci::use(owner.value), soci::use(campaign.value)));
    });
}

std::vector<Work> WorkStore::works_at(UnitId unit, CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        return with_files(s, fetch_all<WorkRow>(s, kAt, soci::use(campaign.value),
                                                soci::use(unit.value), soci::use(unit.value)));
    });
}

std::vector<WorkVersion> WorkStore::versions(WorkId id) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkVersion> out;
        for (const auto& r : fetch_all<VersionRow>(s, kVersions, soci::use(id.value))) {
            WorkVersion v;
            v.version = r.version;
            v.state = parse_work_state(r.state).value_or(WorkState::draft);
            v.content = content_from_json(Json::parse(r.content));
            if (auto by = r.saved_by.get()) v.saved_by = UserId{*by};
            v.saved_at = timestamp_from(r.saved_at);
            out.push_back(std::move(v));
        }
        return out;
    });
}

std::vector<StateCount> WorkStore::counts_in_subtree(CampaignId campaign, const std::string& path) {
    return database_.read([&](soci::session& s) {
        std::vector<StateCount> out;
        const std::string end = subtree_end(path);
        for (const auto& r : fetch_all<CountRow>(s, kCounts, soci::use(campaign.value),
                                                 soci::use(path), soci::use(end))) {
            out.push_back({TrackId{r.track_id},
                           parse_work_state(r.state).value_or(WorkState::draft), r.count});
        }
        return out;
    });
}

std::vector<WorkBrief> WorkStore::works_in_subtree(CampaignId campaign, const std::string& path) {
    return database_.read([&](soci::session& s) {
        const std::string end = subtree_end(path);
        std::vector<WorkBrief> out;
        std::map<long long, std::size_t> index;
        for (const auto& r : fetch_all<BriefRow>(s, kBriefs, soci::use(campaign.value),
                                                 soci::use(path), soci::use(end))) {
            WorkBrief b{WorkId{r.id},
                        TrackId{r.track_id},
                        UnitId{r.unit_id},
                        r.path,
                        parse_work_state(r.state).value_or(WorkState::draft),
                        std::nullopt,
                        {}};
            if (auto p = r.position.get()) b.position = UnitId{*p};
            index[r.id] = out.size();
            out.push_back(std::move(b));
        }
        for (const auto& r : fetch_all<PairRow>(s, kBriefDecisions, soci::use(campaign.value),
                                                soci::use(path), soci::use(end))) {
            auto it = index.find(r.a);
            if (it != index.end()) out[it->second].decided_at.push_back(UnitId{r.b});
        }
        return out;
    });
}

}  // namespace wangju::store
