// The record for the notary of a public vote over HTTP against a real server holding the demo, on
// SQLite and PostgreSQL: three voters vote, the organiser voids two votes and restores one, an
// objection to the vote's shortlist is answered, the vote ends and its record is issued;
// `wangju check` then finds a vote voided behind the application's back.
#include <algorithm>

#include "store/notary_record_store.h"
#include "support/pdf_text.h"
#include "support/served_process.h"
#include "votes/vote_fixture.h"
#include "web/notary/notary_record_service.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class VoteNotaryRecordHttpTest : public VoteFixture {
  protected:
    void SetUp() override {
        VoteFixture::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();
        organiser = std::make_unique<HttpClient>(logged_in("sysadmin"));
    }

    std::int64_t cast(HttpClient& c, WorkId work) {
        auto a = c.json("POST", path("/votes"), {{"work_id", work.value}, {"altcha", solved()}});
        EXPECT_EQ(a.status, 201) << a.body;
        return a.status == 201 ? a.json()["id"].get<std::int64_t>() : 0;
    }

    std::string path(const std::string& rest = "") {
        return "/api/v1/public-votes/" + std::to_string(vote.id.value) + rest;
    }

    std::string title_of(WorkId work) { return web->works.find_work(work)->content.title; }

    // An open vote over the influencers' finalists with a shortlist notice, an objection to it
    // answered, three voters' votes, two of them voided and one of those restored.
    void voted() {
        auto created = organiser->json(
            "POST", "/api/v1/campaigns/" + std::to_string(campaign.id.value) + "/public-votes",
            {{"name", "公证测试投票"},
             {"tracks", {"influencers"}},
             {"starts_at", format_utc(now_utc() - std::chrono::minutes(1))},
             {"ends_at", format_utc(now_utc() + std::chrono::hours(24 * 5))},
             {"rules", {{"totals", "never"}}}});
        ASSERT_EQ(created.status, 201) << created.body;
        vote = *web->public_votes.find(PublicVoteId{created.json()["id"].get<std::int64_t>()});
        works = web->public_votes.works(vote.id);
        ASSERT_GE(works.size(), 3u);

        // The notice of the shortlist ran before the vote; its days are set directly (the API
        // takes no day in the past and wants the notice over before the vote starts).
        const Date today = shanghai_date(now_utc());
        Announcement notice;
        notice.campaign = campaign.id;
        notice.kind = AnnouncementKind::shortlist;
        notice.vote = vote.id;
        notice.title = "公证测试投票入围名单公示";
        notice.first_day = Date{std::chrono::sys_days{today} - std::chrono::days{1}};
        notice.last_day = Date{std::chrono::sys_days{today} + std::chrono::days{3}};
        notice.contact = "联系人:王老师 022-12345678";
        notice.created_at = now_utc();
        int position = 0;
        for (auto w : works) {
            notice.entries.push_back(
                {w, ++position, title_of(w), "单位", "正能量职工网络达人", "", EntryOutcome::listed});
        }
        notice = web->announcements.open(notice, system);
        auto objected = client().json(
            "POST", "/api/v1/announcements/" + std::to_string(notice.id.value) + "/objections",
            {{"work_id", works[0].value},
             {"reason", "该账号的粉丝数疑似购买,请核实。"},
             {"name", "李明"},
             {"phone", "13812345678"},
             {"altcha", solved()}});
        ASSERT_EQ(objected.status, 201) << objected.body;
        objection_code = objected.json()["code"].get<std::string>();
        auto answered = organiser->json(
            "POST",
            "/api/v1/objections/" + std::to_string(objected.json()["id"].get<std::int64_t>()) +
                "/answer",
            {{"upheld", false}, {"reason", "经核实,粉丝数据来自平台公开统计,异议不成立。"}});
        ASSERT_EQ(answered.status, 200) << answered.body;

        auto a = voter("notary_voter_a");
        auto b = voter("notary_voter_b");
        auto c = voter("notary_voter_c");
        kept_vote = cast(a, works[0]);
        cast(a, works[1]);
        const auto restored = cast(b, works[0]);
        const auto voided = cast(c, works[0]);
        auto void_votes = organiser->json(
            "POST", path("/void"),
            {{"vote_ids", {restored, voided}}, {"reason", "同一设备集中注册的账号"}});
        ASSERT_EQ(void_votes.status, 200) << void_votes.body;
        auto restore = organiser->json("POST", path("/restore"),
                                       {{"vote_ids", {restored}}, {"reason", "核实为本人投票"}});
        ASSERT_EQ(restore.status, 200) << restore.body;
    }

    // The vote's period ends now, as if its last day had passed.
    void end_vote() {
        PublicVote ended = vote;
        ended.ends_at = now_utc() - std::chrono::seconds(1);
        // The store checks that the rules may still change at the time it is given: before
        // the start.
        vote = web->public_votes.update(ended, std::nullopt, vote.starts_at - std::chrono::hours(1),
                                        system);
        web->vote_taker.cache().forget_vote(vote.id);
    }

    store::NotaryRecordStore records() { return store::NotaryRecordStore(store->database()); }

    AuditContext system{std::nullopt, "test"};
    Campaign campaign;
    std::unique_ptr<HttpClient> organiser;
    PublicVote vote;
    std::vector<WorkId> works;
    std::string objection_code;
    std::int64_t kept_vote = 0;
};

TEST_P(VoteNotaryRecordHttpTest, TheOrganiserGetsAPdfWithEachWorksVotesTheVoidingsAndObjections) {
    voted();
    if (HasFatalFailure()) return;
    end_vote();

    // A district admin, a voter and a visitor may not issue one; nothing is stored.
    auto binhai = logged_in("binhai_admin");
    auto voter_client = voter("notary_voter_d");
    for (HttpClient* c : {&binhai, &voter_client}) {
        const auto refused = c->get(path("/notary-record.pdf"));
        EXPECT_TRUE(refused.status == 401 || refused.status == 403) << refused.status;
        EXPECT_EQ(refused.body.find("%PDF"), std::string::npos);
    }
    EXPECT_EQ(client().get(path("/notary-record.pdf")).status, 401);
    EXPECT_TRUE(records().all().empty());

    const auto answer = organiser->get(path("/notary-record.pdf"));
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.header("content-type").value_or(""), "application/pdf");
    ASSERT_TRUE(answer.body.starts_with("%PDF"));
    const std::string text = pdf_text(answer.body, dir);
    for (const std::string& expected :
         {std::string("网络投票公证记录"), std::string("公证测试投票"), title_of(works[0]),
          title_of(works[1]), std::string("同一设备集中注册的账号"),
          std::string("核实为本人投票"), objection_code,
          std::string("粉丝数据来自平台公开统计"), std::string("每个账号每天可为同一作品投")}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }

    const auto stored = records().of_vote(vote.id);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_FALSE(stored[0].round.has_value());
    EXPECT_NE(text.find(stored[0].code), std::string::npos);
    EXPECT_EQ(answer.header("x-record-code").value_or(""), stored[0].code);
    EXPECT_EQ(stored[0].results_sha256.size(), 64u);
    EXPECT_EQ(records().audit_hash_at(stored[0].audit_seq), stored[0].audit_hash);
    const auto snapshot = Json::parse(stored[0].snapshot);
    // The first work: voters a and b (b's vote voided, then restored); c's vote stays void.
    const Json& top = snapshot["works"][0];
    EXPECT_EQ(top["id"], works[0].value);
    EXPECT_EQ(top["rank"], 1);
    EXPECT_EQ(top["valid"], 2);
    EXPECT_EQ(top["voided"], 1);
    EXPECT_EQ(top["restored"], 1);
    EXPECT_EQ(snapshot["works"][1]["id"], works[1].value);
    EXPECT_EQ(snapshot["works"][1]["valid"], 1);
    EXPECT_EQ(snapshot["works"].size(), works.size());
    EXPECT_EQ(snapshot["works"].back()["valid"], 0);
    EXPECT_EQ(snapshot["works"].back()["rank"], 3);  // the works without votes share rank 3
    ASSERT_EQ(snapshot["voidings"].size(), 2u);
    EXPECT_EQ(snapshot["voidings"][0]["votes"], 2);
    EXPECT_EQ(snapshot["voidings"][1]["restore"], true);
    ASSERT_EQ(snapshot["objections"].size(), 1u);
    EXPECT_EQ(snapshot["objections"][0]["answer"], "异议不成立");

    // The results table the record hashes: for the organisers only.
    EXPECT_EQ(binhai.get(path("/results.xlsx")).status, 403);
    const auto table = organiser->get(path("/results.csv"));
    ASSERT_EQ(table.status, 200) << table.body;
    EXPECT_NE(table.body.find(title_of(works[0])), std::string::npos) << table.body;
    EXPECT_NE(table.body.find("有效票"), std::string::npos) << table.body;
    const auto xlsx = organiser->get(path("/results.xlsx"));
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
}

TEST_P(VoteNotaryRecordHttpTest, CheckConfirmsTheRecordAndNamesAVoteVoidedInTheDatabase) {
    voted();
    if (HasFatalFailure()) return;
    end_vote();
    ASSERT_EQ(organiser->get(path("/notary-record.pdf")).status, 200);
    const auto unchanged = web::notary::check_notary_records(*web);
    EXPECT_EQ(unchanged.confirmed, 1u);
    EXPECT_TRUE(unchanged.problems.empty()) << unchanged.problems.front();

    database->execute("UPDATE votes SET voided = 1 WHERE id = " + std::to_string(kept_vote));
    const auto changed = web::notary::check_notary_records(*web);
    EXPECT_EQ(changed.confirmed, 0u);
    ASSERT_FALSE(changed.problems.empty());
    const std::string code = records().of_vote(vote.id).front().code;
    EXPECT_NE(changed.problems.front().find(code), std::string::npos) << changed.problems.front();
    const std::string line = "作品《" + title_of(works[0]) + "》的有效票 2 → 1";
    EXPECT_TRUE(
        std::any_of(changed.problems.begin(), changed.problems.end(),
                    [&](const std::string& p) { return p.find(line) != std::string::npos; }))
        << changed.problems.front();
    // The results table changed with it.
    EXPECT_TRUE(std::any_of(
        changed.problems.begin(), changed.problems.end(),
        [](const std::string& p) { return p.find("结果表的哈希值") != std::string::npos; }));

    Child broken({binary(), "check", "--data", dir.string(), "--database", database->url()});
    const std::string out = broken.rest();
    EXPECT_NE(out.find(line), std::string::npos) << out;
    EXPECT_EQ(broken.wait(), 1);
}

TEST_P(VoteNotaryRecordHttpTest, NoRecordOfAVoteStillOpenOrOfNoVote) {
    voted();
    if (HasFatalFailure()) return;
    const auto before = store->count_audit_events();
    const auto open = organiser->get(path("/notary-record.pdf"));
    EXPECT_EQ(open.status, 409) << open.body;
    EXPECT_NE(open.json()["error"].dump().find("尚未结束"), std::string::npos) << open.body;
    EXPECT_EQ(organiser->get("/api/v1/public-votes/999999/notary-record.pdf").status, 404);
    EXPECT_EQ(organiser->get("/api/v1/public-votes/abc/notary-record.pdf").status / 100, 4);
    EXPECT_TRUE(records().all().empty());
    EXPECT_EQ(store->count_audit_events(), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, VoteNotaryRecordHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
