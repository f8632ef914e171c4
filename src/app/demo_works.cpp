// The demo's tracks and works: the ten tracks of the notice with their default rules, quotas and
// deadlines per level (relative to now, so that the demo can be used at any date), and a few works
// of worker_zhang in various states of the chain.
#include "app/demo.h"

#include "domain/default_tracks.h"
#include "domain/error.h"
#include "store/work_store.h"

namespace wangju::app {
namespace {

using namespace std::chrono_literals;

struct DemoLevel {
    ChainLevel level;
    int quota;
    std::chrono::hours after_now;
};

// Grassroots unions take no part: their workers' works go straight to their zone or town.
const DemoLevel demo_levels[] = {
    {ChainLevel::zone, 3, 24h * 14},
    {ChainLevel::district, 5, 24h * 21},
    {ChainLevel::city, 10, 24h * 28},
    {ChainLevel::national, 20, 24h * 35},
};

store::WorkRoute route(store::Store& store, store::WorkStore& works, const Unit& unit, TrackId track) {
    std::vector<Unit> upward = store.ancestors(unit);
    std::reverse(upward.begin(), upward.end());
    upward.insert(upward.begin(), unit);
    store::WorkRoute r;
    r.settings = works.levels(track);
    r.chain = chain_of(upward, r.settings);
    return r;
}

struct DemoWork {
    const char* track;
    const char* title;
    std::map<std::string, std::string> values;
};

}  // namespace

void load_demo_works(store::Store& store, const Campaign& campaign) {
    AuditContext system{std::nullopt, "demo"};
    store::WorkStore works(store.database());
    std::map<std::string, Track> tracks;
    for (auto track : default_tracks()) {
        track = works.create_track(campaign.id, track, system);
        for (const auto& l : demo_levels) {
            works.set_level({track.id, l.level, l.quota, now_utc() + l.after_now}, system);
        }
        tracks[track.code] = track;
    }
    auto worker = store.find_user_by_username("worker_zhang");
    auto admin = store.find_user_by_username("teda_admin");
    auto unit = store.find_unit_by_code("teda_qiche");
    auto zone = store.find_unit_by_code("bh_teda");
    if (!worker || !admin || !unit || !zone) return;
    AuditContext as_worker{worker->id, "demo"};
    AuditContext as_admin{admin->id, "demo"};
    const DemoWork demo_works[] = {
        {"micro_videos", "奋进新征程——泰达汽车人的一天", {{"synopsis", "记录一线职工的一天。"}, {"contact", "13800000001"}}},
        {"influencers", "车间里的“网红”技师", {{"profile", "从业十五年的汽车零部件技师,在短视频平台分享维修技巧。"}, {"accounts", "抖音 @泰达老张"}, {"followers", "52000"}, {"sample_link", "https://www.douyin.com/"}, {"contact", "13800000001"}}},
        {"accounts", "泰达汽车工会微信公众号", {{"platform", "微信"}, {"account_id", "teda_qiche_gh"}, {"followers", "8600"}, {"contact", "13800000001"}}},
        {"platforms", "“泰汽职工之家”小程序", {{"introduction", "为职工提供入会、维权、福利等线上服务。"}, {"address", "泰汽职工之家"}, {"contact", "13800000001"}}},
    };
    std::vector<Work> created;
    for (const auto& d : demo_works) {
        const Track& track = tracks.at(d.track);
        WorkContent content{d.title, "张伟", d.values, {}};
        created.push_back(works.create_work(
            {campaign.id, track.id, worker->id, unit->id, checked_content(track, content)}, as_worker));
    }
    // created[0] stays a draft; the others are submitted and reach the zone.
    for (std::size_t i = 1; i < created.size(); ++i) {
        works.submit(created[i].id, route(store, works, *unit, created[i].track), as_worker);
    }
    auto decide = [&](const Work& work, Decision decision, const char* reason) {
        auto r = route(store, works, *unit, work.track);
        store::DecisionRequest request;
        request.work = work.id;
        request.at = *zone;
        request.decision = decision;
        request.reason = reason;
        if (auto next = next_in_chain(r.chain, zone->id)) request.next = next->id;
        request.level = *setting_for(r.settings, ChainLevel::zone);
        request.by = admin->id;
        request.now = now_utc();
        works.decide(request, as_admin);
    };
    decide(created[2], Decision::recommend, "");
    decide(created[3], Decision::return_for_changes, "请补充平台的注册用户数和月活跃用户数。");
}

}  // namespace wangju::app
