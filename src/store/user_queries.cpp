#include "store/user_queries.h"

#include "store/rows.h"

namespace wangju::store::users {

namespace {

#define WANGJU_USER_COLUMNS                                                                \
    "SELECT u.id, u.username, u.display_name, u.unit_id, u.roles, u.password_hash, "       \
    "u.must_change_password, u.totp_secret, u.disabled, u.failed_logins, u.locked_until, " \
    "u.created_at, u.email FROM users u "

constexpr const char* kFindById = WANGJU_USER_COLUMNS "WHERE u.id = :id";
constexpr const char* kFindByUsername = WANGJU_USER_COLUMNS "WHERE u.username = :username";
constexpr const char* kInSubtree = WANGJU_USER_COLUMNS
    "JOIN units n ON n.id = u.unit_id WHERE n.path >= :path AND n.path < :path_end "
    "ORDER BY n.path, u.username";
constexpr const char* kCount = "SELECT count(*) FROM users";
constexpr const char* kInsert =
    "INSERT INTO users (username, display_name, unit_id, roles, password_hash, "
    "must_change_password, totp_secret, disabled, failed_logins, locked_until, created_at) "
    "VALUES (:username, :display_name, :unit_id, :roles, :password_hash, :must_change_password, "
    ":totp_secret, :disabled, :failed_logins, :locked_until, :created_at) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE users SET display_name = :display_name, unit_id = :unit_id, roles = :roles, "
    "password_hash = :password_hash, must_change_password = :must_change_password, "
    "totp_secret = :totp_secret, disabled = :disabled, failed_logins = :failed_logins, "
    "locked_until = :locked_until, email = :email WHERE id = :id";

#undef WANGJU_USER_COLUMNS

struct UserRow {
    long long id = 0;
    std::string username, display_name;
    long long unit_id = 0;
    int roles = 0;
    std::string password_hash;
    int must_change_password = 0;
    NullableText totp_secret;
    int disabled = 0;
    int failed_logins = 0;
    NullableText locked_until;
    std::string created_at;
    NullableText email;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(username), soci::into(display_name), soci::into(unit_id),
            soci::into(roles), soci::into(password_hash), soci::into(must_change_password),
            soci::into(totp_secret.value, totp_secret.indicator), soci::into(disabled),
            soci::into(failed_logins), soci::into(locked_until.value, locked_until.indicator),
            soci::into(created_at), soci::into(email.value, email.indicator);
    }

    User user() const {
        User u;
        u.id = UserId{id};
        u.username = username;
        u.display_name = display_name;
        u.unit = UnitId{unit_id};
        u.roles = Roles(static_cast<unsigned>(roles));
        u.password_hash = password_hash;
        u.must_change_password = must_change_password != 0;
        u.totp_secret = totp_secret.get();
        u.disabled = disabled != 0;
        u.failed_logins = failed_logins;
        u.locked_until = timestamp_from(locked_until);
        u.created_at = timestamp_from(created_at);
        u.email = email.get();
        return u;
    }
};

std::vector<User> to_users(const std::vector<UserRow>& rows) {
    std::vector<User> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row.user());
    return out;
}

std::optional<User> to_user(const std::optional<UserRow>& row) {
    if (!row) return std::nullopt;
    return row->user();
}

// The columns that insert and update both write, in the order of their statements.
struct WritableFields {
    int roles, must_change_password, disabled;
    long long unit_id;
    NullableText totp_secret, locked_until, email;

    explicit WritableFields(const User& u)
        : roles(static_cast<int>(u.roles.mask())),
          must_change_password(u.must_change_password ? 1 : 0),
          disabled(u.disabled ? 1 : 0),
          unit_id(u.unit.value),
          totp_secret(u.totp_secret),
          locked_until(stored(u.locked_until)),
          email(u.email) {}
};

}  // namespace

std::optional<User> find(soci::session& session, UserId id) {
    const long long value = id.value;
    return to_user(fetch_one<UserRow>(session, kFindById, soci::use(value)));
}

std::optional<User> find_by_username(soci::session& session, const std::string& username) {
    return to_user(fetch_one<UserRow>(session, kFindByUsername, soci::use(username)));
}

std::vector<User> in_subtree(soci::session& session, const std::string& unit_path) {
    const std::string path_end = subtree_end(unit_path);
    return to_users(
        fetch_all<UserRow>(session, kInSubtree, soci::use(unit_path), soci::use(path_end)));
}

std::size_t count(soci::session& session) {
    long long n = 0;
    session << kCount, soci::into(n);
    return static_cast<std::size_t>(n);
}

UserId insert(soci::session& session, const User& user) {
    WritableFields f(user);
    const std::string created_at = stored(user.created_at);
    long long id = 0;
    session << kInsert, soci::use(user.username), soci::use(user.display_name),
        soci::use(f.unit_id), soci::use(f.roles), soci::use(user.password_hash),
        soci::use(f.must_change_password), soci::use(f.totp_secret.value, f.totp_secret.indicator),
        soci::use(f.disabled), soci::use(user.failed_logins),
        soci::use(f.locked_until.value, f.locked_until.indicator), soci::use(created_at),
        soci::into(id);
    return UserId{id};
}

void update(soci::session& session, const User& user) {
    WritableFields f(user);
    const long long id = user.id.value;
    session << kUpdate, soci::use(user.display_name), soci::use(f.unit_id), soci::use(f.roles),
        soci::use(user.password_hash), soci::use(f.must_change_password),
        soci::use(f.totp_secret.value, f.totp_secret.indicator), soci::use(f.disabled),
        soci::use(user.failed_logins), soci::use(f.locked_until.value, f.locked_until.indicator),
        soci::use(f.email.value, f.email.indicator), soci::use(id);
}

nlohmann::json to_json(const User& user) {
    return {
        {"id", user.id.value},
        {"username", user.username},
        {"display_name", user.display_name},
        {"unit_id", user.unit.value},
        {"roles", user.roles.to_string()},
        {"must_change_password", user.must_change_password},
        {"totp_enabled", user.totp_secret.has_value()},
        {"disabled", user.disabled},
        {"email", user.email ? nlohmann::json(*user.email) : nlohmann::json()},
        {"failed_logins", user.failed_logins},
        {"locked_until",
         user.locked_until ? nlohmann::json(format_utc(*user.locked_until)) : nlohmann::json()},
    };
}

std::string audit_object(const User& user) {
    return "user:" + user.username;
}

}  // namespace wangju::store::users
