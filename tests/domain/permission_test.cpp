#include "domain/permission.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "domain/error.h"

namespace wangju {
namespace {

// national(1) > city(2) > district(3) > town(4), town(5), zone(6) > grassroots(7) under town 4
class UnitTree : public ::testing::Test {
  protected:
    static Unit make(std::int64_t id, const char* name, UnitKind kind, const Unit* parent) {
        Unit unit;
        unit.id = UnitId{id};
        unit.name = name;
        unit.kind = kind;
        if (parent) {
            unit.parent = parent->id;
            unit.path = path_of_child(parent->path, unit.id);
            unit.level = parent->level + 1;
        } else {
            unit.path = root_path(unit.id);
        }
        return unit;
    }

    static Actor actor_at(const Unit& unit, Roles roles) {
        User user;
        user.id = UserId{100 + unit.id.value};
        user.unit = unit.id;
        user.roles = roles;
        return actor_of(user, unit);
    }

    Unit national = make(1, "中华全国总工会", UnitKind::national, nullptr);
    Unit city = make(2, "天津市总工会", UnitKind::city, &national);
    Unit district = make(3, "滨海新区总工会", UnitKind::district, &city);
    Unit town = make(4, "新河街道总工会", UnitKind::town, &district);
    Unit sibling_town = make(5, "塘沽街道总工会", UnitKind::town, &district);
    Unit zone = make(6, "经济开发区总工会", UnitKind::zone, &district);
    Unit grassroots = make(7, "某公司工会", UnitKind::grassroots, &town);
};

TEST_F(UnitTree, UnitAdminManagesOwnUnitAndDescendants) {
    const Actor admin = actor_at(town, {Role::unit_admin});
    for (const UnitAction action :
         {UnitAction::manage, UnitAction::manage_users, UnitAction::import_units}) {
        EXPECT_TRUE(may(admin, action, town));
        EXPECT_TRUE(may(admin, action, grassroots));
    }
    EXPECT_TRUE(may(admin, UnitAction::move_or_close, grassroots));
}

TEST_F(UnitTree, UnitAdminManagesNeitherSiblingsNorAncestors) {
    const Actor admin = actor_at(town, {Role::unit_admin});
    for (const UnitAction action : {UnitAction::manage, UnitAction::manage_users,
                                    UnitAction::import_units, UnitAction::move_or_close}) {
        EXPECT_FALSE(may(admin, action, sibling_town));
        EXPECT_FALSE(may(admin, action, zone));
        EXPECT_FALSE(may(admin, action, district));
        EXPECT_FALSE(may(admin, action, national));
    }
}

TEST_F(UnitTree, NoOneMovesOrClosesTheirOwnUnit) {
    EXPECT_FALSE(may(actor_at(town, {Role::unit_admin}), UnitAction::move_or_close, town));
    EXPECT_FALSE(may(actor_at(national, {Role::sysadmin}), UnitAction::move_or_close, national));
    EXPECT_TRUE(may(actor_at(district, {Role::unit_admin}), UnitAction::move_or_close, town));
}

TEST_F(UnitTree, WorkerViewsButDoesNotManage) {
    const Actor worker = actor_at(town, {Role::worker});
    EXPECT_TRUE(may(worker, UnitAction::view, town));
    EXPECT_TRUE(may(worker, UnitAction::view, grassroots));
    for (const UnitAction action : {UnitAction::manage, UnitAction::manage_users,
                                    UnitAction::import_units, UnitAction::move_or_close}) {
        EXPECT_FALSE(may(worker, action, town));
        EXPECT_FALSE(may(worker, action, grassroots));
    }
}

TEST_F(UnitTree, JudgeEditorAndApproverDoNotManage) {
    const Actor staff = actor_at(district, {Role::judge, Role::editor, Role::approver});
    EXPECT_TRUE(may(staff, UnitAction::view, town));
    EXPECT_FALSE(may(staff, UnitAction::manage, town));
    EXPECT_FALSE(may(staff, UnitAction::manage_users, district));
}

TEST_F(UnitTree, ViewCoversAncestorsButNotSiblings) {
    const Actor worker = actor_at(town, {Role::worker});
    EXPECT_TRUE(may(worker, UnitAction::view, district));
    EXPECT_TRUE(may(worker, UnitAction::view, national));
    EXPECT_FALSE(may(worker, UnitAction::view, sibling_town));
    EXPECT_FALSE(may(worker, UnitAction::view, zone));
}

TEST_F(UnitTree, SysadminAtTheRootManagesEverything) {
    const Actor sysadmin = actor_at(national, {Role::sysadmin});
    for (const Unit* unit :
         {&national, &city, &district, &town, &sibling_town, &zone, &grassroots}) {
        EXPECT_TRUE(may(sysadmin, UnitAction::manage, *unit)) << unit->name;
        EXPECT_TRUE(may(sysadmin, UnitAction::manage_users, *unit)) << unit->name;
    }
    EXPECT_TRUE(may(sysadmin, UnitAction::move_or_close, grassroots));
}

TEST_F(UnitTree, SysadminBelowTheRootIsBoundToTheirSubtree) {
    const Actor sysadmin = actor_at(district, {Role::sysadmin});
    EXPECT_TRUE(may(sysadmin, UnitAction::manage, town));
    EXPECT_FALSE(may(sysadmin, UnitAction::manage, city));
}

TEST_F(UnitTree, IdLookalikePathIsNotInside) {
    const Unit unit4 = make(4, "第四单位", UnitKind::city, &national);
    const Unit unit40 = make(40, "第四十单位", UnitKind::city, &national);
    ASSERT_EQ(unit40.path, "/1/40/");
    const Actor admin = actor_at(unit4, {Role::unit_admin});
    EXPECT_FALSE(may(admin, UnitAction::manage, unit40));
    EXPECT_FALSE(may(admin, UnitAction::view, unit40));
}

TEST_F(UnitTree, RequireThrowsForbiddenNamingTheUnit) {
    const Actor admin = actor_at(town, {Role::unit_admin});
    EXPECT_NO_THROW(require(admin, UnitAction::manage, grassroots));
    try {
        require(admin, UnitAction::manage, sibling_town);
        FAIL() << "require did not throw";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::forbidden);
        EXPECT_EQ(e.message(), "您无权管理单位“塘沽街道总工会”");
    }
}

TEST_F(UnitTree, ActorOfRefusesAUnitThatIsNotTheUsers) {
    User user;
    user.unit = town.id;
    EXPECT_THROW(actor_of(user, district), std::logic_error);
    const Actor actor = actor_of(user, town);
    EXPECT_EQ(actor.unit_path, "/1/2/3/4/");
}

TEST_F(UnitTree, MovingUnderOwnSubtreeIsACycle) {
    EXPECT_TRUE(move_makes_cycle(district, town));
    EXPECT_TRUE(move_makes_cycle(town, town));
    EXPECT_FALSE(move_makes_cycle(town, sibling_town));
    EXPECT_FALSE(move_makes_cycle(grassroots, zone));
}

}  // namespace
}  // namespace wangju
