// The one implementation of Store: SOCI over SQLite or PostgreSQL. Reads borrow a session from
// the pool; every change runs in a Transaction on the write session together with its audit event.
#include <functional>
#include <utility>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/connections.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/session_queries.h"
#include "store/store.h"
#include "store/transaction.h"
#include "store/unit_changes.h"
#include "store/unit_queries.h"
#include "store/user_changes.h"
#include "store/user_queries.h"

namespace wangju::store {

namespace {

class SociStore final : public Store {
    template <class Query>
    auto read(Query&& query) {
        return database_.read(std::forward<Query>(query));
    }
    template <class Change>
    auto write(Change&& change) {
        return database_.write(std::forward<Change>(change));
    }

    User change_user(UserId id, const AuditContext& ctx, const std::string& action,
                     const std::function<void(User&)>& edit,
                     const nlohmann::json& extra_after = nlohmann::json::object()) {
        return write([&](soci::session& s) {
            return change_user_in(s, id, ctx, action, edit, extra_after);
        });
    }

  public:
    explicit SociStore(const std::string& url)
        : database_(url), connections_(database_.connections()),
          migrations_(migrations_for(connections_.engine())) {}

    Database& database() override { return database_; }

    std::string engine() const override {
        return connections_.engine() == Engine::sqlite ? "sqlite" : "postgresql";
    }

    bool ping() override {
        try {
            int one = 0;
            *connections_.read() << "SELECT 1", soci::into(one);
            return one == 1;
        } catch (const std::exception&) {
            return false;
        }
    }

    PoolStats pool_stats() const override { return {connections_.size(), connections_.in_use()}; }

    // ---- migrations
    int schema_version() override {
        return read(
            [&](soci::session& s) { return store::schema_version(s, connections_.engine()); });
    }
    int latest_schema_version() const override {
        return migrations_.empty() ? 0 : migrations_.back().version;
    }
    void migrate() override { store::migrate(connections_); }

    // ---- units
    std::optional<Unit> find_unit(UnitId id) override {
        return read([&](soci::session& s) { return units::find(s, id); });
    }
    std::optional<Unit> find_unit_by_code(std::string_view code) override {
        return read([&](soci::session& s) { return units::find_by_code(s, std::string(code)); });
    }
    std::vector<Unit> children(UnitId parent) override {
        return read([&](soci::session& s) { return units::children(s, parent); });
    }
    std::vector<Unit> subtree(const Unit& root) override {
        return read([&](soci::session& s) { return units::subtree(s, root.path); });
    }
    std::vector<Unit> ancestors(const Unit& unit) override {
        return read([&](soci::session& s) {
            std::vector<Unit> out;
            const auto ids = ids_on_path(unit.path);
            for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
                if (auto ancestor = units::find(s, ids[i])) out.push_back(std::move(*ancestor));
            }
            return out;
        });
    }
    std::vector<Unit> roots() override {
        return read([&](soci::session& s) { return units::roots(s); });
    }
    std::size_t count_units() override {
        return read([&](soci::session& s) { return units::count(s); });
    }
    Unit create_unit(const NewUnit& unit, const AuditContext& ctx) override {
        return write([&](soci::session& s) { return create_unit_in(s, unit, ctx); });
    }
    Unit update_unit(UnitId id, const UnitChanges& changes, const AuditContext& ctx) override {
        return write([&](soci::session& s) { return update_unit_in(s, id, changes, ctx); });
    }
    Unit move_unit(UnitId id, UnitId new_parent, const AuditContext& ctx) override {
        return write([&](soci::session& s) { return move_unit_in(s, id, new_parent, ctx); });
    }
    std::vector<Unit> import_units(const std::vector<NewUnit>& rows,
                                   const AuditContext& ctx) override {
        return write([&](soci::session& s) { return import_units_in(s, rows, ctx); });
    }

    // ---- users
    std::optional<User> find_user(UserId id) override {
        return read([&](soci::session& s) { return users::find(s, id); });
    }
    std::optional<User> find_user_by_username(std::string_view username) override {
        return read([&](soci::session& s) {
            return users::find_by_username(s, normalized_username(username));
        });
    }
    std::vector<User> users_in_subtree(const Unit& root) override {
        return read([&](soci::session& s) { return users::in_subtree(s, root.path); });
    }
    std::size_t count_users() override {
        return read([&](soci::session& s) { return users::count(s); });
    }
    User create_user(const NewUser& user, const AuditContext& ctx) override {
        return write([&](soci::session& s) { return create_user_in(s, user, ctx); });
    }
    User set_password(UserId id, const std::string& password_hash, bool must_change,
                      const AuditContext& ctx) override {
        const auto edit = [&](User& u) {
            u.password_hash = password_hash;
            u.must_change_password = must_change;
        };
        return change_user(id, ctx, "user.password", edit, {{"password", "***"}});
    }
    User set_roles(UserId id, Roles roles, const AuditContext& ctx) override {
        return change_user(id, ctx, "user.roles", [&](User& u) { u.roles = roles; });
    }
    User set_display_name(UserId id, const std::string& name, const AuditContext& ctx) override {
        if (name.empty()) throw_invalid("请填写姓名", {{"display_name", "请填写姓名"}});
        return change_user(id, ctx, "user.display_name", [&](User& u) { u.display_name = name; });
    }
    User set_disabled(UserId id, bool disabled, const AuditContext& ctx) override {
        return change_user(id, ctx, "user.disabled", [&](User& u) { u.disabled = disabled; });
    }
    User set_email(UserId id, const std::string& email, const AuditContext& ctx) override {
        if (auto reason = check_email(email); !email.empty() && !reason.empty())
            throw_invalid(reason, {{"email", reason}});
        return change_user(id, ctx, "user.email", [&](User& u) {
            u.email = email.empty() ? std::nullopt : std::optional<std::string>(email);
        });
    }
    User set_totp_secret(UserId id, std::optional<std::string> secret,
                         const AuditContext& ctx) override {
        return change_user(id, ctx, "user.totp", [&](User& u) { u.totp_secret = secret; });
    }
    User record_login_success(UserId id, const AuditContext& ctx) override {
        return change_user(id, ctx, "user.login", [](User& u) {
            u.failed_logins = 0;
            u.locked_until.reset();
        });
    }
    User record_login_failure(UserId id, int lock_after, std::chrono::seconds lock_for,
                              const AuditContext& ctx) override {
        return write([&](soci::session& s) {
            return record_login_failure_in(s, id, lock_after, lock_for, ctx);
        });
    }

    // ---- sessions
    void create_session(const Session& session, const AuditContext& ctx) override {
        write([&](soci::session& s) { create_session_in(s, session, ctx); });
    }
    std::optional<Session> find_session(std::string_view token_hash) override {
        return database_.read_keyed(
            [&](soci::session& s) { return sessions::find(s, std::string(token_hash)); });
    }
    void touch_session(std::string_view token_hash, Timestamp at) override {
        database_.write_alone(
            [&](soci::session& s) { sessions::touch(s, std::string(token_hash), at); });
    }
    void delete_session(std::string_view token_hash, const AuditContext& ctx) override {
        write([&](soci::session& s) { delete_session_in(s, std::string(token_hash), ctx); });
    }
    std::vector<Session> sessions_of(UserId user) override {
        return read([&](soci::session& s) { return sessions::of_user(s, user); });
    }
    void delete_sessions_of(UserId user, const AuditContext& ctx) override {
        write([&](soci::session& s) { delete_sessions_of_in(s, user, ctx); });
    }
    std::size_t delete_expired_sessions(Timestamp idle_before, Timestamp created_before) override {
        return database_.write_alone([&](soci::session& s) {
            return sessions::remove_expired(s, idle_before, created_before);
        });
    }

    // ---- audit log
    void append_audit(const AuditContext& ctx, const std::string& action, const std::string& object,
                      const nlohmann::json& before, const nlohmann::json& after) override {
        write([&](soci::session& s) { append_event(s, ctx, action, object, before, after); });
    }
    std::vector<AuditEvent> audit_events(std::int64_t after_seq, std::size_t limit) override {
        return read([&](soci::session& s) { return read_events(s, after_seq, limit); });
    }
    std::size_t count_audit_events() override {
        return read([&](soci::session& s) { return count_events(s); });
    }

  private:
    Database database_;
    Connections& connections_;
    const std::vector<Migration> migrations_;
};

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& url) {
    return std::make_unique<SociStore>(url);
}

}  // namespace wangju::store
