// The database behind one interface. `open` picks SQLite (a file path) or PostgreSQL (a
// postgresql:// URL); both run the same queries through SOCI, and one test suite checks both.
//
// Contract:
// - Every method is safe to call from many threads at once.
// - Every method that changes state runs in one transaction together with the audit event it
//   appends (AuditContext says who and from where); when it throws, nothing was changed.
// - A method returns only after its transaction committed: what it acknowledged survives a crash.
// - Methods throw wangju::Error for what a user did wrong (not found, conflict, invalid input with
//   a Chinese message) and other exceptions for failures of the database itself.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/time.h"
#include "domain/unit.h"
#include "domain/user.h"

namespace wangju::store {

class Database;

using wangju::NewUnit;

struct UnitChanges {
    std::optional<std::string> name;
    std::optional<std::optional<Date>> opens_on;   // outer empty: leave as is
    std::optional<std::optional<Date>> closes_on;
};

struct NewUser {
    std::string username;
    std::string display_name;
    UnitId unit;
    Roles roles;
    std::string password_hash;
    bool must_change_password = true;
};

struct Session {
    std::string token_hash;  // sha256_hex of the cookie's token; the token itself is never stored
    UserId user;
    std::string csrf_token;
    Timestamp created_at{};
    Timestamp last_seen_at{};
    std::string client_address;
    std::string user_agent;
};

struct PoolStats {
    std::size_t size = 0;    // connections held
    std::size_t in_use = 0;  // connections lent out right now
};

class Store {
public:
    // `url`: "postgresql://user@host:port/db?..." or a SQLite file path (":memory:" is refused:
    // a pool of connections needs a shared file). Does not migrate.
    static std::unique_ptr<Store> open(const std::string& url);
    virtual ~Store() = default;

    virtual std::string engine() const = 0;  // "sqlite" or "postgresql"
    // The connections this store uses; the feature stores (store/*_store.h) are built on it.
    virtual Database& database() = 0;
    virtual bool ping() = 0;                 // the database answers a trivial query
    virtual PoolStats pool_stats() const = 0;

    // ---- migrations
    virtual int schema_version() = 0;               // 0 for an empty database
    virtual int latest_schema_version() const = 0;  // what this binary knows
    // Applies every migration above schema_version(), each in its own transaction. Throws
    // Error(unavailable) with a clear message when the database is newer than the binary.
    virtual void migrate() = 0;

    // ---- units
    virtual std::optional<Unit> find_unit(UnitId id) = 0;
    virtual std::optional<Unit> find_unit_by_code(std::string_view code) = 0;
    virtual std::vector<Unit> children(UnitId parent) = 0;           // ordered by code
    virtual std::vector<Unit> subtree(const Unit& root) = 0;         // root first, by path
    virtual std::vector<Unit> ancestors(const Unit& unit) = 0;       // root first, unit excluded
    virtual std::vector<Unit> roots() = 0;
    virtual std::size_t count_units() = 0;
    virtual Unit create_unit(const NewUnit& unit, const AuditContext& ctx) = 0;
    virtual Unit update_unit(UnitId id, const UnitChanges& changes, const AuditContext& ctx) = 0;
    // Rewrites path and level of the whole subtree. Refuses (conflict) a move into its own subtree.
    virtual Unit move_unit(UnitId id, UnitId new_parent, const AuditContext& ctx) = 0;
    // Creates all rows or none. Rows may refer to parents created earlier in the same list.
    virtual std::vector<Unit> import_units(const std::vector<NewUnit>& rows,
                                           const AuditContext& ctx) = 0;

    // ---- users
    virtual std::optional<User> find_user(UserId id) = 0;
    virtual std::optional<User> find_user_by_username(std::string_view username) = 0;
    virtual std::vector<User> users_in_subtree(const Unit& root) = 0;  // by unit path, username
    virtual std::size_t count_users() = 0;
    virtual User create_user(const NewUser& user, const AuditContext& ctx) = 0;
    virtual User set_password(UserId id, const std::string& password_hash, bool must_change,
                              const AuditContext& ctx) = 0;
    virtual User set_roles(UserId id, Roles roles, const AuditContext& ctx) = 0;
    virtual User set_display_name(UserId id, const std::string& name, const AuditContext& ctx) = 0;
    virtual User set_disabled(UserId id, bool disabled, const AuditContext& ctx) = 0;
    // Empty clears it; anything else must pass check_email (invalid with field "email").
    virtual User set_email(UserId id, const std::string& email, const AuditContext& ctx) = 0;
    virtual User set_totp_secret(UserId id, std::optional<std::string> secret,
                                 const AuditContext& ctx) = 0;
    // Clears the failure count and lock; appends "user.login".
    virtual User record_login_success(UserId id, const AuditContext& ctx) = 0;
    // Adds one failure; at `lock_after` consecutive failures sets locked_until = now + lock_for
    // and appends "user.locked" besides "user.login_failed".
    virtual User record_login_failure(UserId id, int lock_after, std::chrono::seconds lock_for,
                                      const AuditContext& ctx) = 0;

    // ---- sessions
    virtual void create_session(const Session& session, const AuditContext& ctx) = 0;
    virtual std::optional<Session> find_session(std::string_view token_hash) = 0;
    virtual void touch_session(std::string_view token_hash, Timestamp at) = 0;  // not audited
    virtual void delete_session(std::string_view token_hash, const AuditContext& ctx) = 0;
    virtual std::vector<Session> sessions_of(UserId user) = 0;  // newest first
    virtual void delete_sessions_of(UserId user, const AuditContext& ctx) = 0;
    // Removes sessions idle since before `idle_before` or created before `created_before`.
    virtual std::size_t delete_expired_sessions(Timestamp idle_before, Timestamp created_before) = 0;

    // ---- audit log
    // For events that change no other table (a failed login, a refused request, a read of
    // personal data). State-changing methods above append their own events.
    virtual void append_audit(const AuditContext& ctx, const std::string& action,
                              const std::string& object, const nlohmann::json& before,
                              const nlohmann::json& after) = 0;
    // Events with seq > after_seq, in seq order, at most `limit`.
    virtual std::vector<AuditEvent> audit_events(std::int64_t after_seq, std::size_t limit) = 0;
    virtual std::size_t count_audit_events() = 0;
};

}  // namespace wangju::store
