// The work state machine, the recommendation chain, quotas, deadlines and the permission questions.
#include <gtest/gtest.h>

#include "domain/error.h"
#include "domain/recommendation.h"
#include "domain/work_permission.h"

namespace wangju {
namespace {

using namespace std::chrono_literals;

Unit unit(std::int64_t id, UnitKind kind, std::string path) {
    Unit u;
    u.id = UnitId{id};
    u.kind = kind;
    u.path = std::move(path);
    u.code = "u" + std::to_string(id);
    return u;
}

// national 1 > city 2 > district 3 > zone 4 > grassroots 5
const Unit national = unit(1, UnitKind::national, "/1/");
const Unit city = unit(2, UnitKind::city, "/1/2/");
const Unit district = unit(3, UnitKind::district, "/1/2/3/");
const Unit zone = unit(4, UnitKind::zone, "/1/2/3/4/");
const Unit grassroots = unit(5, UnitKind::grassroots, "/1/2/3/4/5/");
const std::vector<Unit> upward = {grassroots, zone, district, city, national};

Timestamp at(int hours) { return Timestamp{std::chrono::hours(hours)}; }

LevelSetting setting(ChainLevel level, int quota, Timestamp deadline = at(1000)) {
    return {TrackId{1}, level, quota, deadline};
}

ErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::unavailable;
}

TEST(WorkStates, SubmitWithdrawAndDecisionsFollowTheStateMachine) {
    EXPECT_EQ(next_state(WorkState::draft, WorkEvent::submit), WorkState::pending);
    EXPECT_EQ(next_state(WorkState::returned, WorkEvent::submit), WorkState::pending);
    EXPECT_EQ(next_state(WorkState::pending, WorkEvent::withdraw), WorkState::withdrawn);
    EXPECT_EQ(next_state(WorkState::pending, WorkEvent::recommend), WorkState::pending);
    EXPECT_EQ(next_state(WorkState::pending, WorkEvent::recommend_to_judging), WorkState::entry);
    EXPECT_EQ(next_state(WorkState::pending, WorkEvent::not_recommend), WorkState::not_recommended);
    EXPECT_EQ(next_state(WorkState::pending, WorkEvent::return_for_changes), WorkState::returned);
    EXPECT_EQ(kind_of([] { next_state(WorkState::pending, WorkEvent::submit); }), ErrorKind::conflict);
    EXPECT_EQ(kind_of([] { next_state(WorkState::draft, WorkEvent::recommend); }), ErrorKind::conflict);
    EXPECT_EQ(kind_of([] { next_state(WorkState::draft, WorkEvent::withdraw); }), ErrorKind::conflict);
    EXPECT_EQ(kind_of([] { next_state(WorkState::entry, WorkEvent::edit); }), ErrorKind::conflict);
    try {
        next_state(WorkState::not_recommended, WorkEvent::recommend);
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "作品未推荐,不能推荐");
    }
}

TEST(Chain, LevelsWithoutASettingArePassedThrough) {
    std::vector<LevelSetting> settings = {setting(ChainLevel::zone, 2),
                                          setting(ChainLevel::district, 1),
                                          setting(ChainLevel::national, 1)};
    auto chain = chain_of(upward, settings);
    ASSERT_EQ(chain.size(), 3u);
    EXPECT_EQ(chain[0].id, zone.id);  // the grassroots union has no quota: straight to its zone
    EXPECT_EQ(chain[1].id, district.id);
    EXPECT_EQ(chain[2].id, national.id);  // the city takes no part in this track
    EXPECT_EQ(next_in_chain(chain, zone.id)->id, district.id);
    EXPECT_EQ(next_in_chain(chain, district.id)->id, national.id);
    EXPECT_FALSE(next_in_chain(chain, national.id));  // judging follows
}

TEST(Chain, GrassrootsWithAQuotaIsTheFirstLevel) {
    auto chain = chain_of(upward, {setting(ChainLevel::grassroots, 5), setting(ChainLevel::zone, 2)});
    ASSERT_EQ(chain.size(), 2u);
    EXPECT_EQ(chain.front().id, grassroots.id);
}

// A worker of a union group in a member union of a joint union: the joint union, the outermost
// grassroots union, decides for the grassroots level; the member union and the group pass the
// work up.
TEST(Chain, InsideAGrassrootsUnionItsOutermostUnionDecides) {
    const Unit joint = unit(6, UnitKind::grassroots, "/1/2/3/4/6/");
    const Unit member = unit(7, UnitKind::grassroots, "/1/2/3/4/6/7/");
    const Unit group = unit(8, UnitKind::group, "/1/2/3/4/6/7/8/");
    const std::vector<LevelSetting> settings = {setting(ChainLevel::grassroots, 5),
                                                setting(ChainLevel::zone, 2)};
    for (const auto& from : {std::vector<Unit>{group, member, joint, zone, district, city, national},
                             std::vector<Unit>{member, joint, zone, district, city, national},
                             std::vector<Unit>{joint, zone, district, city, national}}) {
        const auto chain = chain_of(from, settings);
        ASSERT_EQ(chain.size(), 2u);
        EXPECT_EQ(chain[0].id, joint.id);
        EXPECT_EQ(chain[1].id, zone.id);
    }
    EXPECT_EQ(chain_level_of(UnitKind::group), ChainLevel::grassroots);
    // With no grassroots setting the work goes straight to the zone, as from any union.
    const auto chain = chain_of({group, member, joint, zone, district, city, national},
                                {setting(ChainLevel::zone, 2)});
    ASSERT_EQ(chain.size(), 1u);
    EXPECT_EQ(chain[0].id, zone.id);
}

TEST(Chain, TownsSectorsAndDirectUnionsShareTheZoneLevel) {
    EXPECT_EQ(chain_level_of(UnitKind::town), ChainLevel::zone);
    EXPECT_EQ(chain_level_of(UnitKind::sector), ChainLevel::zone);
    EXPECT_EQ(chain_level_of(UnitKind::direct), ChainLevel::zone);
    EXPECT_EQ(label_zh(ChainLevel::district), "区总工会");
}

TEST(Quota, TheLastFreePlaceIsGivenAndTheNextRefused) {
    auto s = setting(ChainLevel::zone, 3);
    EXPECT_NO_THROW(check_quota(s, 2));
    try {
        check_quota(s, 3);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::quota_full);
        EXPECT_EQ(e.message(), "推荐名额已满:本级每个单位在本项目限推荐 3 件,已推荐 3 件");
    }
}

TEST(Deadline, DecisionsAndSubmissionsEndAtTheLevelsDeadline) {
    auto s = setting(ChainLevel::zone, 3, Timestamp{std::chrono::sys_days{2023y / 8 / 5}} + 9h);
    EXPECT_NO_THROW(check_decision_deadline(s, s.deadline));
    try {
        check_decision_deadline(s, s.deadline + 1s);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::deadline_passed);
        EXPECT_EQ(e.message(), "本级推荐截止时间(2023-08-05 17:00)已过");
    }
    EXPECT_EQ(kind_of([&] { check_submission_deadline(s, s.deadline + 1s); }),
              ErrorKind::deadline_passed);
}

TEST(SubmissionLimits, PerPersonAndPerUnit) {
    TrackRules rules;
    rules.per_person_limit = 2;
    rules.per_unit_limit = 3;
    EXPECT_NO_THROW(check_submission_limits(rules, 1, 2));
    try {
        check_submission_limits(rules, 2, 0);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "本项目每人限报 2 件,您已提交 2 件");
    }
    try {
        check_submission_limits(rules, 0, 3);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "本项目每个单位限报 3 件,本单位已提交 3 件");
    }
}

Actor actor(std::int64_t user, Role role, const Unit& u) {
    return {UserId{user}, Roles{role}, u.id, u.path};
}

TEST(WorkPermissions, DraftsAreTheOwnersAlone) {
    Work work;
    work.owner = UserId{10};
    work.unit = grassroots.id;
    work.state = WorkState::draft;
    EXPECT_TRUE(may_see_work(actor(10, Role::worker, grassroots), work, {}));
    EXPECT_FALSE(may_see_work(actor(11, Role::worker, grassroots), work, {}));
    EXPECT_FALSE(may_see_work(actor(12, Role::unit_admin, zone), work, {{zone.id}}));
    EXPECT_FALSE(may_see_work(actor(13, Role::sysadmin, national), work, {}));
    EXPECT_TRUE(may_edit_work(actor(10, Role::worker, grassroots), work));
    EXPECT_FALSE(may_edit_work(actor(12, Role::unit_admin, zone), work));
}

TEST(WorkPermissions, AHigherLevelSeesOnlyWhatReachedIt) {
    Work work;
    work.owner = UserId{10};
    work.state = WorkState::pending;
    WorkReach at_zone{{zone.id}};
    EXPECT_TRUE(may_see_work(actor(12, Role::unit_admin, zone), work, at_zone));
    EXPECT_FALSE(may_see_work(actor(13, Role::unit_admin, district), work, at_zone));
    WorkReach at_district{{zone.id, district.id}};
    EXPECT_TRUE(may_see_work(actor(13, Role::unit_admin, district), work, at_district));
    EXPECT_FALSE(may_see_work(actor(14, Role::worker, district), work, at_district));
}

TEST(WorkPermissions, DecidingCountingAndSubmitting) {
    EXPECT_TRUE(may_decide_at(actor(12, Role::unit_admin, zone), zone));
    EXPECT_FALSE(may_decide_at(actor(13, Role::unit_admin, district), zone));
    EXPECT_FALSE(may_decide_at(actor(10, Role::worker, zone), zone));
    EXPECT_TRUE(may_view_work_counts(actor(13, Role::unit_admin, district), zone));
    EXPECT_FALSE(may_view_work_counts(actor(12, Role::unit_admin, zone), district));
    EXPECT_TRUE(may_submit_for(actor(10, Role::worker, grassroots), grassroots));
    EXPECT_FALSE(may_submit_for(actor(10, Role::worker, grassroots), zone));
    EXPECT_TRUE(may_submit_for(actor(12, Role::unit_admin, zone), grassroots));
    EXPECT_TRUE(may_edit_tracks(actor(1, Role::sysadmin, national)));
    EXPECT_FALSE(may_edit_tracks(actor(13, Role::unit_admin, district)));
}

}  // namespace
}  // namespace wangju
