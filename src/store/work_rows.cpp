// The steps the work store's files share: a work read with its files, its content as a version
// snapshot, and the write of a changed work.
#include "store/work_rows.h"

#include "domain/error.h"
#include "domain/work_file_rules.h"

namespace wangju::store::work_rows {
namespace {

using Json = nlohmann::json;

constexpr const char* kFind = WANGJU_WORK_COLUMNS "WHERE w.id = :id";
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
constexpr const char* kActiveDecisions =
    "SELECT count(*) FROM work_decisions WHERE work_id = :w AND active = 1";

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

std::vector<WorkFile> files_of(soci::session& s, WorkId id) {
    std::vector<WorkFile> out;
    for (const auto& r : fetch_all<FileRow>(s, kFiles, soci::use(id.value))) {
        out.push_back({r.sha256, static_cast<std::uint64_t>(r.size_bytes), r.filename, r.mime_type,
                       media_facts_from_json(Json::parse(r.facts))});
    }
    return out;
}

long long active_decisions(soci::session& s, WorkId id) {
    long long n = 0;
    s << kActiveDecisions, soci::use(id.value), soci::into(n);
    return n;
}

}  // namespace

Work WorkRow::work() const {
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

std::optional<Work> find_work_in(soci::session& s, WorkId id) {
    auto row = fetch_one<WorkRow>(s, kFind, soci::use(id.value));
    if (!row) return std::nullopt;
    Work w = row->work();
    w.content.files = files_of(s, w.id);
    return w;
}

Work require_work(soci::session& s, WorkId id) {
    auto w = find_work_in(s, id);
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

void save(soci::session& s, const Work& w, bool new_version, const AuditContext& ctx) {
    NullableId position(w.position ? std::optional<long long>(w.position->value) : std::nullopt);
    NullableText submitted_at = stored(w.submitted_at);
    const std::string values = form_values_json(w.content.form_values).dump();
    const std::string state(to_string(w.state));
    const std::string updated = stored(w.updated_at);
    s << kUpdate, soci::use(w.content.title), soci::use(w.content.authors), soci::use(values),
        soci::use(state), soci::use(position.value, position.indicator), soci::use(w.return_reason),
        soci::use(w.version), soci::use(updated),
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

void require_editable(soci::session& s, const Work& w, const WorkRoute& route) {
    next_state(w.state, WorkEvent::edit);
    if (w.state == WorkState::pending && active_decisions(s, w.id) > 0) {
        throw_conflict("作品已有审核结果,不能再修改");
    }
    check_submission_deadline(route.first_level(), now_utc());
}

}  // namespace wangju::store::work_rows
