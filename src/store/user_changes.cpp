#include "store/user_changes.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/session_queries.h"
#include "store/unit_queries.h"
#include "store/user_queries.h"

namespace wangju::store {

namespace {

User existing(soci::session& session, UserId id) {
    auto user = users::find(session, id);
    if (!user) throw_not_found("用户不存在");
    return *user;
}

// What a session's audit events record: never the token or its full digest.
nlohmann::json session_json(const Session& session) {
    return {{"session", session.token_hash.substr(0, 12)},
            {"client_address", session.client_address},
            {"user_agent", session.user_agent}};
}

}  // namespace

std::string normalized_username(std::string_view username) {
    std::string out(username);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

User create_user_in(soci::session& session, const NewUser& user, const AuditContext& ctx) {
    User created;
    created.username = normalized_username(user.username);
    if (auto reason = check_username(created.username); !reason.empty()) {
        throw_invalid(reason, {{"username", reason}});
    }
    if (user.display_name.empty()) throw_invalid("请填写姓名", {{"display_name", "请填写姓名"}});
    if (!units::find(session, user.unit)) {
        throw_invalid("所属单位不存在", {{"unit", "所属单位不存在"}});
    }
    if (users::find_by_username(session, created.username)) {
        throw_conflict(fmt::format("用户名“{}”已被使用", created.username));
    }
    created.display_name = user.display_name;
    created.unit = user.unit;
    created.roles = user.roles;
    created.password_hash = user.password_hash;
    created.must_change_password = user.must_change_password;
    created.created_at = now_utc();
    created.id = users::insert(session, created);
    append_event(session, ctx, "user.create", users::audit_object(created), nullptr,
                 users::to_json(created));
    return created;
}

User change_user_in(soci::session& session, UserId id, const AuditContext& ctx,
                    const std::string& action, const std::function<void(User&)>& change,
                    const nlohmann::json& extra_after) {
    const User before = existing(session, id);
    User after = before;
    change(after);
    users::update(session, after);
    nlohmann::json after_json = users::to_json(after);
    after_json.update(extra_after);
    append_event(session, ctx, action, users::audit_object(after), users::to_json(before),
                 after_json);
    return after;
}

User record_login_failure_in(soci::session& session, UserId id, int lock_after,
                             std::chrono::seconds lock_for, const AuditContext& ctx) {
    const User before = existing(session, id);
    User failed = before;
    ++failed.failed_logins;
    User after = failed;
    const bool lock = failed.failed_logins >= lock_after;
    if (lock) after.locked_until = now_utc() + lock_for;
    users::update(session, after);
    const std::string object = users::audit_object(after);
    append_event(session, ctx, "user.login_failed", object, users::to_json(before),
                 users::to_json(failed));
    if (lock) {
        append_event(session, ctx, "user.locked", object, users::to_json(failed),
                     users::to_json(after));
    }
    return after;
}

void create_session_in(soci::session& db, const Session& session, const AuditContext& ctx) {
    const User user = existing(db, session.user);
    sessions::insert(db, session);
    append_event(db, ctx, "session.create", users::audit_object(user), nullptr,
                 session_json(session));
}

void delete_session_in(soci::session& db, const std::string& token_hash, const AuditContext& ctx) {
    const auto session = sessions::find(db, token_hash);
    if (!session) return;
    const User user = existing(db, session->user);
    sessions::remove(db, token_hash);
    append_event(db, ctx, "session.delete", users::audit_object(user), session_json(*session),
                 nullptr);
}

void delete_sessions_of_in(soci::session& db, UserId id, const AuditContext& ctx) {
    const User user = existing(db, id);
    const std::size_t removed = sessions::remove_of_user(db, id);
    append_event(db, ctx, "session.delete_all", users::audit_object(user), {{"sessions", removed}},
                 {{"sessions", 0}});
}

}  // namespace wangju::store
