#include "web/user_admin.h"

#include <sodium.h>

#include "domain/error.h"
#include "domain/password.h"
#include "domain/permission.h"
#include "domain/secret.h"
#include "web/unit_admin.h"

namespace wangju::web {
namespace {

void require_grantable(const CurrentUser& admin, Roles roles) {
    if (roles.empty()) throw_invalid("请至少选择一个角色", {{"roles", "请至少选择一个角色"}});
    for (Role r : roles.list()) {
        if (r == Role::sysadmin && !admin.user.roles.has(Role::sysadmin)) {
            throw_forbidden("只有系统管理员可以授予“系统管理员”角色");
        }
    }
}

}  // namespace

std::vector<std::string> unit_admin_addresses(store::Store& store, const Unit& unit) {
    std::vector<std::string> out;
    for (const auto& u : store.users_in_subtree(unit)) {
        if (u.unit == unit.id && u.roles.has(Role::unit_admin) && !u.disabled && u.email)
            out.push_back(*u.email);
    }
    return out;
}

std::string generate_temporary_password() {
    init_crypto();
    // Letters and digits that are easy to read aloud and to type from a printed sheet.
    static constexpr std::string_view classes[] = {"abcdefghjkmnpqrstuvwxyz",
                                                   "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-+#@%"};
    for (;;) {
        std::string password;
        for (int i = 0; i < 16; ++i) {
            auto cls = classes[i < 4 ? i : randombytes_uniform(4)];
            password += cls[randombytes_uniform(static_cast<std::uint32_t>(cls.size()))];
        }
        // Shuffle so that the first four characters do not follow the class order.
        for (std::size_t i = password.size() - 1; i > 0; --i) {
            std::swap(password[i],
                      password[randombytes_uniform(static_cast<std::uint32_t>(i + 1))]);
        }
        if (check_password_policy(password).empty()) return password;
    }
}

std::vector<ManagedUser> users_of_subtree(WebContext& web, const CurrentUser& admin,
                                          const std::string& unit_code) {
    Unit root = load_unit(web, unit_code);
    require(admin.actor, UnitAction::manage_users, root);
    std::vector<ManagedUser> result;
    std::map<std::int64_t, Unit> units;
    for (auto& u : web.store.subtree(root)) units.emplace(u.id.value, u);
    for (auto& user : web.store.users_in_subtree(root)) {
        result.push_back({user, units.at(user.unit.value)});
    }
    return result;
}

ManagedUser load_managed_user(WebContext& web, const CurrentUser& admin,
                              const std::string& username) {
    auto user = web.store.find_user_by_username(username);
    if (!user) throw_not_found("用户“" + username + "”不存在");
    auto unit = web.store.find_unit(user->unit);
    if (!unit) throw_not_found("用户“" + username + "”不存在");
    // A user outside the admin's subtree is reported as missing, not as forbidden, so that an
    // admin cannot probe which names exist elsewhere.
    if (!may(admin.actor, UnitAction::manage_users, *unit)) {
        throw_not_found("用户“" + username + "”不存在");
    }
    return {*user, *unit};
}

CreatedAccount create_account(WebContext& web, const CurrentUser& admin, const NewAccount& account,
                              const AuditContext& ctx) {
    Unit unit = load_unit(web, account.unit_code);
    require(admin.actor, UnitAction::manage_users, unit);
    require_grantable(admin, account.roles);
    std::map<std::string, std::string> fields;
    if (auto reason = check_username(account.username); !reason.empty())
        fields["username"] = reason;
    if (account.display_name.empty()) fields["display_name"] = "请填写姓名";
    CreatedAccount created;
    std::string password = account.password;
    if (password.empty()) {
        password = created.temporary_password = generate_temporary_password();
    } else if (auto reason = check_password_policy(password, account.username); !reason.empty()) {
        fields["password"] = reason;
    }
    if (!fields.empty()) throw_invalid("账号信息有误,请检查标出的项目", fields);
    store::NewUser user{account.username, account.display_name,    unit.id,
                        account.roles,    hash_password(password), true};
    created.user = web.store.create_user(user, ctx);
    return created;
}

User change_roles(WebContext& web, const CurrentUser& admin, const std::string& username,
                  Roles roles, const AuditContext& ctx) {
    auto target = load_managed_user(web, admin, username);
    require_grantable(admin, roles);
    if (target.user.id == admin.user.id && !roles.has(Role::unit_admin) &&
        !roles.has(Role::sysadmin)) {
        throw_conflict("不能取消自己的管理员角色");
    }
    return web.store.set_roles(target.user.id, roles, ctx);
}

User set_account_disabled(WebContext& web, const CurrentUser& admin, const std::string& username,
                          bool disabled, const AuditContext& ctx) {
    auto target = load_managed_user(web, admin, username);
    if (target.user.id == admin.user.id) throw_conflict("不能停用自己的账号");
    User user = web.store.set_disabled(target.user.id, disabled, ctx);
    if (disabled) web.store.delete_sessions_of(target.user.id, ctx);
    return user;
}

User set_account_email(WebContext& web, const CurrentUser& admin, const std::string& username,
                       const std::string& email, const AuditContext& ctx) {
    auto target = load_managed_user(web, admin, username);
    return web.store.set_email(target.user.id, email, ctx);
}

std::string reset_password(WebContext& web, const CurrentUser& admin, const std::string& username,
                           const AuditContext& ctx) {
    auto target = load_managed_user(web, admin, username);
    std::string password = generate_temporary_password();
    web.store.set_password(target.user.id, hash_password(password), true, ctx);
    web.store.delete_sessions_of(target.user.id, ctx);
    return password;
}

}  // namespace wangju::web
