#include "domain/user.h"

#include <array>
#include <stdexcept>

#include "domain/text.h"

namespace wangju {

namespace {

struct RoleNames {
    Role role;
    std::string_view code;
    std::string_view label;
};

constexpr std::array<RoleNames, 6> role_names{{
    {Role::worker, "worker", "职工"},
    {Role::unit_admin, "unit_admin", "单位管理员"},
    {Role::judge, "judge", "评委"},
    {Role::editor, "editor", "编辑"},
    {Role::approver, "approver", "审核员"},
    {Role::sysadmin, "sysadmin", "系统管理员"},
}};

const RoleNames& names_of(Role role) {
    for (const auto& names : role_names) {
        if (names.role == role) return names;
    }
    throw std::invalid_argument("unknown role");
}

bool is_username_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

}  // namespace

std::string_view to_string(Role role) {
    return names_of(role).code;
}

std::string_view label_zh(Role role) {
    return names_of(role).label;
}

std::optional<Role> parse_role(std::string_view text) {
    for (const auto& names : role_names) {
        if (text == names.code) return names.role;
    }
    return std::nullopt;
}

const std::vector<Role>& all_roles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> list;
        for (const auto& names : role_names) list.push_back(names.role);
        return list;
    }();
    return roles;
}

Roles::Roles(std::initializer_list<Role> roles) {
    for (const Role r : roles) add(r);
}

std::vector<Role> Roles::list() const {
    std::vector<Role> held;
    for (const Role r : all_roles()) {
        if (has(r)) held.push_back(r);
    }
    return held;
}

std::string Roles::to_string() const {
    std::string text;
    for (const Role r : list()) {
        if (!text.empty()) text += ',';
        text += wangju::to_string(r);
    }
    return text;
}

// Blank items ("worker,,judge", a trailing comma) are skipped; an unknown name makes the whole
// list invalid, so that a typo never silently drops a role.
std::optional<Roles> Roles::parse(std::string_view comma_separated) {
    Roles roles;
    while (true) {
        const std::size_t comma = comma_separated.find(',');
        const std::string_view item = trim(comma_separated.substr(0, comma));
        if (!item.empty()) {
            const auto role = parse_role(item);
            if (!role) return std::nullopt;
            roles.add(*role);
        }
        if (comma == std::string_view::npos) break;
        comma_separated.remove_prefix(comma + 1);
    }
    return roles;
}

std::string check_username(std::string_view username) {
    if (username.size() < 3 || username.size() > 40) return "用户名长度应为3到40个字符";
    for (const char c : username) {
        if (!is_username_char(c)) return "用户名只能包含小写字母、数字、下划线、点和连字符";
    }
    return {};
}

}  // namespace wangju
