// Accounts as unit admins manage them: within their own subtree only, never granting a role they
// do not hold themselves. The API and the pages both call these.
#pragma once

#include <string>
#include <vector>

#include "web/auth.h"

namespace wangju::web {

struct ManagedUser {
    User user;
    Unit unit;
};

struct NewAccount {
    std::string username;
    std::string display_name;
    std::string unit_code;
    Roles roles;
    std::string password;  // empty: a temporary password is generated
};

struct CreatedAccount {
    User user;
    std::string temporary_password;  // shown once; empty when the admin chose the password
};

// The e-mail addresses of the enabled unit admins of `unit` itself.
std::vector<std::string> unit_admin_addresses(store::Store& store, const Unit& unit);

// A random password that meets the policy: 16 characters of all four classes.
std::string generate_temporary_password();

std::vector<ManagedUser> users_of_subtree(WebContext& web, const CurrentUser& admin,
                                          const std::string& unit_code);
ManagedUser load_managed_user(WebContext& web, const CurrentUser& admin,
                              const std::string& username);
CreatedAccount create_account(WebContext& web, const CurrentUser& admin, const NewAccount& account,
                              const AuditContext& ctx);
User change_roles(WebContext& web, const CurrentUser& admin, const std::string& username,
                  Roles roles, const AuditContext& ctx);
User set_account_disabled(WebContext& web, const CurrentUser& admin, const std::string& username,
                          bool disabled, const AuditContext& ctx);
// Sets or (with "") clears the e-mail address to which reminders are sent; invalid, naming the
// field "email", when it is not an address.
User set_account_email(WebContext& web, const CurrentUser& admin, const std::string& username,
                       const std::string& email, const AuditContext& ctx);
// Sets a temporary password that must be changed at the next login, and ends the user's sessions.
std::string reset_password(WebContext& web, const CurrentUser& admin, const std::string& username,
                           const AuditContext& ctx);

}  // namespace wangju::web
