#include "domain/user.h"

#include <cctype>

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

// Hand-written because no Debian library checks addresses short of full RFC 5322, which accepts
// forms (quoted local parts, IP literals, comments) that no union's mail server hands out and that
// a typing mistake would pass more often than a real address needs.
std::string check_email(std::string_view email) {
    constexpr std::string_view bad = "电子邮箱格式不正确,例如 name@example.cn";
    if (email.size() > 254) return "电子邮箱不能超过254个字符";
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != email.npos)
        return std::string(bad);
    const auto local = email.substr(0, at), domain = email.substr(at + 1);
    const std::string_view local_extra = ".!#$%&'*+/=?^_`{|}~-";
    for (const char c : local) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && local_extra.find(c) == local_extra.npos)
            return std::string(bad);
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos)
        return std::string(bad);
    if (domain.find('.') == domain.npos) return std::string(bad);
    std::size_t start = 0;
    while (start <= domain.size()) {
        auto end = domain.find('.', start);
        if (end == domain.npos) end = domain.size();
        const auto label = domain.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return std::string(bad);
        for (const char c : label) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::string(bad);
        }
        start = end + 1;
    }
    return {};
}

}  // namespace wangju
