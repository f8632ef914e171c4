#include "domain/permission.h"

#include <stdexcept>

#include <fmt/format.h>

#include "domain/error.h"

namespace wangju {

namespace {

bool is_administrator(const Roles& roles) {
    return roles.has(Role::unit_admin) || roles.has(Role::sysadmin);
}

bool is_own_unit(const Actor& actor, const Unit& target) {
    return target.id == actor.unit || target.path == actor.unit_path;
}

bool may_view(const Actor& actor, const Unit& target) {
    return is_within(target.path, actor.unit_path) || is_within(actor.unit_path, target.path);
}

bool may_manage(const Actor& actor, const Unit& target) {
    return is_administrator(actor.roles) && is_within(target.path, actor.unit_path);
}

std::string refusal(UnitAction action, const Unit& target) {
    switch (action) {
        case UnitAction::view:
            return fmt::format("您无权查看单位“{}”", target.name);
        case UnitAction::manage:
            return fmt::format("您无权管理单位“{}”", target.name);
        case UnitAction::move_or_close:
            return fmt::format("您无权移动或撤销单位“{}”", target.name);
        case UnitAction::manage_users:
            return fmt::format("您无权管理单位“{}”的账号", target.name);
        case UnitAction::import_units:
            return fmt::format("您无权向单位“{}”导入下级单位", target.name);
    }
    return fmt::format("您无权操作单位“{}”", target.name);
}

}  // namespace

Actor actor_of(const User& user, const Unit& unit_of_user) {
    // A mismatch would grant rights over the wrong subtree, so it is a bug, not a refusal.
    if (user.unit != unit_of_user.id) {
        throw std::logic_error("actor_of: the unit given is not the user's unit");
    }
    return Actor{user.id, user.roles, unit_of_user.id, unit_of_user.path};
}

bool may(const Actor& actor, UnitAction action, const Unit& target) {
    switch (action) {
        case UnitAction::view:
            return may_view(actor, target);
        case UnitAction::manage:
        case UnitAction::manage_users:
        case UnitAction::import_units:
            return may_manage(actor, target);
        case UnitAction::move_or_close:
            return may_manage(actor, target) && !is_own_unit(actor, target);
    }
    return false;
}

void require(const Actor& actor, UnitAction action, const Unit& target) {
    if (!may(actor, action, target)) throw_forbidden(refusal(action, target));
}

bool move_makes_cycle(const Unit& unit, const Unit& new_parent) {
    return is_within(new_parent.path, unit.path);
}

}  // namespace wangju
