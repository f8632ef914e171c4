#include "domain/user.h"

#include <gtest/gtest.h>

namespace wangju {
namespace {

TEST(Role, CodeNamesAndChineseLabels) {
    EXPECT_EQ(to_string(Role::unit_admin), "unit_admin");
    EXPECT_EQ(label_zh(Role::worker), "职工");
    EXPECT_EQ(label_zh(Role::unit_admin), "单位管理员");
    EXPECT_EQ(label_zh(Role::judge), "评委");
    EXPECT_EQ(label_zh(Role::editor), "编辑");
    EXPECT_EQ(label_zh(Role::approver), "审核员");
    EXPECT_EQ(label_zh(Role::sysadmin), "系统管理员");
    EXPECT_EQ(all_roles().size(), 6u);
    for (const Role role : all_roles()) EXPECT_EQ(parse_role(to_string(role)), role);
    EXPECT_FALSE(parse_role("admin").has_value());
    EXPECT_FALSE(parse_role("职工").has_value());
}

TEST(Roles, ParseTrimsAndCollectsEveryRole) {
    const auto roles = Roles::parse(" worker , unit_admin");
    ASSERT_TRUE(roles.has_value());
    EXPECT_TRUE(roles->has(Role::worker));
    EXPECT_TRUE(roles->has(Role::unit_admin));
    EXPECT_FALSE(roles->has(Role::sysadmin));
    EXPECT_EQ(*roles, (Roles{Role::worker, Role::unit_admin}));
}

TEST(Roles, ParseRefusesAnUnknownRole) {
    EXPECT_FALSE(Roles::parse("worker,admin").has_value());
    EXPECT_FALSE(Roles::parse("Worker").has_value());
}

TEST(Roles, EmptyTextIsNoRole) {
    const auto roles = Roles::parse("");
    ASSERT_TRUE(roles.has_value());
    EXPECT_TRUE(roles->empty());
    EXPECT_EQ(Roles{}.to_string(), "");
}

TEST(Roles, ToStringListsRolesInFixedOrderAndParsesBack) {
    const Roles roles{Role::sysadmin, Role::worker, Role::judge};
    EXPECT_EQ(roles.to_string(), "worker,judge,sysadmin");
    EXPECT_EQ(Roles::parse(roles.to_string()), roles);
    EXPECT_EQ(roles.list(), (std::vector<Role>{Role::worker, Role::judge, Role::sysadmin}));
}

TEST(Roles, AddAndRemove) {
    Roles roles{Role::worker};
    roles.add(Role::editor);
    roles.remove(Role::worker);
    EXPECT_EQ(roles.to_string(), "editor");
    EXPECT_EQ(Roles(roles.mask()), roles);
}

TEST(Username, AcceptsTheAllowedCharacters) {
    EXPECT_EQ(check_username("zhang.wei_01-tj"), "");
    EXPECT_EQ(check_username("abc"), "");
    EXPECT_EQ(check_username(std::string(40, 'a')), "");
}

TEST(Username, RefusesBadLengthsAndCharacters) {
    EXPECT_NE(check_username("ab"), "");
    EXPECT_NE(check_username(std::string(41, 'a')), "");
    EXPECT_NE(check_username("ZhangWei"), "");
    EXPECT_NE(check_username("zhang wei"), "");
    EXPECT_NE(check_username("zhang@wei"), "");
    EXPECT_NE(check_username("张伟伟"), "");
}

}  // namespace
}  // namespace wangju
