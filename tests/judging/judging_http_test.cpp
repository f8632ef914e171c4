// Judging over HTTP against a real server holding the demo, on SQLite and PostgreSQL: a city
// judges the works recommended to it. Judges at another district (heping) may judge them; a
// judge at the city itself (judge_chen) may not, since every work passed through the city.
#include <algorithm>
#include <map>
#include <set>

#include "domain/password.h"
#include "judging/judging_fixture.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class JudgingHttpTest : public JudgingFixture {
  protected:
    HttpClient judge(const std::string& username, const std::string& name,
                     const std::string& unit = "heping") {
        return logged_in_new_user(username, name, unit, Role::judge);
    }

    std::int64_t open_judging() {
        auto a = admin->json("POST", "/api/v1/campaigns/" + id_text(campaign.id.value) + "/judging",
                             {{"track", "accounts"},
                              {"tiers", Json::array({{{"name", "一等奖"}, {"count", 1}},
                                                     {{"name", "二等奖"}, {"count", 1}}})}});
        EXPECT_EQ(a.status, 201) << a.body;
        return a.json()["id"].get<std::int64_t>();
    }

    std::int64_t scored_round(std::int64_t judging, const std::vector<std::string>& panel, int k,
                              const std::string& advance = "all", double value = 0) {
        auto a = admin->json("POST", "/api/v1/judging/" + id_text(judging) + "/rounds",
                             {{"kind", "scored"},
                              {"name", "初评"},
                              {"judges_per_work", k},
                              {"rubric", kRubric},
                              {"advance", {{"rule", advance}, {"value", value}}},
                              {"panel", panel}});
        EXPECT_EQ(a.status, 201) << a.body;
        return a.json()["id"].get<std::int64_t>();
    }

    HttpAnswer patch_round(std::int64_t round, const Json& body) {
        return admin->json("PATCH", "/api/v1/rounds/" + id_text(round), body);
    }

    Json assignments(std::int64_t round) {
        auto a = admin->get("/api/v1/rounds/" + id_text(round) + "/assignments");
        EXPECT_EQ(a.status, 200) << a.body;
        return a.json()["assignments"];
    }

    std::size_t audit_count() { return store->count_audit_events(); }
};

TEST_P(JudgingHttpTest, BadInputAnswers400WithItsFieldAndStoresNothing) {
    const std::string base = "/api/v1/campaigns/" + id_text(campaign.id.value) + "/judging";
    const auto before = audit_count();
    auto field_of = [](const HttpAnswer& a) { return a.json()["error"]["fields"].begin().key(); };
    const auto judgings_before = web->judgings.judgings_of(campaign.id).size();
    auto a = admin->json("POST", base, {{"track", "nonesuch"}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "track");
    // The demo's public votes take the influencers and accounts; this track has none.
    a = admin->json("POST", base, {{"track", "micro_videos"}, {"vote_weight", 40}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "vote_weight");
    EXPECT_NE(a.json()["error"]["message"].get<std::string>().find("尚无网络投票"),
              std::string::npos);
    a = admin->json(
        "POST", base,
        {{"track", "accounts"}, {"tiers", Json::array({{{"name", ""}, {"count", 1}}})}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "tiers");
    EXPECT_EQ(audit_count(), before);
    EXPECT_EQ(web->judgings.judgings_of(campaign.id).size(), judgings_before);

    const auto judging = open_judging();
    const std::string rounds = "/api/v1/judging/" + id_text(judging) + "/rounds";
    const auto opened = audit_count();
    Json bad_rubric = kRubric;
    bad_rubric[1]["weight"] = -5;
    a = admin->json(
        "POST", rounds,
        {{"kind", "scored"}, {"name", "初评"}, {"judges_per_work", 2}, {"rubric", bad_rubric}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "rubric.2.weight");
    a = admin->json(
        "POST", rounds,
        {{"kind", "scored"}, {"name", "初评"}, {"judges_per_work", 0}, {"rubric", kRubric}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "judges_per_work");
    a = admin->json("POST", rounds,
                    {{"kind", "scored"},
                     {"name", "初评"},
                     {"rubric", kRubric},
                     {"advance", {{"rule", "top_n"}, {"value", 3}}}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "advance");
    a = admin->json("POST", rounds, {{"kind", "semi"}, {"name", "初评"}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "kind");
    a = admin->json(
        "POST", rounds,
        {{"kind", "scored"}, {"name", "初评"}, {"rubric", kRubric}, {"panel", {"worker_zhang"}}});
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(field_of(a), "panel");
    EXPECT_EQ(audit_count(), opened + 1);  // the last one created its round, then refused the panel
    EXPECT_EQ(web->judgings.rounds(JudgingId{judging}).size(), 1u);
    EXPECT_TRUE(web->judgings.panel(web->judgings.rounds(JudgingId{judging})[0].id).empty());

    // A worker and another unit's admin may not run it; the latter does not even see it.
    auto worker = logged_in("worker_zhang");
    EXPECT_EQ(worker.json("POST", base, {{"track", "accounts"}}).status, 403);
    auto binhai = logged_in("binhai_admin");
    EXPECT_EQ(binhai.get("/api/v1/judging/" + id_text(judging)).status, 404);
    EXPECT_EQ(binhai.json("POST", rounds, {{"kind", "scored"}, {"name", "x"}}).status, 404);
}

TEST_P(JudgingHttpTest, AssignmentThatCannotGiveEveryWorkKJudgesStoresNothing) {
    std::vector<WorkId> works;
    for (int i = 0; i < 7; ++i) works.push_back(work_at_city("作品" + std::to_string(i)));
    judge("heping_wang", "王芳");
    judge("heping_li", "李强");
    judge("heping_zhao", "赵刚");
    const auto judging = open_judging();
    const auto round =
        scored_round(judging, {"judge_chen", "heping_wang", "heping_li", "heping_zhao"}, 4);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    const auto before = audit_count();
    auto refused =
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object());
    ASSERT_EQ(refused.status, 409) << refused.body;
    const auto fields = refused.json()["error"]["fields"];
    EXPECT_EQ(fields.size(), works.size());
    for (const auto& [k, v] : fields.items()) {
        EXPECT_NE(v.get<std::string>().find("只有 3 位评委与该作品无回避关系"), std::string::npos)
            << v;
    }
    EXPECT_TRUE(assignments(round).empty());
    EXPECT_EQ(audit_count(), before);
}

TEST_P(JudgingHttpTest, AssignmentAvoidsConflictsAndBalancesLoads) {
    std::vector<WorkId> works;
    for (int i = 0; i < 7; ++i) works.push_back(work_at_city("作品" + std::to_string(i)));
    judge("heping_wang", "王芳");
    judge("heping_li", "李强");
    judge("heping_zhao", "赵刚");
    const auto judging = open_judging();
    const auto round =
        scored_round(judging, {"judge_chen", "heping_wang", "heping_li", "heping_zhao"}, 2);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    auto a = admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object());
    ASSERT_EQ(a.status, 200) << a.body;
    std::map<std::int64_t, std::set<std::string>> judges_of;
    std::map<std::string, int> loads;
    const Json made = a.json()["assignments"];
    for (const auto& x : made) {
        const auto judge = x["judge"]["username"].get<std::string>();
        EXPECT_NE(judge, "judge_chen");  // at the city every work passed through
        EXPECT_TRUE(judges_of[x["work"]["id"].get<std::int64_t>()].insert(judge).second);
        ++loads[judge];
    }
    EXPECT_EQ(judges_of.size(), works.size());
    for (const auto& [work, judges] : judges_of) EXPECT_EQ(judges.size(), 2u) << work;
    ASSERT_EQ(loads.size(), 3u);
    auto [least, most] = std::minmax_element(loads.begin(), loads.end(),
                                             [](auto& x, auto& y) { return x.second < y.second; });
    EXPECT_LE(most->second - least->second, 1);
    // Assigning again keeps what is there and adds nothing.
    auto again =
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object());
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.json()["assignments"], a.json()["assignments"]);
    // A hand move to the conflicted judge is refused, naming why.
    auto moved = admin->json(
        "POST", "/api/v1/assignments/" + id_text(a.json()["assignments"][0]["id"]) + "/move",
        {{"judge", "judge_chen"}});
    EXPECT_EQ(moved.status, 400);
    EXPECT_TRUE(moved.json()["error"]["fields"].contains("judge"));
}

TEST_P(JudgingHttpTest, AJudgeSeesOnlyTheirOwnBlindWorkAndScoresUntilTheRoundCloses) {
    const auto first = work_at_city("车间里的网红技师", "张伟、李娜");
    const auto second = work_at_city("港口的夜班", "张伟");
    auto wang = judge("heping_wang", "王芳");
    auto li = judge("heping_li", "李强");
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang", "heping_li"}, 1);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    auto assigned =
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object());
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    auto list = assigned.json()["assignments"];
    ASSERT_EQ(list.size(), 2u);
    // Loads are balanced: one work each.
    EXPECT_NE(list[0]["judge"]["username"], list[1]["judge"]["username"]);

    auto queue = wang.get("/api/v1/me/assignments");
    ASSERT_EQ(queue.status, 200) << queue.body;
    const auto mine = queue.json()["assignments"];
    ASSERT_EQ(mine.size(), 1u);
    // Blind: no author, no unit, no contact field, no file name; in the JSON and in the page.
    for (const char* hidden : {"张伟", "李娜", "泰达汽车", "13800000000", "滨海新区"}) {
        EXPECT_EQ(queue.body.find(hidden), std::string::npos) << hidden;
    }
    const auto my_id = mine[0]["id"].get<std::int64_t>();
    const auto my_work = mine[0]["work"]["id"].get<std::int64_t>();
    auto page = wang.get("/judge/assignments/" + id_text(my_id));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const char* hidden : {"张伟", "李娜", "泰达汽车", "13800000000"}) {
        EXPECT_EQ(page.body.find(hidden), std::string::npos) << hidden;
    }
    // Not another judge's assignment, nor a work not assigned to them.
    std::int64_t other_id = 0;
    for (const auto& a : list) {
        if (a["id"] != my_id) other_id = a["id"].get<std::int64_t>();
    }
    EXPECT_EQ(wang.get("/api/v1/assignments/" + id_text(other_id)).status, 404);
    EXPECT_EQ(wang.get("/judge/assignments/" + id_text(other_id)).status, 404);
    const auto other_work = my_work == first.value ? second.value : first.value;
    EXPECT_EQ(wang.get("/api/v1/works/" + id_text(other_work)).status, 404);

    // Bad scores are refused with their field and change nothing.
    const std::string score = "/api/v1/assignments/" + id_text(my_id) + "/score";
    const auto before = audit_count();
    auto bad = wang.json("PUT", score, {{"scores", {{"c1", 11}, {"c2", 5}}}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.json()["error"]["fields"].contains("scores.c1"));
    bad = wang.json("PUT", score, {{"scores", {{"c1", 5}}}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.json()["error"]["fields"].contains("scores.c2"));
    EXPECT_EQ(li.json("PUT", score, {{"scores", {{"c1", 5}, {"c2", 5}}}}).status, 404);
    EXPECT_EQ(audit_count(), before);

    auto saved =
        wang.json("PUT", score, {{"scores", {{"c1", 8}, {"c2", 9}}}, {"comment", "构思新颖"}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_DOUBLE_EQ(saved.json()["total"].get<double>(), 40 * 0.8 + 60 * 0.9);
    // The other judge's queue shows nothing of it.
    auto li_queue = li.get("/api/v1/me/assignments");
    EXPECT_EQ(li_queue.body.find("构思新颖"), std::string::npos);
    EXPECT_TRUE(li_queue.json()["assignments"][0]["mine"]["total"].is_null());

    // Closing with a score missing is refused; closing anyway lists it in the audit log.
    auto close = patch_round(round, {{"state", "closed"}});
    EXPECT_EQ(close.status, 409);
    EXPECT_NE(close.json()["error"]["message"].get<std::string>().find("还有 1 项评分未完成"),
              std::string::npos);
    ASSERT_EQ(patch_round(round, {{"state", "closed"}, {"force", true}}).status, 200);
    const auto events = store->audit_events(0, 100000);
    auto forced = std::find_if(events.rbegin(), events.rend(),
                               [](const AuditEvent& e) { return e.action == "round.close"; });
    ASSERT_NE(forced, events.rend());
    EXPECT_EQ(forced->after["details"]["missing"].size(), 1u);
    // Scoring after the close is refused.
    EXPECT_EQ(wang.json("PUT", score, {{"scores", {{"c1", 1}, {"c2", 1}}}}).status, 409);
}

TEST_P(JudgingHttpTest, ScoresStayWithTheJudgingAdminsUntilTheAwardsArePublished) {
    const auto first = work_at_city("车间里的网红技师");
    const auto second = work_at_city("港口的夜班");
    auto wang = judge("heping_wang", "王芳");
    auto li = judge("heping_li", "李强");
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang", "heping_li"}, 2);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    ASSERT_EQ(
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object()).status,
        200);
    auto score_all = [&](HttpClient& judge, int c1_first, int c1_second) {
        const Json queue = judge.get("/api/v1/me/assignments").json()["assignments"];
        for (const auto& a : queue) {
            const bool is_first = a["work"]["id"] == first.value;
            auto saved =
                judge.json("PUT", "/api/v1/assignments/" + id_text(a["id"]) + "/score",
                           {{"scores", {{"c1", is_first ? c1_first : c1_second}, {"c2", 5}}}});
            ASSERT_EQ(saved.status, 200) << saved.body;
        }
    };
    score_all(wang, 9, 3);
    score_all(li, 8, 4);
    ASSERT_EQ(patch_round(round, {{"state", "closed"}}).status, 200);

    // The work's district admin and its worker see no score or rank.
    auto binhai = logged_in("binhai_admin");
    auto worker = logged_in("worker_zhang");
    for (HttpClient* c : {&binhai, &worker}) {
        EXPECT_EQ(c->get("/api/v1/rounds/" + id_text(round) + "/results").status, 404);
        EXPECT_EQ(c->get("/api/v1/judging/" + id_text(judging) + "/awards").status, 404);
        auto work = c->get("/api/v1/works/" + id_text(first.value));
        EXPECT_EQ(work.body.find("一等奖"), std::string::npos);
    }
    auto results = admin->get("/api/v1/rounds/" + id_text(round) + "/results");
    ASSERT_EQ(results.status, 200) << results.body;
    auto rows = results.json()["results"];
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["work"]["id"], first.value);
    EXPECT_EQ(rows[0]["rank"], 1);
    EXPECT_EQ(rows[1]["rank"], 2);
    EXPECT_EQ(rows[0]["judges"].size(), 2u);

    // The ranking proposes, the admin moves a work with a reason, confirms and publishes.
    const std::string awards = "/api/v1/judging/" + id_text(judging) + "/awards";
    auto proposed = admin->get(awards);
    ASSERT_EQ(proposed.status, 200) << proposed.body;
    EXPECT_EQ(proposed.json()["awards"][0]["tier"], "一等奖");
    EXPECT_EQ(proposed.json()["awards"][1]["tier"], "二等奖");
    const auto before = audit_count();
    auto no_reason = admin->json(
        "PUT", awards, {{"moves", Json::array({{{"work_id", second.value}, {"tier", nullptr}}})}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_EQ(audit_count(), before);
    auto moved = admin->json(
        "PUT", awards,
        {{"moves",
          Json::array(
              {{{"work_id", second.value}, {"tier", nullptr}, {"reason", "内容与主题不符"}}})},
         {"confirm", true}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["state"], "confirmed");
    EXPECT_TRUE(moved.json()["awards"][1]["tier"].is_null());
    auto published = admin->json("POST", awards + "/publish", Json::object());
    ASSERT_EQ(published.status, 200) << published.body;

    // The worker's page of the work shows the award; the unit's inbox has the notice.
    auto page = worker.get("/works/" + id_text(first.value));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("一等奖"), std::string::npos);
    auto other = worker.get("/works/" + id_text(second.value));
    EXPECT_EQ(other.body.find("一等奖"), std::string::npos);
    auto unit = store->find_unit_by_code("teda_qiche");
    auto notices = web->inbox.notices(unit->id);
    ASSERT_FALSE(notices.empty());
    EXPECT_NE(notices.front().title.find("一等奖"), std::string::npos);
}

TEST_P(JudgingHttpTest, AQualifyingRoundPassesWorksToTheNextRound) {
    const auto kept = work_at_city("合格作品");
    const auto failed = work_at_city("不合格作品");
    auto wang = judge("heping_wang", "王芳");
    const auto judging = open_judging();
    auto q = admin->json("POST", "/api/v1/judging/" + id_text(judging) + "/rounds",
                         {{"kind", "qualifying"},
                          {"name", "资格审查"},
                          {"judges_per_work", 1},
                          {"panel", {"heping_wang"}}});
    ASSERT_EQ(q.status, 201) << q.body;
    const auto qualifying = q.json()["id"].get<std::int64_t>();
    ASSERT_EQ(patch_round(qualifying, {{"state", "open"}}).status, 200);
    ASSERT_EQ(
        admin->json("POST", "/api/v1/rounds/" + id_text(qualifying) + "/assign", Json::object())
            .status,
        200);
    const Json queue = wang.get("/api/v1/me/assignments").json()["assignments"];
    for (const auto& a : queue) {
        const bool pass = a["work"]["id"] == kept.value;
        const std::string url = "/api/v1/assignments/" + id_text(a["id"]) + "/score";
        if (!pass) {
            auto no_reason = wang.json("PUT", url, {{"verdict", "fail"}});
            EXPECT_EQ(no_reason.status, 400);
            EXPECT_TRUE(no_reason.json()["error"]["fields"].contains("comment"));
        }
        auto saved = wang.json(
            "PUT", url, {{"verdict", pass ? "pass" : "fail"}, {"comment", pass ? "" : "文件不全"}});
        ASSERT_EQ(saved.status, 200) << saved.body;
    }
    // The next round waits until this one is published.
    auto early = admin->json("POST", "/api/v1/judging/" + id_text(judging) + "/rounds",
                             {{"kind", "scored"},
                              {"name", "初评"},
                              {"rubric", kRubric},
                              {"advance", {{"rule", "passed"}}}});
    EXPECT_EQ(early.status, 409);
    ASSERT_EQ(patch_round(qualifying, {{"state", "closed"}}).status, 200);
    ASSERT_EQ(patch_round(qualifying, {{"state", "published"}}).status, 200);
    const auto next = scored_round(judging, {"heping_wang"}, 1, "passed");
    ASSERT_EQ(patch_round(next, {{"state", "open"}}).status, 200);
    const auto taken = web->judgings.round_works(RoundId{next});
    ASSERT_EQ(taken.size(), 1u);
    EXPECT_EQ(taken[0], kept);
    (void)failed;
}

TEST_P(JudgingHttpTest, AJudgeWhoDeclaresAConflictIsReplaced) {
    work_at_city("车间里的网红技师");
    auto wang = judge("heping_wang", "王芳");
    auto li = judge("heping_li", "李强");
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang", "heping_li"}, 1);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    auto list = admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object())
                    .json()["assignments"];
    ASSERT_EQ(list.size(), 1u);
    const auto holder_name = list[0]["judge"]["username"].get<std::string>();
    HttpClient& declarer = holder_name == "heping_wang" ? wang : li;
    auto empty = declarer.json(
        "POST", "/api/v1/assignments/" + id_text(list[0]["id"]) + "/conflict", Json::object());
    EXPECT_EQ(empty.status, 400);
    auto declared =
        declarer.json("POST", "/api/v1/assignments/" + id_text(list[0]["id"]) + "/conflict",
                      {{"reason", "作者是我的同学"}});
    ASSERT_EQ(declared.status, 200) << declared.body;
    EXPECT_TRUE(declared.json()["reassigned"].get<bool>());
    auto now = assignments(round);
    ASSERT_EQ(now.size(), 1u);
    EXPECT_NE(now[0]["judge"]["username"], holder_name);
}

TEST_P(JudgingHttpTest, ACityRecommendsItsTopWorksUpward) {
    const auto best = work_at_city("最佳作品");
    const auto next = work_at_city("次佳作品");
    auto wang = judge("heping_wang", "王芳");
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang"}, 1);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    ASSERT_EQ(
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object()).status,
        200);
    const Json queue = wang.get("/api/v1/me/assignments").json()["assignments"];
    for (const auto& a : queue) {
        const int v = a["work"]["id"] == best.value ? 9 : 6;
        ASSERT_EQ(wang.json("PUT", "/api/v1/assignments/" + id_text(a["id"]) + "/score",
                            {{"scores", {{"c1", v}, {"c2", v}}}})
                      .status,
                  200);
    }
    const std::string recommend = "/api/v1/rounds/" + id_text(round) + "/recommend";
    EXPECT_EQ(admin->json("POST", recommend, {{"count", 1}}).status, 409);  // not published yet
    ASSERT_EQ(patch_round(round, {{"state", "closed"}}).status, 200);
    ASSERT_EQ(patch_round(round, {{"state", "published"}}).status, 200);
    EXPECT_EQ(admin->json("POST", recommend, {{"count", 0}}).status, 400);
    auto done = admin->json("POST", recommend, {{"count", 1}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["recommended"], Json::array({best.value}));
    auto acftu = store->find_unit_by_code("acftu");
    EXPECT_EQ(web->works.find_work(best)->position, acftu->id);
    EXPECT_EQ(web->works.find_work(next)->position, store->find_unit_by_code("tianjin")->id);
}

TEST_P(JudgingHttpTest, AFinalRankingKeepsTheTopWorksAndTheResultsTableListsThem) {
    const auto best = work_at_city("最佳作品");
    const auto second = work_at_city("次佳作品");
    const auto third = work_at_city("第三作品");
    auto wang = judge("heping_wang", "王芳");
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang"}, 1);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    ASSERT_EQ(
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object()).status,
        200);
    const Json queue = wang.get("/api/v1/me/assignments").json()["assignments"];
    for (const auto& a : queue) {
        const auto w = a["work"]["id"].get<std::int64_t>();
        const int v = w == best.value ? 9 : w == second.value ? 7 : 5;
        ASSERT_EQ(wang.json("PUT", "/api/v1/assignments/" + id_text(a["id"]) + "/score",
                            {{"scores", {{"c1", v}, {"c2", v}}}})
                      .status,
                  200);
    }
    ASSERT_EQ(patch_round(round, {{"state", "closed"}}).status, 200);
    ASSERT_EQ(patch_round(round, {{"state", "published"}}).status, 200);
    auto final_round = admin->json(
        "POST", "/api/v1/judging/" + id_text(judging) + "/rounds",
        {{"kind", "final"}, {"name", "终评"}, {"advance", {{"rule", "top_n"}, {"value", 2}}}});
    ASSERT_EQ(final_round.status, 201) << final_round.body;
    const auto final_id = final_round.json()["id"].get<std::int64_t>();
    ASSERT_EQ(patch_round(final_id, {{"state", "open"}}).status, 200);
    EXPECT_EQ(web->judgings.round_works(RoundId{final_id}).size(), 2u);

    auto awards = admin->get("/api/v1/judging/" + id_text(judging) + "/awards");
    ASSERT_EQ(awards.status, 200);
    const Json rows = awards.json()["awards"];
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["work"]["id"], best.value);
    EXPECT_EQ(rows[0]["tier"], "一等奖");
    EXPECT_EQ(rows[1]["work"]["id"], second.value);

    auto csv = admin->get("/api/v1/judging/" + id_text(judging) + "/results.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("评审结果"), std::string::npos);
    EXPECT_NE(csv.body.find("最佳作品"), std::string::npos);
    EXPECT_NE(csv.body.find("一等奖"), std::string::npos);
    EXPECT_EQ(csv.body.find("第三作品"), std::string::npos);
    auto xlsx = admin->get("/api/v1/judging/" + id_text(judging) + "/results.xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    auto worker = logged_in("worker_zhang");
    EXPECT_EQ(worker.get("/api/v1/judging/" + id_text(judging) + "/results.csv").status, 404);
    (void)third;
}

// With e-mail on: a reminder reaches the judge alone (not the other accounts of their unit) and is
// queued for mail to the judge's address.
class JudgingMailTest : public JudgingHttpTest {
  protected:
    void configure(web::WebConfig& config) override { config.mail_enabled = true; }
};

TEST_P(JudgingMailTest, ARemindedJudgeAloneSeesTheNoticeAndGetsAnEmail) {
    work_at_city("车间里的网红技师");
    auto wang = judge("heping_wang", "王芳");
    auto colleague = logged_in_new_user("heping_worker", "同事", "heping", Role::worker);
    const auto judge_id = store->find_user_by_username("heping_wang")->id;
    store->set_email(judge_id, "wangfang@example.cn", system);
    const auto judging = open_judging();
    const auto round = scored_round(judging, {"heping_wang"}, 1);
    ASSERT_EQ(patch_round(round, {{"state", "open"}}).status, 200);
    ASSERT_EQ(
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/assign", Json::object()).status,
        200);
    auto reminded =
        admin->json("POST", "/api/v1/rounds/" + id_text(round) + "/remind", Json::object());
    ASSERT_EQ(reminded.status, 200) << reminded.body;
    EXPECT_EQ(reminded.json()["reminded"], 1);
    auto inbox = wang.get("/api/v1/inbox");
    ASSERT_EQ(inbox.status, 200);
    EXPECT_NE(inbox.body.find("尚有 1 件作品未评"), std::string::npos);
    EXPECT_EQ(colleague.get("/api/v1/inbox").body.find("尚有 1 件作品未评"), std::string::npos);
    const auto mail = web->outbox.pending();
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_EQ(mail[0].to, std::vector<std::string>{"wangfang@example.cn"});
    EXPECT_NE(mail[0].body.find("/judge"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, JudgingMailTest, store::testing::engines(),
                         store::testing::engine_name);

TEST_P(JudgingHttpTest, TiersPastTheAwardCapAreRefusedSayingByHowMany) {
    for (int i = 0; i < 4; ++i) work_at_city("获奖比例 " + std::to_string(i));
    const auto id = open_judging();  // the API sets no cap unless asked
    const std::string url = "/api/v1/judging/" + id_text(id);
    auto shown = admin->get(url);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_TRUE(shown.json()["award_cap_percent"].is_null());
    const int entries = shown.json()["entries"];
    ASSERT_GE(entries, 4);
    const Json all_awarded = Json::array({{{"name", "一等奖"}, {"count", entries}}});
    for (int bad : {0, 101}) {
        auto refused = admin->json("PATCH", url, {{"award_cap_percent", bad}});
        EXPECT_EQ(refused.status, 400) << refused.body;
        EXPECT_TRUE(refused.json()["error"]["fields"].contains("award_cap_percent"));
    }
    const int limit = entries / 2;
    auto over = admin->json("PATCH", url, {{"award_cap_percent", 50}, {"tiers", all_awarded}});
    EXPECT_EQ(over.status, 400) << over.body;
    EXPECT_NE(over.body.find("超出 " + std::to_string(entries - limit) + " 件"), std::string::npos)
        << over.body;
    EXPECT_TRUE(admin->get(url).json()["award_cap_percent"].is_null());  // nothing stored
    const Json at_limit = Json::array({{{"name", "一等奖"}, {"count", limit}}});
    auto saved = admin->json("PATCH", url, {{"award_cap_percent", 50}, {"tiers", at_limit}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(saved.json()["award_cap_percent"], 50);
    EXPECT_EQ(saved.json()["award_cap_limit"], limit);
    EXPECT_EQ(admin->json("PATCH", url, {{"tiers", all_awarded}}).status, 400);
}

INSTANTIATE_TEST_SUITE_P(Engines, JudgingHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
