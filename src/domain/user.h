// Accounts. A user belongs to exactly one unit and holds one or more roles.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.h"
#include "domain/unit.h"

namespace wangju {

struct UserId {
    std::int64_t value = 0;
    auto operator<=>(const UserId&) const = default;
};

enum class Role : unsigned { worker = 1, unit_admin = 2, judge = 4, editor = 8, approver = 16, sysadmin = 32 };

std::string_view to_string(Role role);                 // "unit_admin"
std::optional<Role> parse_role(std::string_view text);  // code name only
std::string_view label_zh(Role role);                   // "单位管理员"
const std::vector<Role>& all_roles();

// A set of roles, stored as a bit mask.
class Roles {
public:
    Roles() = default;
    explicit Roles(unsigned mask) : mask_(mask) {}
    Roles(std::initializer_list<Role> roles);
    bool has(Role r) const { return (mask_ & static_cast<unsigned>(r)) != 0; }
    void add(Role r) { mask_ |= static_cast<unsigned>(r); }
    void remove(Role r) { mask_ &= ~static_cast<unsigned>(r); }
    unsigned mask() const { return mask_; }
    bool empty() const { return mask_ == 0; }
    std::vector<Role> list() const;
    // "worker,unit_admin"
    std::string to_string() const;
    static std::optional<Roles> parse(std::string_view comma_separated);
    bool operator==(const Roles&) const = default;

private:
    unsigned mask_ = 0;
};

struct User {
    UserId id;
    std::string username;       // [a-z0-9_.-]{3,40}, unique, case-insensitive (stored lowercase)
    std::string display_name;   // Chinese name shown on pages
    UnitId unit;
    Roles roles;
    std::string password_hash;  // argon2id string from libsodium
    bool must_change_password = false;
    std::optional<std::string> totp_secret;  // base32 secret; set when two-factor login is on
    std::optional<std::string> email;        // where reminders are mailed; checked by check_email
    bool disabled = false;
    int failed_logins = 0;                // consecutive failures since the last success
    std::optional<Timestamp> locked_until;
    Timestamp created_at{};
};

std::string check_username(std::string_view username);  // empty when fine
// Empty when `email` is an address of the common form name@example.cn (at most 254 bytes, one
// '@', a dotted domain of letters, digits and hyphens); else the reason in Chinese.
std::string check_email(std::string_view email);

}  // namespace wangju
