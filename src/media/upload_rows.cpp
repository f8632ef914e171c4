#include "media/upload_rows.h"

#include "media/media_facts_json.h"

namespace wangju::media {

namespace {

constexpr const char* kFind =
    "SELECT id, owner_id, filename, metadata, length_bytes, state, created_at, expires_at, "
    "finished_at, sha256, facts, refusal, attached_to FROM uploads WHERE id = :id";
constexpr const char* kInsert =
    "INSERT INTO uploads (id, owner_id, filename, metadata, length_bytes, state, created_at, "
    "expires_at) VALUES (:id, :owner, :filename, :metadata, :length, 'open', :created_at, "
    ":expires_at)";
constexpr const char* kFinish =
    "UPDATE uploads SET state = 'finished', finished_at = :at, expires_at = :expires, "
    "sha256 = :sha256, facts = :facts WHERE id = :id";
constexpr const char* kRefuse =
    "UPDATE uploads SET state = 'refused', finished_at = :at, expires_at = :expires, "
    "refusal = :reason WHERE id = :id";
constexpr const char* kOpenOf =
    "SELECT COUNT(*), COALESCE(SUM(length_bytes), 0) FROM uploads "
    "WHERE owner_id = :owner AND state = 'open' AND expires_at > :now";
constexpr const char* kExpired =
    "SELECT id FROM uploads WHERE expires_at <= :now AND (state = 'open' OR attached_to IS NULL)";

UploadState state_from(const std::string& text) {
    if (text == "finished") return UploadState::finished;
    if (text == "refused") return UploadState::refused;
    return UploadState::open;
}

}  // namespace

std::string_view state_name(UploadState state) {
    switch (state) {
        case UploadState::open: return "open";
        case UploadState::finished: return "finished";
        case UploadState::refused: return "refused";
    }
    return "open";
}

void UploadRow::bind(soci::details::prepare_temp_type& p) {
    p, soci::into(id), soci::into(owner), soci::into(filename), soci::into(metadata),
        soci::into(length), soci::into(state), soci::into(created_at), soci::into(expires_at),
        soci::into(finished_at.value, finished_at.indicator),
        soci::into(sha256.value, sha256.indicator), soci::into(facts.value, facts.indicator),
        soci::into(refusal.value, refusal.indicator),
        soci::into(attached_to.value, attached_to.indicator);
}

Upload UploadRow::upload(std::uint64_t offset) const {
    Upload u;
    u.id = id;
    u.owner = UserId{owner};
    u.filename = filename;
    u.metadata = nlohmann::json::parse(metadata).get<std::map<std::string, std::string>>();
    u.length = static_cast<std::uint64_t>(length);
    u.state = state_from(state);
    u.offset = u.state == UploadState::open ? offset : u.length;
    u.created_at = store::timestamp_from(created_at);
    u.expires_at = store::timestamp_from(expires_at);
    u.finished_at = store::timestamp_from(finished_at);
    u.sha256 = sha256.get();
    if (auto text = facts.get()) u.facts = facts_from_json(nlohmann::json::parse(*text));
    u.refusal = refusal.get();
    u.attached_to = attached_to.get();
    return u;
}

std::optional<UploadRow> find_upload_row(soci::session& s, const std::string& id) {
    return store::fetch_one<UploadRow>(s, kFind, soci::use(id));
}

void insert_upload_row(soci::session& s, const Upload& u) {
    const long long owner = u.owner.value;
    const long long length = static_cast<long long>(u.length);
    const std::string metadata = nlohmann::json(u.metadata).dump();
    const std::string created = store::stored(u.created_at);
    const std::string expires = store::stored(u.expires_at);
    s << kInsert, soci::use(u.id), soci::use(owner), soci::use(u.filename), soci::use(metadata),
        soci::use(length), soci::use(created), soci::use(expires);
}

void delete_upload_row(soci::session& s, const std::string& id) {
    s << "DELETE FROM uploads WHERE id = :id", soci::use(id);
}

void mark_finished(soci::session& s, const Upload& u) {
    const std::string at = store::stored(*u.finished_at);
    const std::string expires = store::stored(u.expires_at);
    const std::string facts = to_json(*u.facts).dump();
    s << kFinish, soci::use(at), soci::use(expires), soci::use(*u.sha256), soci::use(facts),
        soci::use(u.id);
}

void mark_refused(soci::session& s, const Upload& u) {
    const std::string at = store::stored(*u.finished_at);
    const std::string expires = store::stored(u.expires_at);
    s << kRefuse, soci::use(at), soci::use(expires), soci::use(*u.refusal), soci::use(u.id);
}

void set_attached(soci::session& s, const std::string& id,
                  const std::optional<std::string>& attached_to) {
    store::NullableText what(attached_to);
    s << "UPDATE uploads SET attached_to = :what WHERE id = :id",
        soci::use(what.value, what.indicator), soci::use(id);
}

std::pair<long long, long long> open_uploads_of(soci::session& s, UserId owner, Timestamp now) {
    long long count = 0, bytes = 0;
    const std::string at = store::stored(now);
    const long long owner_id = owner.value;
    s << kOpenOf, soci::use(owner_id), soci::use(at), soci::into(count), soci::into(bytes);
    return {count, bytes};
}

std::vector<std::string> expired_upload_ids(soci::session& s, Timestamp now) {
    const std::string at = store::stored(now);
    return store::fetch_values<std::string>(s, kExpired, soci::use(at));
}

nlohmann::json audit_json(const Upload& u) {
    nlohmann::json json = {{"id", u.id},         {"owner", u.owner.value},
                           {"filename", u.filename}, {"length", u.length},
                           {"state", state_name(u.state)}};
    if (u.sha256) json["sha256"] = *u.sha256;
    if (u.attached_to) json["attached_to"] = *u.attached_to;
    if (u.refusal) json["refusal"] = *u.refusal;
    return json;
}

}  // namespace wangju::media
