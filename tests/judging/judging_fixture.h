// What the judging feature's HTTP tests share, on SQLite and PostgreSQL: the demo's accounts
// track open at every level with room for many works, the city's admin (tianjin_admin) logged in,
// and works of a Tianjin worker recommended by each level up to the city.
#pragma once

#include <algorithm>
#include <memory>
#include <string>

#include "support/web_fixture.h"

namespace wangju::testing {

// Two criteria out of 10, weighted 40 and 60.
inline const nlohmann::json kRubric =
    nlohmann::json::array({{{"name", "思想性"}, {"weight", 40}, {"max", 10}},
                           {{"name", "艺术性"}, {"weight", 60}, {"max", 10}}});

class JudgingFixture : public EngineWebTest {
  protected:
    void SetUp() override {
        EngineWebTest::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();
        // The demo judges influencers in Tianjin already; these tests judge accounts there.
        track = *web->works.find_track_by_code(campaign.id, "accounts");
        track.rules.per_person_limit = 100;
        track.rules.per_unit_limit = 100;
        track = web->works.update_track(track, system);
        for (auto level :
             {ChainLevel::zone, ChainLevel::district, ChainLevel::city, ChainLevel::national}) {
            web->works.set_level({track.id, level, 50, now_utc() + std::chrono::hours(24 * 30)},
                                 system);
        }
        admin = std::make_unique<HttpClient>(logged_in("tianjin_admin"));
    }

    std::string id_text(std::int64_t id) { return std::to_string(id); }

    // A work of `unit_code`'s worker, recommended by each level up to the city (pending there).
    WorkId work_at_city(const std::string& title, const std::string& authors = "张伟",
                        const std::string& unit_code = "teda_qiche") {
        auto owner = store->find_user_by_username("worker_zhang");
        auto unit = store->find_unit_by_code(unit_code);
        WorkContent content{title,
                            authors,
                            {{"platform", "微信"},
                             {"account_id", "teda_gh"},
                             {"followers", "1000"},
                             {"contact", "13800000000"}},
                            {}};
        Work work = web->works.create_work(
            {campaign.id, track.id, owner->id, unit->id, checked_content(track, content)}, system);
        auto r = route(*unit);
        web->works.submit(work.id, r, system);
        for (std::size_t i = 0; i + 1 < r.chain.size() && r.chain[i].kind != UnitKind::city; ++i) {
            store::DecisionRequest d;
            d.work = work.id;
            d.at = r.chain[i];
            d.next = r.chain[i + 1].id;
            d.level = *setting_for(r.settings, chain_level_of(r.chain[i].kind));
            d.by = owner->id;
            d.now = now_utc();
            web->works.decide(d, system);
        }
        return work.id;
    }

    store::WorkRoute route(const Unit& unit) {
        std::vector<Unit> upward = store->ancestors(unit);
        std::reverse(upward.begin(), upward.end());
        upward.insert(upward.begin(), unit);
        store::WorkRoute r;
        r.settings = web->works.levels(track.id);
        r.chain = chain_of(upward, r.settings);
        return r;
    }

    AuditContext system{std::nullopt, "test"};
    Campaign campaign;
    Track track;
    std::unique_ptr<HttpClient> admin;
};

}  // namespace wangju::testing
