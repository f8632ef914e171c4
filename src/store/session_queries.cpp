#include "store/session_queries.h"

#include "store/rows.h"

namespace wangju::store::sessions {

namespace {

#define WANGJU_SESSION_COLUMNS                                                           \
    "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, client_address, " \
    "user_agent FROM sessions "

constexpr const char* kFind = WANGJU_SESSION_COLUMNS "WHERE token_hash = :token_hash";
constexpr const char* kOfUser =
    WANGJU_SESSION_COLUMNS "WHERE user_id = :user_id ORDER BY created_at DESC, token_hash";
constexpr const char* kInsert =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
    "client_address, user_agent) VALUES (:token_hash, :user_id, :csrf_token, :created_at, "
    ":last_seen_at, :client_address, :user_agent)";
constexpr const char* kTouch =
    "UPDATE sessions SET last_seen_at = :at WHERE token_hash = :token_hash";
constexpr const char* kRemove = "DELETE FROM sessions WHERE token_hash = :token_hash";
constexpr const char* kRemoveOfUser = "DELETE FROM sessions WHERE user_id = :user_id";
// Timestamps are fixed-width UTC text, so text order is time order.
constexpr const char* kRemoveExpired =
    "DELETE FROM sessions WHERE last_seen_at < :idle_before OR created_at < :created_before";

#undef WANGJU_SESSION_COLUMNS

struct SessionRow {
    std::string token_hash;
    long long user_id = 0;
    std::string csrf_token, created_at, last_seen_at, client_address, user_agent;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(token_hash), soci::into(user_id), soci::into(csrf_token),
            soci::into(created_at), soci::into(last_seen_at), soci::into(client_address),
            soci::into(user_agent);
    }

    Session session() const {
        return Session{token_hash,
                       UserId{user_id},
                       csrf_token,
                       timestamp_from(created_at),
                       timestamp_from(last_seen_at),
                       client_address,
                       user_agent};
    }
};

}  // namespace

void insert(soci::session& db, const Session& session) {
    const long long user_id = session.user.value;
    const std::string created_at = stored(session.created_at);
    const std::string last_seen_at = stored(session.last_seen_at);
    db << kInsert, soci::use(session.token_hash), soci::use(user_id), soci::use(session.csrf_token),
        soci::use(created_at), soci::use(last_seen_at), soci::use(session.client_address),
        soci::use(session.user_agent);
}

std::optional<Session> find(soci::session& db, const std::string& token_hash) {
    const auto row = fetch_one<SessionRow>(db, kFind, soci::use(token_hash));
    if (!row) return std::nullopt;
    return row->session();
}

std::vector<Session> of_user(soci::session& db, UserId user) {
    const long long user_id = user.value;
    std::vector<Session> out;
    for (const auto& row : fetch_all<SessionRow>(db, kOfUser, soci::use(user_id))) {
        out.push_back(row.session());
    }
    return out;
}

void touch(soci::session& db, const std::string& token_hash, Timestamp at) {
    const std::string last_seen_at = stored(at);
    db << kTouch, soci::use(last_seen_at), soci::use(token_hash);
}

void remove(soci::session& db, const std::string& token_hash) {
    db << kRemove, soci::use(token_hash);
}

std::size_t remove_of_user(soci::session& db, UserId user) {
    const long long user_id = user.value;
    soci::statement statement = (db.prepare << kRemoveOfUser, soci::use(user_id));
    statement.execute(true);
    return static_cast<std::size_t>(statement.get_affected_rows());
}

std::size_t remove_expired(soci::session& db, Timestamp idle_before, Timestamp created_before) {
    const std::string idle = stored(idle_before), created = stored(created_before);
    soci::statement statement = (db.prepare << kRemoveExpired, soci::use(idle), soci::use(created));
    statement.execute(true);
    return static_cast<std::size_t>(statement.get_affected_rows());
}

}  // namespace wangju::store::sessions
