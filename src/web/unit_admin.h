// The unit tree as its users act on it: every function checks the permission first (through
// domain/permission.h), then calls the store. The API and the pages both call these.
#pragma once

#include <string>
#include <vector>

#include "domain/permission.h"
#include "domain/unit_import.h"
#include "web/auth.h"

namespace wangju::web {

Unit load_unit(WebContext& web, const std::string& code);  // not_found with the code

// The unit, when the user may do `action` on it; throws not_found or forbidden. Handlers ask it
// before they read their body, so that a refused caller is answered 403 whatever it sent.
Unit require_unit_action(WebContext& web, const CurrentUser& user, const std::string& code,
                         UnitAction action);

// Throws forbidden unless the user is an admin (a unit admin or a system admin), whatever unit
// the body names: asked before the body is read.
void require_any_admin(const CurrentUser& user);

struct UnitView {
    Unit unit;
    std::vector<Unit> ancestors;  // root first
    std::vector<Unit> children;
    bool can_manage = false;
    bool can_move_or_close = false;
};
UnitView view_unit(WebContext& web, const CurrentUser& user, const std::string& code);

Unit create_unit(WebContext& web, const CurrentUser& user, const NewUnit& unit,
                 const AuditContext& ctx);
Unit rename_unit(WebContext& web, const CurrentUser& user, const std::string& code,
                 const std::string& name, const AuditContext& ctx);
Unit move_unit(WebContext& web, const CurrentUser& user, const std::string& code,
               const std::string& new_parent_code, const AuditContext& ctx);
// Closes the unit (and so its subtree) from `day` on.
Unit close_unit(WebContext& web, const CurrentUser& user, const std::string& code, Date day,
                const AuditContext& ctx);

// Reads a CSV or XLSX table and stores all its units, or none: throws Error(invalid_input) whose
// fields map "row:N" to the reasons of row N.
std::vector<Unit> import_units(WebContext& web, const CurrentUser& user, std::string_view file,
                               const AuditContext& ctx);

}  // namespace wangju::web
