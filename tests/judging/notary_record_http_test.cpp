// Records for the notary over HTTP against a real server holding the demo, on SQLite and
// PostgreSQL: a city judges two works with two judges, confirms its list and issues the record;
// `wangju check` then finds a score changed behind the application's back.
#include <unistd.h>

#include <algorithm>

#include "store/notary_record_store.h"
#include "support/pdf_text.h"
#include "support/served_process.h"
#include "judging/judging_fixture.h"
#include "support/web_fixture.h"
#include "web/notary/notary_record_service.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class NotaryRecordHttpTest : public JudgingFixture {
  protected:
    // Two works scored by 王芳 and 李强 in a closed round; the admin moves the second work out of
    // the awards with a reason and confirms the list. Returns the round's id.
    std::int64_t judged_round() {
        first = work_at_city("车间里的网红技师");
        second = work_at_city("港口的夜班");
        auto wang = logged_in_new_user("heping_wang", "王芳", "heping", Role::judge);
        auto li = logged_in_new_user("heping_li", "李强", "heping", Role::judge);
        auto opened =
            admin->json("POST", "/api/v1/campaigns/" + id_text(campaign.id.value) + "/judging",
                        {{"track", "accounts"},
                         {"tiers", Json::array({{{"name", "一等奖"}, {"count", 1}},
                                                {{"name", "二等奖"}, {"count", 1}}})}});
        EXPECT_EQ(opened.status, 201) << opened.body;
        judging = opened.json()["id"].get<std::int64_t>();
        auto added = admin->json("POST", "/api/v1/judging/" + id_text(judging) + "/rounds",
                                 {{"kind", "scored"},
                                  {"name", "初评"},
                                  {"judges_per_work", 2},
                                  {"rubric", kRubric},
                                  {"advance", {{"rule", "all"}, {"value", 0}}},
                                  {"panel", {"heping_wang", "heping_li"}}});
        EXPECT_EQ(added.status, 201) << added.body;
        const std::int64_t round = added.json()["id"].get<std::int64_t>();
        const std::string path = "/api/v1/rounds/" + id_text(round);
        EXPECT_EQ(admin->json("PATCH", path, {{"state", "open"}}).status, 200);
        EXPECT_EQ(admin->json("POST", path + "/assign", Json::object()).status, 200);
        auto score_all = [&](HttpClient& judge, int c1_first, int c1_second) {
            const Json queue = judge.get("/api/v1/me/assignments").json()["assignments"];
            for (const auto& a : queue) {
                const bool is_first = a["work"]["id"] == first.value;
                auto saved =
                    judge.json("PUT", "/api/v1/assignments/" + id_text(a["id"]) + "/score",
                               {{"scores", {{"c1", is_first ? c1_first : c1_second}, {"c2", 5}}}});
                EXPECT_EQ(saved.status, 200) << saved.body;
            }
        };
        score_all(wang, 9, 3);
        score_all(li, 8, 4);
        EXPECT_EQ(admin->json("PATCH", path, {{"state", "closed"}}).status, 200);
        auto moved = admin->json(
            "PUT", "/api/v1/judging/" + id_text(judging) + "/awards",
            {{"moves",
              Json::array(
                  {{{"work_id", second.value}, {"tier", nullptr}, {"reason", "内容与主题不符"}}})},
             {"confirm", true}});
        EXPECT_EQ(moved.status, 200) << moved.body;
        return round;
    }

    std::string record_path(std::int64_t round) {
        return "/api/v1/rounds/" + id_text(round) + "/notary-record.pdf";
    }

    store::NotaryRecordStore records() { return store::NotaryRecordStore(store->database()); }

    WorkId first, second;
    std::int64_t judging = 0;
};

TEST_P(NotaryRecordHttpTest, TheJudgingsAdminGetsAPdfNamingWorksJudgesAndTheFinalList) {
    const auto round = judged_round();

    // Neither the work's district admin nor its worker may issue one; nothing is stored.
    auto binhai = logged_in("binhai_admin");
    auto worker = logged_in("worker_zhang");
    for (HttpClient* c : {&binhai, &worker}) {
        const auto refused = c->get(record_path(round));
        EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status;
        EXPECT_EQ(refused.body.find("%PDF"), std::string::npos);
    }
    EXPECT_TRUE(records().all().empty());

    const auto answer = admin->get(record_path(round));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.header("content-type").value_or(""), "application/pdf");
    ASSERT_TRUE(answer.body.starts_with("%PDF"));
    const std::string text = pdf_text(answer.body, dir);
    for (const char* expected : {"车间里的网红技师", "港口的夜班", "王芳", "李强", "思想性",
                                 "一等奖", "内容与主题不符", "初评"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }

    const auto stored = records().of_round(RoundId{round});
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_NE(text.find(stored[0].code), std::string::npos);
    EXPECT_EQ(answer.header("x-record-code").value_or(""), stored[0].code);
    EXPECT_EQ(stored[0].results_sha256.size(), 64u);
    EXPECT_EQ(records().audit_hash_at(stored[0].audit_seq), stored[0].audit_hash);
    const auto snapshot = Json::parse(stored[0].snapshot);
    ASSERT_EQ(snapshot["works"].size(), 2u);
    EXPECT_EQ(snapshot["works"][0]["title"], "车间里的网红技师");
    EXPECT_EQ(snapshot["works"][0]["scores"].size(), 2u);
    EXPECT_EQ(snapshot["awards"][1]["reason"], "内容与主题不符");
    const auto events = store->audit_events(stored[0].audit_seq, 10);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().action, "notary_record.issue");

    // Issued again without changes: a new code, the same results hash and the same statement.
    ASSERT_EQ(admin->get(record_path(round)).status, 200);
    const auto both = records().of_round(RoundId{round});
    ASSERT_EQ(both.size(), 2u);
    EXPECT_NE(both[1].code, both[0].code);
    EXPECT_EQ(both[1].results_sha256, both[0].results_sha256);
    EXPECT_EQ(both[1].snapshot, both[0].snapshot);
    EXPECT_GT(both[1].audit_seq, both[0].audit_seq);
}

TEST_P(NotaryRecordHttpTest, CheckConfirmsUnchangedRecordsAndNamesAScoreChangedInTheDatabase) {
    const auto round = judged_round();
    ASSERT_EQ(admin->get(record_path(round)).status, 200);
    const auto unchanged = web::notary::check_notary_records(*web);
    EXPECT_EQ(unchanged.confirmed, 1u);
    EXPECT_TRUE(unchanged.problems.empty()) << unchanged.problems.front();
    {
        Child ok({binary(), "check", "--data", dir.string(), "--database", database->url()});
        const std::string out = ok.rest();
        EXPECT_NE(out.find("公证记录完好:共 1 份"), std::string::npos) << out;
        EXPECT_EQ(ok.wait(), 0);
    }

    const auto wang = store->find_user_by_username("heping_wang");
    database->execute("UPDATE judge_assignments SET total = 90 WHERE round_id = " + id_text(round) +
                      " AND work_id = " + id_text(first.value) +
                      " AND judge_id = " + id_text(wang->id.value));
    const auto changed = web::notary::check_notary_records(*web);
    EXPECT_EQ(changed.confirmed, 0u);
    ASSERT_FALSE(changed.problems.empty());
    const std::string code = records().of_round(RoundId{round}).front().code;
    EXPECT_NE(changed.problems.front().find(code), std::string::npos) << changed.problems.front();
    EXPECT_NE(changed.problems.front().find("(第1轮)"), std::string::npos);
    // The first judge scored 9 × 4 + 5 × 6 = 66 for the first work (c1 weighs 40, c2 60).
    const std::string line =
        "作品《车间里的网红技师》评委 王芳 的评分 " + std::string("66.00 → 90.00");
    EXPECT_TRUE(
        std::any_of(changed.problems.begin(), changed.problems.end(),
                    [&](const std::string& p) { return p.find(line) != std::string::npos; }))
        << changed.problems.front();

    Child broken({binary(), "check", "--data", dir.string(), "--database", database->url()});
    const std::string out = broken.rest();
    EXPECT_NE(out.find(line), std::string::npos) << out;
    EXPECT_NE(out.find(code), std::string::npos) << out;
    EXPECT_EQ(broken.wait(), 1);
}

TEST_P(NotaryRecordHttpTest, NothingIsStoredWhenIssuingFails) {
    first = work_at_city("车间里的网红技师");
    auto wang = logged_in_new_user("heping_wang", "王芳", "heping", Role::judge);
    auto opened = admin->json(
        "POST", "/api/v1/campaigns/" + id_text(campaign.id.value) + "/judging",
        {{"track", "accounts"}, {"tiers", Json::array({{{"name", "一等奖"}, {"count", 1}}})}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    auto added = admin->json(
        "POST", "/api/v1/judging/" + id_text(opened.json()["id"].get<std::int64_t>()) + "/rounds",
        {{"kind", "scored"},
         {"name", "初评"},
         {"judges_per_work", 1},
         {"rubric", kRubric},
         {"advance", {{"rule", "all"}, {"value", 0}}},
         {"panel", {"heping_wang"}}});
    ASSERT_EQ(added.status, 201) << added.body;
    const std::int64_t round = added.json()["id"].get<std::int64_t>();
    const auto before = store->count_audit_events();

    // A round still being set up has decided nothing yet.
    const auto draft = admin->get(record_path(round));
    EXPECT_EQ(draft.status, 409) << draft.body;
    EXPECT_NE(draft.json()["error"].dump().find("尚未结束"), std::string::npos) << draft.body;
    // Ids that name no round, or are not ids at all.
    EXPECT_EQ(admin->get(record_path(999999)).status, 404);
    EXPECT_EQ(admin->get("/api/v1/rounds/abc/notary-record.pdf").status / 100, 4);
    EXPECT_TRUE(records().all().empty());
    EXPECT_EQ(store->count_audit_events(), before);
}

TEST_P(NotaryRecordHttpTest, ARecordWhosePdfCannotBeMadeIsNotStored) {
    const auto round = judged_round();
    const auto before = store->count_audit_events();
    store::NotaryRecord record;
    record.round = RoundId{round};
    record.issued_at = now_utc();
    record.results_sha256 = std::string(64, '0');
    record.snapshot = "{}";
    EXPECT_THROW(
        records().issue(
            record, [](const store::NotaryRecord&) { throw std::runtime_error("no PDF"); }, system),
        std::runtime_error);
    EXPECT_TRUE(records().all().empty());
    EXPECT_EQ(store->count_audit_events(), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, NotaryRecordHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
