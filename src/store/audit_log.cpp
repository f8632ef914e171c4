#include "store/audit_log.h"

#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kLockAuditLog = "LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE";
constexpr const char* kLastEvent = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsertEvent =
    "INSERT INTO audit_events (seq, at, actor_id, client_address, action, object, before_json, "
    "after_json, prev_hash, hash) VALUES (:seq, :at, :actor_id, :client_address, :action, "
    ":object, :before_json, :after_json, :prev_hash, :hash)";
constexpr const char* kSelectEvents =
    "SELECT seq, at, actor_id, client_address, action, object, before_json, after_json, "
    "prev_hash, hash FROM audit_events WHERE seq > :after_seq ORDER BY seq LIMIT :limit";
constexpr const char* kCountEvents = "SELECT count(*) FROM audit_events";

struct EventRow {
    long long seq = 0;
    std::string at;
    NullableId actor;
    std::string client_address, action, object, before_json, after_json, prev_hash, hash;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(seq), soci::into(at), soci::into(actor.value, actor.indicator),
            soci::into(client_address), soci::into(action), soci::into(object),
            soci::into(before_json), soci::into(after_json), soci::into(prev_hash),
            soci::into(hash);
    }

    AuditEvent event() const {
        AuditEvent e;
        e.seq = seq;
        e.at = timestamp_from(at);
        if (auto id = actor.get()) e.actor = UserId{*id};
        e.client_address = client_address;
        e.action = action;
        e.object = object;
        e.before = nlohmann::json::parse(before_json);
        e.after = nlohmann::json::parse(after_json);
        e.prev_hash = prev_hash;
        e.hash = hash;
        return e;
    }
};

}  // namespace

void lock_audit_log(soci::session& session, Engine engine) {
    if (engine == Engine::postgresql) session << kLockAuditLog;
}

AuditHead audit_head(soci::session& session) {
    long long seq = 0;
    std::string hash;
    session << kLastEvent, soci::into(seq), soci::into(hash);
    if (!session.got_data()) return {0, genesis_hash()};
    return {seq, hash};
}

AuditEvent append_event(soci::session& session, const AuditContext& ctx, const std::string& action,
                        const std::string& object, const nlohmann::json& before,
                        const nlohmann::json& after) {
    const AuditHead head = audit_head(session);
    AuditEvent e;
    e.seq = head.seq + 1;
    e.at = now_utc();
    e.actor = ctx.actor;
    e.client_address = ctx.client_address;
    e.action = action;
    e.object = object;
    e.before = before;
    e.after = after;
    e.prev_hash = head.hash;
    e.hash = event_hash(e);

    const long long seq = e.seq;
    const std::string at = stored(e.at);
    NullableId actor(ctx.actor ? std::optional<long long>(ctx.actor->value) : std::nullopt);
    const std::string before_json = before.dump();
    const std::string after_json = after.dump();
    session << kInsertEvent, soci::use(seq), soci::use(at), soci::use(actor.value, actor.indicator),
        soci::use(e.client_address), soci::use(e.action), soci::use(e.object),
        soci::use(before_json), soci::use(after_json), soci::use(e.prev_hash), soci::use(e.hash);
    return e;
}

std::vector<AuditEvent> read_events(soci::session& session, std::int64_t after_seq,
                                    std::size_t limit) {
    const long long after = after_seq;
    const long long max_rows = static_cast<long long>(limit);
    std::vector<AuditEvent> events;
    for (const auto& row :
         fetch_all<EventRow>(session, kSelectEvents, soci::use(after), soci::use(max_rows))) {
        events.push_back(row.event());
    }
    return events;
}

std::size_t count_events(soci::session& session) {
    long long count = 0;
    session << kCountEvents, soci::into(count);
    return static_cast<std::size_t>(count);
}

}  // namespace wangju::store
