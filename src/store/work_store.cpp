// WorkStore: works, their versions and files, and the decisions of each level.
#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "domain/work_file_rules.h"
#include "store/audit_log.h"
#include "store/rows.h"
#include "store/work_store.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

#define WANGJU_WORK_COLUMNS                                                                     \
    "SELECT w.id, w.campaign_id, w.track_id, w.owner_id, w.unit_id, w.title, w.authors, "       \
    "w.form_values, w.state, w.position_unit_id, w.return_reason, w.version, w.created_at, "    \
    "w.updated_at, w.submitted_at FROM works w "
constexpr const char* kFind = WANGJU_WORK_COLUMNS "WHERE w.id = :id";
constexpr const char* kOfOwner =
    WANGJU_WORK_COLUMNS "WHERE w.owner_id = :o AND w.campaign_id = :c ORDER BY w.id DESC";
constexpr const char* kAt = WANGJU_WORK_COLUMNS
    "WHERE w.campaign_id = :c AND (w.position_unit_id = :u OR EXISTS (SELECT 1 FROM "
    "work_decisions d WHERE d.work_id = w.id AND d.unit_id = :u2 AND d.active = 1)) "
    "ORDER BY w.track_id, w.submitted_at, w.id";
#undef WANGJU_WORK_COLUMNS
constexpr const char* kInsert =
    "INSERT INTO works (campaign_id, track_id, owner_id, unit_id, title, authors, form_values, "
    "state, position_unit_id, return_reason, version, created_at, updated_at, submitted_at) "
    "VALUES (:c, :t, :o, :u, :title, :authors, :values, 'draft', NULL, '', 1, :now, :now2, NULL) "
    "RETURNING id";
constexpr const char* kUpdate =
    "UPDATE works SET title = :title, authors = :authors, form_values = :values, state = :state, "
    "position_unit_id = :position, return_reason = :reason, version = :version, "
    "updated_at = :updated_at, submitted_at = :submitted_at WHERE id = :id";
constexpr const char* kFiles =
    "SELECT seq, sha256, size_bytes, filename, mime_type, facts FROM work_files "
    "WHERE work_id = :id ORDER BY seq";
constexpr const char* kDeleteFiles = "DELETE FROM work_files WHERE work_id = :id";
constexpr const char* kInsertFile =
    "INSERT INTO work_files (work_id, seq, sha256, size_bytes, filename, mime_type, facts) "
    "VALUES (:w, :seq, :sha, :size, :name, :mime, :facts)";
constexpr const char* kInsertVersion =
    "INSERT INTO work_versions (work_id, version, state, content, saved_by, saved_at) "
    "VALUES (:w, :v, :state, :content, :by, :at)";
constexpr const char* kVersions =
    "SELECT version, state, content, saved_by, saved_at FROM work_versions WHERE work_id = :w "
    "ORDER BY version";
constexpr const char* kDecisions =
    "SELECT unit_id, decision, reason, decided_by, decided_at, active FROM work_decisions "
    "WHERE work_id = :w ORDER BY id";
constexpr const char* kInsertDecision =
    "INSERT INTO work_decisions (work_id, track_id, unit_id, decision, reason, decided_by, "
    "decided_at, active) VALUES (:w, :t, :u, :d, :r, :by, :at, 1)";
constexpr const char* kDeactivate = "UPDATE work_decisions SET active = 0 WHERE work_id = :w";
constexpr const char* kActiveDecisions =
    "SELECT count(*) FROM work_decisions WHERE work_id = :w AND active = 1";
constexpr const char* kRecommended =
    "SELECT count(*) FROM work_decisions WHERE unit_id = :u AND track_id = :t "
    "AND decision = 'recommend' AND active = 1";
constexpr const char* kByPerson =
    "SELECT count(*) FROM works WHERE owner_id = :o AND track_id = :t AND id <> :id "
    "AND state NOT IN ('draft', 'withdrawn')";
constexpr const char* kByUnit =
    "SELECT count(*) FROM works WHERE unit_id = :u AND track_id = :t AND id <> :id "
    "AND state NOT IN ('draft', 'withdrawn')";
constexpr const char* kSameFile =
    "SELECT DISTINCT f.work_id FROM work_files f JOIN works w ON w.id = f.work_id "
    "WHERE f.sha256 = :sha AND w.campaign_id = :c AND f.work_id <> :id ORDER BY f.work_id";
constexpr const char* kHolding =
    "SELECT DISTINCT work_id FROM work_files WHERE sha256 = :sha ORDER BY work_id";
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
    Work work() const {
        Work w;
        w.id = WorkId{id};
        w.campaign = CampaignId{campaign_id};
        w.track = TrackId{track_id};
        w.owner = UserId{owner_id};
        w.unit = UnitId{unit_id};
        w.content.title = title;
        w.content.authors = authors;
        w.content.form_values = form_values_from_json(Json::parse(form_values));
        w.state = parse_work_state(state).value_or(WorkState::draft);
        if (auto p = position.get()) w.position = UnitId{*p};
        w.return_reason = return_reason;
        w.version = version;
        w.created_at = timestamp_from(created_at);
        w.updated_at = timestamp_from(updated_at);
        w.submitted_at = timestamp_from(submitted_at);
        return w;
    }
};

struct FileRow {
    int seq = 0;
    std::string sha256;
    long long size_bytes = 0;
    std::string filename, mime_type, facts;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(seq), soci::into(sha256), soci::into(size_bytes), soci::into(filename),
            soci::into(mime_type), soci::into(facts);
    }
};

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

struct DecisionRow {
    long long unit_id = 0;
    std::string decision, reason;
    long long decided_by = 0;
    std::string decided_at;
    int active = 0;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit_id), soci::into(decision), soci::into(reason), soci::into(decided_by),
            soci::into(decided_at), soci::into(active);
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

long long recommended_in(soci::session& s, UnitId unit, TrackId track) {
    long long n = 0;
    s << kRecommended, soci::use(unit.value), soci::use(track.value), soci::into(n);
    return n;
}

long long count_of(soci::session& s, const char* sql, long long a, long long b, long long c) {
    long long n = 0;
    s << sql, soci::use(a), soci::use(b), soci::use(c), soci::into(n);
    return n;
}

std::vector<WorkFile> files_of(soci::session& s, WorkId id) {
    std::vector<WorkFile> out;
    for (const auto& r : fetch_all<FileRow>(s, kFiles, soci::use(id.value))) {
        out.push_back({r.sha256, static_cast<std::uint64_t>(r.size_bytes), r.filename, r.mime_type,
                       media_facts_from_json(Json::parse(r.facts))});
    }
    return out;
}

std::optional<Work> find_in(soci::session& s, WorkId id) {
    auto row = fetch_one<WorkRow>(s, kFind, soci::use(id.value));
    if (!row) return std::nullopt;
    Work w = row->work();
    w.content.files = files_of(s, w.id);
    return w;
}

Work require_work(soci::session& s, WorkId id) {
    auto w = find_in(s, id);
    if (!w) throw_not_found("作品不存在");
    return *w;
}

std::vector<Work> with_files(soci::session& s, const std::vector<WorkRow>& rows) {
    std::vector<Work> out;
    for (const auto& row : rows) {
        Work w = row.work();
        w.content.files = files_of(s, w.id);
        out.push_back(std::move(w));
    }
    return out;
}

Json content_json(const WorkContent& c) {
    Json files = Json::array();
    for (const auto& f : c.files) files.push_back(work_file_json(f));
    return {{"title", c.title},
            {"authors", c.authors},
            {"form_values", form_values_json(c.form_values)},
            {"files", files}};
}

WorkContent content_from_json(const Json& j) {
    WorkContent c;
    c.title = j.value("title", "");
    c.authors = j.value("authors", "");
    c.form_values = form_values_from_json(j.value("form_values", Json::object()));
    for (const auto& f : j.value("files", Json::array())) c.files.push_back(work_file_from_json(f));
    return c;
}

Json audit_json(const Work& w) {
    Json j = content_json(w.content);
    j["id"] = w.id.value;
    j["state"] = to_string(w.state);
    j["version"] = w.version;
    j["position_unit_id"] = w.position ? Json(w.position->value) : Json(nullptr);
    return j;
}

// Writes the work row; when `new_version`, also its files and a version snapshot.
void save(soci::session& s, const Work& w, bool new_version, const AuditContext& ctx) {
    NullableId position(w.position ? std::optional<long long>(w.position->value) : std::nullopt);
    NullableText submitted_at = stored(w.submitted_at);
    const std::string values = form_values_json(w.content.form_values).dump();
    const std::string state(to_string(w.state));
    const std::string updated = stored(w.updated_at);
    s << kUpdate, soci::use(w.content.title), soci::use(w.content.authors), soci::use(values),
        soci::use(state), soci::use(position.value, position.indicator),
        soci::use(w.return_reason), soci::use(w.version), soci::use(updated),
        soci::use(submitted_at.value, submitted_at.indicator), soci::use(w.id.value);
    if (!new_version) return;
    s << kDeleteFiles, soci::use(w.id.value);
    int seq = 0;
    for (const auto& f : w.content.files) {
        const long long size = static_cast<long long>(f.size_bytes);
        const std::string facts = media_facts_json(f.facts).dump();
        s << kInsertFile, soci::use(w.id.value), soci::use(seq), soci::use(f.sha256),
            soci::use(size), soci::use(f.filename), soci::use(f.mime_type), soci::use(facts);
        ++seq;
    }
    NullableId by(ctx.actor ? std::optional<long long>(ctx.actor->value) : std::nullopt);
    const std::string content = content_json(w.content).dump();
    s << kInsertVersion, soci::use(w.id.value), soci::use(w.version), soci::use(state),
        soci::use(content), soci::use(by.value, by.indicator), soci::use(updated);
}

Track track_in(soci::session& s, TrackId id) {
    auto row = fetch_one<OneColumn<long long>>(s, "SELECT id FROM tracks WHERE id = :id",
                                               soci::use(id.value));
    if (!row) throw_not_found("子项目不存在");
    std::string rules;
    s << "SELECT rules FROM tracks WHERE id = :id", soci::use(id.value), soci::into(rules);
    Track t;
    t.id = id;
    t.rules = track_rules_from_json(Json::parse(rules));
    return t;
}

long long active_decisions(soci::session& s, WorkId id) {
    long long n = 0;
    s << kActiveDecisions, soci::use(id.value), soci::into(n);
    return n;
}

// The owner may change a work's content while no level has decided on it, until the deadline of
// its first level.
void require_editable(soci::session& s, const Work& w, const WorkRoute& route) {
    next_state(w.state, WorkEvent::edit);
    if (w.state == WorkState::pending && active_decisions(s, w.id) > 0) {
        throw_conflict("作品已有审核结果,不能再修改");
    }
    check_submission_deadline(route.first_level(), now_utc());
}

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
        append_event(s, ctx, "work.create", fmt::format("work:{}", id), nullptr, audit_json(created));
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

Work WorkStore::decide(const DecisionRequest& r, const AuditContext& ctx) {
    return change_work(database_, r.work, "work.decide", ctx, [&](soci::session& s, Work& w) {
        if (w.state != WorkState::pending || w.position != r.at.id) {
            throw_conflict("该作品不在本级待审核作品中(可能已被其他管理员处理)");
        }
        check_decision_deadline(r.level, r.now);
        const std::string decision(to_string(r.decision));
        if (r.decision == Decision::recommend) {
            check_quota(r.level, recommended_in(s, r.at.id, w.track));
            w.state = next_state(w.state, r.next ? WorkEvent::recommend
                                                 : WorkEvent::recommend_to_judging);
            if (r.next) w.position = *r.next;
        } else if (r.decision == Decision::not_recommend) {
            w.state = next_state(w.state, WorkEvent::not_recommend);
        } else {
            if (trim(r.reason).empty()) {
                throw_invalid("退回修改须写明原因", {{"reason", "请写明退回原因"}});
            }
            w.state = next_state(w.state, WorkEvent::return_for_changes);
            w.return_reason = r.reason;
        }
        const std::string at = stored(r.now);
        s << kInsertDecision, soci::use(w.id.value), soci::use(w.track.value),
            soci::use(r.at.id.value), soci::use(decision), soci::use(r.reason),
            soci::use(r.by.value), soci::use(at);
        if (r.decision == Decision::return_for_changes) {
            s << kDeactivate, soci::use(w.id.value);
            w.position.reset();
        }
        return false;
    });
}

std::optional<Work> WorkStore::find_work(WorkId id) {
    return database_.read([&](soci::session& s) { return find_in(s, id); });
}

std::vector<Work> WorkStore::works_of_owner(UserId owner, CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        return with_files(s, fetch_all<WorkRow>(s, kOfOwner, soci::use(owner.value),
                                                soci::use(campaign.value)));
    });
}

std::vector<Work> WorkStore::works_at(UnitId unit, CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        return with_files(s, fetch_all<WorkRow>(s, kAt, soci::use(campaign.value),
                                                soci::use(unit.value), soci::use(unit.value)));
    });
}

std::vector<WorkDecisionRecord> WorkStore::decisions(WorkId id) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkDecisionRecord> out;
        for (const auto& r : fetch_all<DecisionRow>(s, kDecisions, soci::use(id.value))) {
            out.push_back({UnitId{r.unit_id}, parse_decision(r.decision).value_or(Decision::recommend),
                           r.reason, UserId{r.decided_by}, timestamp_from(r.decided_at),
                           r.active != 0});
        }
        return out;
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

long long WorkStore::recommended_count(UnitId unit, TrackId track) {
    return database_.read(
        [&](soci::session& s) { return recommended_in(s, unit, track); });
}

std::vector<StateCount> WorkStore::counts_in_subtree(CampaignId campaign, const std::string& path) {
    return database_.read([&](soci::session& s) {
        std::vector<StateCount> out;
        const std::string end = subtree_end(path);
        for (const auto& r : fetch_all<CountRow>(s, kCounts, soci::use(campaign.value),
                                                 soci::use(path), soci::use(end))) {
            out.push_back({TrackId{r.track_id}, parse_work_state(r.state).value_or(WorkState::draft),
                           r.count});
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
            WorkBrief b{WorkId{r.id}, TrackId{r.track_id}, UnitId{r.unit_id}, r.path,
                        parse_work_state(r.state).value_or(WorkState::draft), std::nullopt, {}};
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
