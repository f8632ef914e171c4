// The one place that answers "may this user do this action on this unit". Every handler asks it;
// no handler compares paths or roles itself.
#pragma once

#include <string_view>

#include "domain/unit.h"
#include "domain/user.h"

namespace wangju {

enum class UnitAction {
    view,          // see the unit, its children and its figures
    manage,        // rename, change dates, create children under it
    move_or_close, // move it elsewhere in the tree or close it
    manage_users,  // create, edit, disable accounts that belong to it
    import_units,  // import a table of units below it
};

// Who is acting: the user's roles and the path of the unit the user belongs to.
struct Actor {
    UserId user;
    Roles roles;
    UnitId unit;
    std::string unit_path;
};

Actor actor_of(const User& user, const Unit& unit_of_user);

// - view: any user may view their own unit, its descendants and its ancestors (the ancestors only
//   so that a breadcrumb can be drawn; figures of an ancestor are not "view").
// - manage, manage_users, import_units: a unit_admin or sysadmin on their own unit and its
//   descendants, never siblings or ancestors.
// - move_or_close: as manage, but never on the actor's own unit (only strictly below it).
bool may(const Actor& actor, UnitAction action, const Unit& target);

// Throws Error(forbidden) with a Chinese message when `may` is false.
void require(const Actor& actor, UnitAction action, const Unit& target);

// Moving `unit` under `new_parent` is a cycle when the new parent lies inside the unit's subtree.
bool move_makes_cycle(const Unit& unit, const Unit& new_parent);

}  // namespace wangju
