#include "domain/error.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class UsersTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Engines, UsersTest, engines(), engine_name);

TEST_P(UsersTest, CreatedUserReadsBackWithLowercaseName) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    const User created = add_user("Zhang.San", unit.id);
    EXPECT_EQ(created.username, "zhang.san");

    const auto found = store->find_user_by_username("ZHANG.SAN");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, created.id);
    EXPECT_EQ(found->display_name, "张三");
    EXPECT_EQ(found->unit, unit.id);
    EXPECT_EQ(found->roles, Roles{Role::worker});
    EXPECT_EQ(found->password_hash, "$argon2id$test");
    EXPECT_TRUE(found->must_change_password);
    EXPECT_FALSE(found->totp_secret);
    EXPECT_FALSE(found->locked_until);
    EXPECT_EQ(store->find_user(created.id)->username, "zhang.san");
    EXPECT_EQ(store->count_users(), 1u);
}

TEST_P(UsersTest, DuplicateUsernameIsRefusedWhateverItsCase) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    add_user("lisi", unit.id);
    try {
        add_user("LiSi", unit.id);
        FAIL() << "duplicate accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.message(), "用户名“lisi”已被使用");
    }
    EXPECT_THROW(add_user("x", unit.id), Error);              // too short
    EXPECT_THROW(add_user("wangwu", UnitId{999999}), Error);  // no such unit
    EXPECT_EQ(store->count_users(), 1u);
}

TEST_P(UsersTest, ChangesAreStored) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    const User user = add_user("lisi", unit.id);
    store->set_password(user.id, "$argon2id$new", false, ctx);
    store->set_roles(user.id, Roles{Role::worker, Role::unit_admin}, ctx);
    store->set_display_name(user.id, "李四", ctx);
    store->set_disabled(user.id, true, ctx);
    store->set_totp_secret(user.id, std::string("JBSWY3DPEHPK3PXP"), ctx);

    const auto found = store->find_user(user.id);
    EXPECT_EQ(found->password_hash, "$argon2id$new");
    EXPECT_FALSE(found->must_change_password);
    EXPECT_TRUE(found->roles.has(Role::unit_admin));
    EXPECT_EQ(found->display_name, "李四");
    EXPECT_TRUE(found->disabled);
    EXPECT_EQ(found->totp_secret, "JBSWY3DPEHPK3PXP");

    store->set_totp_secret(user.id, std::nullopt, ctx);
    EXPECT_FALSE(store->find_user(user.id)->totp_secret);
}

TEST_P(UsersTest, UsersInSubtreeAreOrderedByUnitPathThenUsername) {
    const Unit binhai = add_unit("binhai", UnitKind::district);
    const Unit town = add_unit("town", UnitKind::town, "binhai");
    const Unit other = add_unit("other", UnitKind::district);
    add_user("zeta", binhai.id);
    add_user("beta", town.id);
    add_user("alpha", binhai.id);
    add_user("outsider", other.id);
    std::vector<std::string> names;
    for (const auto& u : store->users_in_subtree(binhai)) names.push_back(u.username);
    EXPECT_EQ(names, (std::vector<std::string>{"alpha", "zeta", "beta"}));
}

TEST_P(UsersTest, FiveFailuresLockTheAccountAndASuccessResetsIt) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    const User user = add_user("lisi", unit.id);
    const auto before = now_utc();
    for (int i = 1; i <= 4; ++i) {
        const User after = store->record_login_failure(user.id, 5, std::chrono::minutes(15), ctx);
        EXPECT_EQ(after.failed_logins, i);
        EXPECT_FALSE(after.locked_until);
    }
    store->record_login_failure(user.id, 5, std::chrono::minutes(15), ctx);
    const auto locked = store->find_user(user.id);
    EXPECT_EQ(locked->failed_logins, 5);
    ASSERT_TRUE(locked->locked_until);
    EXPECT_GE(*locked->locked_until, before + std::chrono::minutes(15));
    EXPECT_EQ(store->audit_events(0, 100).back().action, "user.locked");

    store->record_login_success(user.id, ctx);
    const auto reset = store->find_user(user.id);
    EXPECT_EQ(reset->failed_logins, 0);
    EXPECT_FALSE(reset->locked_until);
}

class SessionsTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Engines, SessionsTest, engines(), engine_name);

Session session_of(UserId user, const std::string& token_hash, Timestamp at) {
    return Session{token_hash, user, "csrf-" + token_hash, at, at, "10.0.0.1", "Firefox"};
}

TEST_P(SessionsTest, CreateFindTouchAndDelete) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    const User user = add_user("lisi", unit.id);
    const Timestamp t0 = std::chrono::floor<std::chrono::seconds>(now_utc());
    store->create_session(session_of(user.id, "aaa", t0), ctx);
    store->create_session(session_of(user.id, "bbb", t0 + std::chrono::seconds(5)), ctx);

    const auto found = store->find_session("aaa");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user, user.id);
    EXPECT_EQ(found->csrf_token, "csrf-aaa");
    EXPECT_EQ(found->created_at, t0);
    EXPECT_EQ(found->user_agent, "Firefox");
    EXPECT_FALSE(store->find_session("zzz"));

    store->touch_session("aaa", t0 + std::chrono::minutes(3));
    EXPECT_EQ(store->find_session("aaa")->last_seen_at, t0 + std::chrono::minutes(3));

    const auto all = store->sessions_of(user.id);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].token_hash, "bbb");  // newest first

    store->delete_session("aaa", ctx);
    EXPECT_FALSE(store->find_session("aaa"));
    store->delete_sessions_of(user.id, ctx);
    EXPECT_TRUE(store->sessions_of(user.id).empty());
}

TEST_P(SessionsTest, ExpiredSessionsAreRemovedAndCounted) {
    const Unit unit = add_unit("binhai", UnitKind::district);
    const User user = add_user("lisi", unit.id);
    const Timestamp now = std::chrono::floor<std::chrono::seconds>(now_utc());
    using std::chrono::hours;
    Session idle = session_of(user.id, "idle", now - hours(30));
    idle.last_seen_at = now - hours(3);
    Session old = session_of(user.id, "old", now - hours(200));
    old.last_seen_at = now;
    Session fresh = session_of(user.id, "fresh", now - hours(1));
    for (const auto& s : {idle, old, fresh}) store->create_session(s, ctx);

    EXPECT_EQ(store->delete_expired_sessions(now - hours(2), now - hours(168)), 2u);
    EXPECT_TRUE(store->find_session("fresh"));
    EXPECT_FALSE(store->find_session("idle"));
    EXPECT_FALSE(store->find_session("old"));
}

}  // namespace
}  // namespace wangju::store::testing
