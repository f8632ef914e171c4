// WorkStore on both engines: tracks and levels read back, a work's way up the chain, quotas,
// versions, duplicate files, counts, and nothing changed by a refused write.
#include "domain/default_tracks.h"
#include "domain/error.h"
#include "store/campaign_store.h"
#include "store/work_store.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

using namespace std::chrono_literals;

class WorkStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;  // no PostgreSQL configured
        works = std::make_unique<WorkStore>(store->database());
        campaign = CampaignStore(store->database()).create_campaign({2023, "网聚", ""}, ctx);
        add_unit("nat", UnitKind::national);
        add_unit("city", UnitKind::city, "nat");
        district = add_unit("dist", UnitKind::district, "city");
        zone = add_unit("zone", UnitKind::zone, "dist");
        grassroots = add_unit("shop", UnitKind::grassroots, "zone");
        worker = add_user("worker", grassroots.id);
        admin = add_user("admin", zone.id);
        Track t = default_tracks()[4];  // influencers: no file needed
        t.rules.per_person_limit = 10;
        track = works->create_track(campaign.id, t, ctx);
        works->set_level({track.id, ChainLevel::zone, 2, now_utc() + 24h}, ctx);
        works->set_level({track.id, ChainLevel::district, 1, now_utc() + 48h}, ctx);
    }

    WorkRoute route() {
        return {{zone, district}, works->levels(track.id)};
    }

    Work new_work(const std::string& title) {
        WorkContent content{title, "张伟",
                            {{"profile", "p"}, {"accounts", "a"}, {"followers", "1"},
                             {"sample_link", "https://a.cn"}, {"contact", "1"}},
                            {}};
        return works->create_work({campaign.id, track.id, worker.id, grassroots.id, content}, ctx);
    }

    DecisionRequest at_zone(const Work& w, Decision d) {
        DecisionRequest r;
        r.work = w.id;
        r.at = zone;
        r.decision = d;
        r.reason = d == Decision::return_for_changes ? "补充材料" : "";
        r.next = district.id;
        r.level = works->levels(track.id).front();
        r.by = admin.id;
        r.now = now_utc();
        return r;
    }

    std::unique_ptr<WorkStore> works;
    Campaign campaign;
    Unit district, zone, grassroots;
    User worker, admin;
    Track track;
};
INSTANTIATE_TEST_SUITE_P(Engines, WorkStoreTest, engines(), engine_name);

TEST_P(WorkStoreTest, TracksAndLevelsReadBack) {
    auto found = works->find_track_by_code(campaign.id, "influencers");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "正能量职工网络达人征集");
    EXPECT_EQ(to_json(found->rules), to_json(track.rules));
    auto levels = works->levels(track.id);
    ASSERT_EQ(levels.size(), 2u);
    EXPECT_EQ(levels[0].level, ChainLevel::zone);
    EXPECT_EQ(levels[0].quota, 2);
    works->set_level({track.id, ChainLevel::zone, 5, now_utc() + 1h}, ctx);
    EXPECT_EQ(works->levels(track.id)[0].quota, 5);
    EXPECT_THROW(works->create_track(campaign.id, track, ctx), Error);
}

TEST_P(WorkStoreTest, AWorkClimbsTheChainAndEveryVersionIsKept) {
    Work w = new_work("初稿");
    EXPECT_EQ(w.state, WorkState::draft);
    w = works->submit(w.id, route(), ctx);
    EXPECT_EQ(w.state, WorkState::pending);
    EXPECT_EQ(w.position, zone.id);
    w = works->decide(at_zone(w, Decision::recommend), ctx);
    EXPECT_EQ(w.position, district.id);
    EXPECT_EQ(works->recommended_count(zone.id, track.id), 1);
    EXPECT_EQ(works->works_at(district.id, campaign.id).size(), 1u);
    EXPECT_EQ(works->works_at(zone.id, campaign.id).size(), 1u);  // decided there
    auto decisions = works->decisions(w.id);
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].unit, zone.id);
    auto versions = works->versions(w.id);
    ASSERT_EQ(versions.size(), 2u);  // created, submitted
    EXPECT_EQ(versions[0].state, WorkState::draft);
    EXPECT_EQ(versions[1].state, WorkState::pending);
}

TEST_P(WorkStoreTest, QuotaIsCountedPerUnitAndTrackAndFreedByReturn) {
    Work a = works->submit(new_work("甲").id, route(), ctx);
    Work b = works->submit(new_work("乙").id, route(), ctx);
    Work c = works->submit(new_work("丙").id, route(), ctx);
    works->decide(at_zone(a, Decision::recommend), ctx);
    works->decide(at_zone(b, Decision::recommend), ctx);
    const auto events = store->count_audit_events();
    try {
        works->decide(at_zone(c, Decision::recommend), ctx);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::quota_full);
    }
    EXPECT_EQ(store->count_audit_events(), events);
    EXPECT_EQ(works->find_work(c.id)->state, WorkState::pending);
    // The district returns one of them: the zone's place is free again.
    DecisionRequest back;
    back.work = a.id;
    back.at = district;
    back.decision = Decision::return_for_changes;
    back.reason = "请修改";
    back.level = works->levels(track.id)[1];
    back.by = admin.id;
    back.now = now_utc();
    EXPECT_EQ(works->decide(back, ctx).state, WorkState::returned);
    EXPECT_EQ(works->recommended_count(zone.id, track.id), 1);
    EXPECT_NO_THROW(works->decide(at_zone(c, Decision::recommend), ctx));
}

TEST_P(WorkStoreTest, TheLastUnitOfTheChainMakesAnEntryOfJudging) {
    Work w = works->submit(new_work("终审").id, route(), ctx);
    w = works->decide(at_zone(w, Decision::recommend), ctx);
    DecisionRequest top;
    top.work = w.id;
    top.at = district;
    top.decision = Decision::recommend;
    top.level = works->levels(track.id)[1];
    top.by = admin.id;
    top.now = now_utc();
    w = works->decide(top, ctx);
    EXPECT_EQ(w.state, WorkState::entry);
    EXPECT_EQ(w.position, district.id);
}

TEST_P(WorkStoreTest, FilesAreReferencesAndTheSameContentIsFound) {
    const std::string sha(64, 'a');
    WorkFile f{sha, 1234, "视频.mp4", "video/mp4", {}};
    f.facts.kind = MediaKind::video;
    f.facts.format = "mp4";
    f.facts.duration_seconds = 61;
    Work a = works->add_file(new_work("甲").id, f, route(), ctx);
    ASSERT_EQ(a.content.files.size(), 1u);
    EXPECT_EQ(a.version, 2);
    Work b = works->add_file(new_work("乙").id, f, route(), ctx);
    EXPECT_EQ(works->works_with_file(campaign.id, sha, b.id), std::vector<WorkId>{a.id});
    auto back = works->find_work(a.id)->content.files.at(0);
    EXPECT_EQ(back.filename, "视频.mp4");
    EXPECT_EQ(back.facts.duration_seconds, 61);
    a = works->remove_file(a.id, 0, route(), ctx);
    EXPECT_TRUE(a.content.files.empty());
    EXPECT_EQ(works->versions(a.id).size(), 3u);
}

TEST_P(WorkStoreTest, CountsPerStateStayInTheSubtree) {
    works->submit(new_work("甲").id, route(), ctx);
    new_work("乙");
    auto counts = works->counts_in_subtree(campaign.id, zone.path);
    long long pending = 0, draft = 0;
    for (const auto& c : counts) {
        if (c.state == WorkState::pending) pending += c.count;
        if (c.state == WorkState::draft) draft += c.count;
    }
    EXPECT_EQ(pending, 1);
    EXPECT_EQ(draft, 1);
    auto other = add_unit("other", UnitKind::zone, "dist");
    EXPECT_TRUE(works->counts_in_subtree(campaign.id, other.path).empty());
    EXPECT_EQ(works->works_in_subtree(campaign.id, district.path).size(), 2u);
}

TEST_P(WorkStoreTest, SubmittingAfterTheFirstLevelsDeadlineIsRefused) {
    works->set_level({track.id, ChainLevel::zone, 2, now_utc() - 1h}, ctx);
    Work w = new_work("迟");
    try {
        works->submit(w.id, route(), ctx);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::deadline_passed);
    }
    EXPECT_EQ(works->find_work(w.id)->state, WorkState::draft);
}

}  // namespace
}  // namespace wangju::store::testing
