// The public vote over HTTP against a real server holding the demo (which has a live vote over
// the influencers' finalists and one whose totals are hidden), on SQLite and PostgreSQL.
#include <algorithm>
#include <set>
#include <thread>

#include "domain/altcha.h"
#include "media/media_facts_json.h"
#include "support/web_fixture.h"
#include "votes/vote_fixture.h"
#include "web/error_response.h"
#include "web/routes.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class VoteHttpTest : public VoteFixture {
  protected:
    void SetUp() override {
        VoteFixture::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();
        for (const auto& v : web->public_votes.of_campaign(campaign.id)) {
            (v.rules.totals == TotalsShown::live ? live : hidden) = v;
        }
        ASSERT_GT(live.id.value, 0);
        ASSERT_GT(hidden.id.value, 0);
        sysadmin = std::make_unique<HttpClient>(logged_in("sysadmin"));
    }

    std::string path(const PublicVote& v, const std::string& rest = "") {
        return "/api/v1/public-votes/" + std::to_string(v.id.value) + rest;
    }

    std::vector<std::int64_t> work_ids(const PublicVote& v) {
        std::vector<std::int64_t> out;
        for (auto id : web->public_votes.works(v.id)) out.push_back(id.value);
        return out;
    }

    HttpAnswer vote(HttpClient& c, const PublicVote& v, std::int64_t work,
                    std::optional<std::string> altcha = std::nullopt) {
        return c.json("POST", path(v, "/votes"),
                      {{"work_id", work}, {"altcha", altcha ? *altcha : solved()}});
    }

    long long stored(const PublicVote& v) { return web->public_votes.count(v.id, false); }

    // A vote of the demo's campaign created by the organiser, open from a minute ago.
    PublicVote new_vote(const Json& rules) {
        auto a = sysadmin->json(
            "POST", "/api/v1/campaigns/" + std::to_string(campaign.id.value) + "/public-votes",
            {{"name", "测试投票"},
             {"tracks", {"influencers"}},
             {"starts_at", format_utc(now_utc() - std::chrono::minutes(1))},
             {"ends_at", format_utc(now_utc() + std::chrono::hours(24 * 5))},
             {"rules", rules}});
        EXPECT_EQ(a.status, 201) << a.body;
        return *web->public_votes.find(PublicVoteId{a.json()["id"].get<std::int64_t>()});
    }

    Campaign campaign;
    PublicVote live, hidden;
    std::unique_ptr<HttpClient> sysadmin;
};

TEST_P(VoteHttpTest, AVoterSignsUpVotesAndIsRefusedASecondVoteOnTheSameWorkTheSameDay) {
    auto c = voter("xiaoming_2023");
    const auto work = work_ids(live).front();
    const auto before = stored(live);
    auto first = vote(c, live, work);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json()["work_id"], work);
    EXPECT_EQ(stored(live), before + 1);

    auto again = vote(c, live, work);
    EXPECT_EQ(again.status, 429) << again.body;
    EXPECT_EQ(again.json()["rule"], "account_per_work");
    EXPECT_EQ(again.json()["error"]["message"], "今日已为该作品投票,明天 00:00 后可再投");
    EXPECT_TRUE(again.header("retry-after"));
    EXPECT_EQ(again.json()["retry_at"], format_utc(next_vote_day(now_utc())));
    EXPECT_EQ(stored(live), before + 1);

    // Totals are live: the list shows the work's total to a visitor.
    auto list = client().get(path(live, "/works"));
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(list.json()["totals_visible"].get<bool>());
    const auto totals = web->public_votes.totals(live.id);
    const auto listed = list.json()["works"];
    for (const auto& w : listed) {
        if (w["work_id"] == work) {
            EXPECT_EQ(w["total"], totals.at(WorkId{work}));
        }
    }
    // The refused attempt is counted for the organisers (written with the next batch of votes,
    // or within a second).
    Json refused;
    for (int i = 0; i < 50 && !refused.is_number(); ++i) {
        refused = sysadmin->get(path(live)).json()["summary"]["refused"]["account_per_work"];
        if (!refused.is_number()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(refused, 1);
}

// The list the voter comes back to right after voting (totals are read at most once a second)
// counts their vote.
TEST_P(VoteHttpTest, TheTotalShownRightAfterAVoteCountsIt) {
    auto c = voter("xiaohong_2023");
    const auto work = work_ids(live).front();
    const auto total_of = [&](HttpClient& client) {
        const auto listed = client.get(path(live, "/works")).json();
        for (const auto& w : listed["works"]) {
            if (w["work_id"] == work) return w["total"].get<long long>();
        }
        return -1LL;
    };
    const long long before = total_of(c);
    ASSERT_GE(before, 0);
    ASSERT_EQ(vote(c, live, work).status, 201);
    EXPECT_EQ(total_of(c), before + 1);
    auto visitor = client();
    EXPECT_EQ(total_of(visitor), before + 1);
    EXPECT_EQ(web->public_votes.totals(live.id).at(WorkId{work}), before + 1);
}

TEST_P(VoteHttpTest, AWorksFilesShowOnTheVotesPagesForAnyoneAndNoOtherFileIsServed) {
    const WorkId work{work_ids(live).front()};
    const auto photo = web->media.blobs.put("港口吊车司机的个人照片");
    const auto stray = web->media.blobs.put("不在任何投票中的文件");
    // The work's photo, as its owner uploaded it before the work went up the chain.
    MediaFacts facts;
    facts.kind = MediaKind::image;
    const auto size = static_cast<long long>(photo.size_bytes);
    const std::string facts_json = media::to_json(facts).dump();
    store->database().write([&](soci::session& s) {
        s << "INSERT INTO work_files (work_id, seq, sha256, size_bytes, filename, mime_type, "
             "facts) VALUES (:w, 0, :sha, :size, 'profile.jpg', 'image/jpeg', :facts)",
            soci::use(work.value), soci::use(photo.sha256), soci::use(size),
            soci::use(facts_json);
    });
    const std::string files = "/public-votes/" + std::to_string(live.id.value) + "/files/";

    // The list shows the photo's preview as the work's cover; the work's page shows the photo.
    auto list = client().get("/public-votes/" + std::to_string(live.id.value));
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("src=\"" + files + photo.sha256 + "/preview\""), std::string::npos);
    auto page = client().get("/public-votes/" + std::to_string(live.id.value) + "/works/" +
                             std::to_string(work.value));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("href=\"" + files + photo.sha256 + "\""), std::string::npos);
    EXPECT_NE(page.body.find("alt=\""), std::string::npos);
    // The API names the file and where it is.
    const Json api = client().get(path(live, "/works")).json();
    bool listed = false;
    for (const auto& w : api["works"]) {
        if (w["work_id"] != work.value) continue;
        ASSERT_EQ(w["files"].size(), 1u);
        EXPECT_EQ(w["files"][0]["url"], files + photo.sha256);
        EXPECT_EQ(w["files"][0]["kind"], "image");
        EXPECT_EQ(w["files"][0]["name"], "profile.jpg");
        listed = true;
    }
    EXPECT_TRUE(listed);

    // A visitor gets the file, and a part of it, and any cache may keep it.
    auto whole = client().get(files + photo.sha256);
    ASSERT_EQ(whole.status, 200) << whole.body;
    EXPECT_EQ(whole.body, "港口吊车司机的个人照片");
    EXPECT_EQ(whole.header("cache-control"), "public, max-age=86400");
    EXPECT_EQ(whole.header("x-content-type-options"), "nosniff");
    auto part = client().request("GET", files + photo.sha256, "", {{"range", "bytes=0-2"}});
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.body, "港");
    // No other file: one in no vote, one of another vote's work, a malformed name, no vote.
    EXPECT_EQ(client().get(files + stray.sha256).status, 404);
    EXPECT_EQ(client()
                  .get("/public-votes/" + std::to_string(hidden.id.value) + "/files/" +
                       photo.sha256)
                  .status,
              404);
    EXPECT_EQ(client().get(files + "..%2F..%2Fsecret.key").status, 404);
    EXPECT_EQ(client().get("/public-votes/999999/files/" + photo.sha256).status, 404);
    // The photo has no preview made for it here: the preview is "not found", clearly.
    auto preview = client().get(files + photo.sha256 + "/preview");
    EXPECT_EQ(preview.status, 404);
}

TEST_P(VoteHttpTest, DailyLimitsPerAccountAndPerAddressRefuseAtTheirLimit) {
    auto v = new_vote({{"per_account_per_work_per_day", 1},
                       {"per_account_per_day", 2},
                       {"per_address_per_day", 3}});
    const auto works = work_ids(v);
    ASSERT_GE(works.size(), 3u);
    auto a = voter("limit_a");
    EXPECT_EQ(vote(a, v, works[0]).status, 201);
    EXPECT_EQ(vote(a, v, works[1]).status, 201);
    auto third = vote(a, v, works[2]);
    EXPECT_EQ(third.status, 429);
    EXPECT_EQ(third.json()["rule"], "account_per_day");
    EXPECT_EQ(third.json()["error"]["message"], "今日已投满 2 票,明天 00:00 后可再投");
    // Every test client comes from 127.0.0.1: a second account reaches the address's limit.
    auto b = voter("limit_b");
    EXPECT_EQ(vote(b, v, works[0]).status, 201);
    auto over = vote(b, v, works[1]);
    EXPECT_EQ(over.status, 429);
    EXPECT_EQ(over.json()["rule"], "address_per_day");
    EXPECT_EQ(stored(v), 3);
    // Rules are fixed once the vote has opened.
    auto patch = sysadmin->json("PATCH", path(v), {{"rules", {{"per_account_per_day", 9}}}});
    EXPECT_EQ(patch.status, 409) << patch.body;
}

TEST_P(VoteHttpTest, AReusedOrExpiredSolutionIsRefusedAndStoresNothing) {
    auto c = voter("reuse_2023");
    const auto works = work_ids(live);
    const auto proof = solved();
    ASSERT_EQ(vote(c, live, works[0], proof).status, 201);
    const auto before = stored(live);
    auto reused = vote(c, live, works[1], proof);
    EXPECT_EQ(reused.status, 409) << reused.body;
    EXPECT_EQ(reused.json()["rule"], "proof_reused");
    // The same solution cannot sign anyone up either.
    auto signup = client().json(
        "POST", "/api/v1/voters",
        {{"username", "reuse_other"}, {"password", "Vote-for-good-2023"}, {"altcha", proof}});
    EXPECT_EQ(signup.status, 400) << signup.body;
    EXPECT_FALSE(web->public_votes.find_voter_by_name("reuse_other"));

    const auto old = make_altcha_challenge(web->altcha, now_utc() - std::chrono::minutes(11));
    auto expired = vote(c, live, works[1], *solve_altcha(old));
    EXPECT_EQ(expired.status, 400);
    EXPECT_EQ(expired.json()["error"]["fields"]["altcha"], "人机验证已过期,请重新验证");
    EXPECT_EQ(stored(live), before);
}

TEST_P(VoteHttpTest, BadInputGetsAClearErrorAndStoresNothing) {
    auto c = voter("careful_2023");
    const auto before = stored(live);
    const auto voters = web->public_votes.voter_count();
    EXPECT_EQ(vote(*sysadmin, live, work_ids(live)[0]).status, 401);  // staff are not voters
    EXPECT_EQ(client().json("POST", path(live, "/votes"), {{"work_id", 1}}).status, 401);
    HttpClient forged = c;
    forged.csrf_token = "forged";
    EXPECT_EQ(vote(forged, live, work_ids(live)[0]).status, 403);
    auto outside = vote(c, live, work_ids(hidden)[0]);
    EXPECT_EQ(outside.status, 400);
    EXPECT_EQ(outside.json()["error"]["fields"]["work_id"], "不在本次投票中");
    auto text = c.json("POST", path(live, "/votes"), {{"work_id", "1"}, {"altcha", solved()}});
    EXPECT_EQ(text.status, 400);
    auto bare = c.json("POST", path(live, "/votes"), {{"work_id", work_ids(live)[0]}});
    EXPECT_EQ(bare.status, 400);
    EXPECT_EQ(bare.json()["error"]["fields"]["altcha"], "请先完成人机验证");
    const auto raw = [&](const std::string& body) {
        return c.request("POST", path(live, "/votes"), body,
                         {{"content-type", "application/json"}, {"x-csrf-token", c.csrf_token}});
    };
    const std::string good =
        nlohmann::json{{"work_id", work_ids(live)[0]}, {"altcha", solved()}}.dump();
    for (const std::string& junk :
         {std::string("{not json"), good + "}", good.substr(0, good.size() - 1),
          std::string("[1, 2]"), std::string("\"work\"")}) {
        auto answer = raw(junk);
        EXPECT_EQ(answer.status, 400) << junk;
        EXPECT_NE(answer.json()["error"]["message"].get<std::string>().find("JSON"),
                  std::string::npos)
            << junk;
    }
    for (const std::string number : {"99999999999999999999", "1e400", "01", "-"}) {
        auto answer = raw(R"({"altcha": ")" + solved() + R"(", "work_id": )" + number + "}");
        EXPECT_EQ(answer.status, 400) << number;
        EXPECT_EQ(answer.json()["error"]["message"], "请求内容中有无效或超出范围的数字") << number;
    }
    for (const std::string work : {"1.0", "-3", "0", "null", "\"7\""}) {
        auto answer = raw(R"({"altcha": ")" + solved() + R"(", "work_id": )" + work + "}");
        EXPECT_EQ(answer.status, 400) << work;
        EXPECT_EQ(answer.json()["error"]["fields"]["work_id"], "应为作品编号") << work;
    }
    auto number = raw(R"({"work_id": )" + std::to_string(work_ids(live)[0]) + R"(, "altcha": 5})");
    EXPECT_EQ(number.json()["error"]["fields"]["altcha"], "请先完成人机验证");
    EXPECT_EQ(c.json("POST", "/api/v1/public-votes/999999/votes", {{"work_id", 1}}).status, 404);
    EXPECT_EQ(stored(live), before);

    auto weak =
        client().json("POST", "/api/v1/voters",
                      {{"username", "weak_voter"}, {"password", "123456"}, {"altcha", solved()}});
    EXPECT_EQ(weak.status, 400);
    EXPECT_TRUE(weak.json()["error"]["fields"].contains("password"));
    auto taken = client().json(
        "POST", "/api/v1/voters",
        {{"username", "sysadmin"}, {"password", "Vote-for-good-2023"}, {"altcha", solved()}});
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(web->public_votes.voter_count(), voters);
}

TEST_P(VoteHttpTest, ALoggedOutSessionAndAChangedPeriodTakeEffectAtOnceOnTheVotePath) {
    // The vote path holds sessions and votes in memory for a moment; what changes here is seen
    // by the next vote all the same.
    auto c = voter("leaving_2023");
    const auto works = work_ids(live);
    ASSERT_EQ(vote(c, live, works[0]).status, 201);
    HttpClient old_cookie = c;
    auto out = c.request("DELETE", "/api/v1/voters/session", "", {{"x-csrf-token", c.csrf_token}});
    ASSERT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(vote(old_cookie, live, works[1]).status, 401);

    auto later = sysadmin->json(
        "POST", "/api/v1/campaigns/" + std::to_string(campaign.id.value) + "/public-votes",
        {{"name", "稍后开始的投票"},
         {"tracks", {"influencers"}},
         {"starts_at", format_utc(now_utc() + std::chrono::hours(1))},
         {"ends_at", format_utc(now_utc() + std::chrono::hours(48))}});
    ASSERT_EQ(later.status, 201) << later.body;
    const auto id = later.json()["id"].get<std::int64_t>();
    const PublicVote upcoming = *web->public_votes.find(PublicVoteId{id});
    auto v = voter("early_2023");
    EXPECT_EQ(vote(v, upcoming, work_ids(upcoming)[0]).status, 409) << "not open yet";
    auto opened = sysadmin->json("PATCH", path(upcoming),
                                 {{"starts_at", format_utc(now_utc() - std::chrono::minutes(1))}});
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(vote(v, upcoming, work_ids(upcoming)[0]).status, 201) << "open at once";
}

TEST_P(VoteHttpTest, HiddenTotalsReachNobodyButSystemAdmins) {
    auto voter_client = voter("curious_2023");
    ASSERT_EQ(vote(voter_client, hidden, work_ids(hidden)[0]).status, 201);
    std::vector<std::pair<std::string, HttpClient>> people;
    people.emplace_back("visitor", client());
    people.emplace_back("voter", voter_client);
    people.emplace_back("unit admin", logged_in("binhai_admin"));
    people.emplace_back("judge", logged_in("judge_wang"));
    std::vector<std::int64_t> ascending = work_ids(hidden);
    for (auto& [who, c] : people) {
        auto list = c.get(path(hidden, "/works"));
        ASSERT_EQ(list.status, 200) << who;
        EXPECT_FALSE(list.json()["totals_visible"].get<bool>()) << who;
        EXPECT_EQ(list.header("cache-control"), "no-store") << who;
        EXPECT_FALSE(list.header("etag")) << who;
        std::vector<std::int64_t> order;
        const auto listed = list.json()["works"];
        for (const auto& w : listed) {
            EXPECT_FALSE(w.contains("total")) << who;
            EXPECT_FALSE(w.contains("rank")) << who;
            order.push_back(w["work_id"]);
        }
        EXPECT_EQ(order, ascending) << who << ": the order must not follow the totals";
        auto one = c.get(path(hidden));
        EXPECT_FALSE(one.json().contains("summary")) << who;
        EXPECT_EQ(c.get(path(hidden, "/results")).status, 403) << who;
        EXPECT_NE(c.get(path(hidden, "/flags")).status, 200) << who;
    }
    auto results = sysadmin->get(path(hidden, "/results"));
    ASSERT_EQ(results.status, 200);
    long long sum = 0;
    const auto ranked = results.json()["works"];
    for (const auto& w : ranked) sum += w["total"].get<long long>();
    EXPECT_EQ(sum, stored(hidden));
}

TEST_P(VoteHttpTest, TheOrganiserVoidsAFlaggedBurstAndRestoresItAndTotalsFollow) {
    auto flags = sysadmin->get(path(live, "/flags"));
    ASSERT_EQ(flags.status, 200);
    Json burst;
    const auto listed = flags.json()["flags"];
    for (const auto& f : listed) {
        if (f["rule"] == "address_burst") burst = f;
    }
    ASSERT_TRUE(burst.is_object()) << flags.body;
    EXPECT_EQ(burst["count"], 25);
    EXPECT_EQ(burst["key"], "203.0.113.0/24");
    EXPECT_EQ(flags.body.find("203.0.113.77"), std::string::npos);  // addresses are masked
    const auto first =
        web->public_votes.votes_by_id(live.id, {VoteId{burst["vote_ids"][0].get<long long>()}});
    ASSERT_EQ(first.size(), 1u);
    const WorkId work = first.front().work;
    const auto total = web->public_votes.totals(live.id)[work];
    EXPECT_EQ(logged_in("binhai_admin")
                  .json("POST", path(live, "/void"), {{"flag_id", burst["id"]}, {"reason", "x"}})
                  .status,
              403);
    auto none = sysadmin->json("POST", path(live, "/void"), {{"flag_id", burst["id"]}});
    EXPECT_EQ(none.status, 400);
    const auto events = store->count_audit_events();
    auto voided =
        sysadmin->json("POST", path(live, "/void"),
                       {{"flag_id", burst["id"]}, {"reason", "同一地址两分钟内25个新账号"}});
    ASSERT_EQ(voided.status, 200) << voided.body;
    EXPECT_EQ(voided.json()["changed"], 25);
    EXPECT_EQ(store->count_audit_events(), events + 1);
    auto works = client().get(path(live, "/works")).json()["works"];
    for (const auto& w : works) {
        if (w["work_id"] == work.value) {
            EXPECT_EQ(w["total"], total - 25);
        }
    }
    auto restored =
        sysadmin->json("POST", path(live, "/restore"),
                       {{"vote_ids", burst["vote_ids"]}, {"reason", "核实为同一单位集体投票"}});
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_EQ(restored.json()["changed"], 25);
    EXPECT_EQ(web->public_votes.totals(live.id)[work], total);
    EXPECT_EQ(web->public_votes.voidings(live.id).size(), 2u);
}

TEST_P(VoteHttpTest, OnPostgresqlTheRulesHoldAcrossServerProcesses) {
    if (GetParam() != "postgresql") GTEST_SKIP() << "a SQLite database has one server process";
    // A second server over the same database, with its own connections and counters in memory.
    auto other_store = open_store();
    web::WebConfig config;
    config.data_dir = dir;
    configure(config);
    http::Metrics other_metrics;
    web::WebContext other(*other_store, other_metrics, config);
    http::Router other_router;
    web::register_routes(other_router, other);
    http::ServerConfig server_config;
    server_config.listen = "127.0.0.1:0";
    server_config.access_log = "";
    server_config.io_threads = 1;
    server_config.worker_threads = 4;
    http::Server other_server(server_config, other_router, web::page_error_renderer(other),
                              other_metrics);
    other_server.start();

    auto a = voter("two_servers");
    const auto works = work_ids(live);
    ASSERT_EQ(vote(a, live, works[0]).status, 201);
    HttpClient b(other_server.port());
    b.cookies = a.cookies;
    b.csrf_token = a.csrf_token;
    auto again = vote(b, live, works[0]);
    EXPECT_EQ(again.status, 429) << again.body;
    EXPECT_EQ(again.json()["rule"], "account_per_work");
    // A solution spent through one server is spent for the other.
    const auto proof = solved();
    ASSERT_EQ(vote(a, live, works[1], proof).status, 201);
    auto reused = vote(b, live, works[2], proof);
    EXPECT_EQ(reused.status, 409) << reused.body;
    EXPECT_EQ(reused.json()["rule"], "proof_reused");
    other_server.stop();
}

INSTANTIATE_TEST_SUITE_P(Engines, VoteHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
