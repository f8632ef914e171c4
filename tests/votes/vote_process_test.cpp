// A vote acknowledged by `wangju serve` survives the server being killed with SIGKILL at once, on
// SQLite and on PostgreSQL.
#include <signal.h>

#include "domain/altcha.h"
#include "store/public_vote_store.h"
#include "support/served_process.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

class VoteProcessTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database = std::make_unique<store::testing::TestDatabase>(GetParam());
        if (!database->available()) WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES();
        dir = make_temp_dir("wangju-votes");
    }
    void TearDown() override {
        if (!dir.empty()) std::filesystem::remove_all(dir);
    }
    std::vector<std::string> database_args() const {
        if (GetParam() == "sqlite") return {};
        return {"--database", database->url()};
    }

    std::string url() const {
        return GetParam() == "sqlite" ? (dir / "wangju.db").string() : database->url();
    }

    std::unique_ptr<store::testing::TestDatabase> database;
    std::filesystem::path dir;
};

TEST_P(VoteProcessTest, AnAcknowledgedVoteIsThereAfterSigkill) {
    auto served = serve(dir, database_args());
    ASSERT_NE(served.port, 0);
    HttpClient c(served.port);
    auto challenge = [&] { return *solve_altcha(c.get("/api/v1/altcha/challenge").json()); };
    auto signup = c.json("POST", "/api/v1/voters",
                         {{"username", "durable_voter"},
                          {"password", "Vote-for-good-2023"},
                          {"altcha", challenge()}});
    ASSERT_EQ(signup.status, 201) << signup.body;
    c.csrf_token = signup.json()["csrf_token"];
    long long vote_id = 0;
    {
        auto store = store::Store::open(url());
        for (const auto& v : store::PublicVoteStore(store->database()).all()) {
            if (v.rules.totals == TotalsShown::live) vote_id = v.id.value;
        }
    }
    ASSERT_GT(vote_id, 0);
    const auto works =
        c.get("/api/v1/public-votes/" + std::to_string(vote_id) + "/works").json()["works"];
    ASSERT_FALSE(works.empty());
    std::vector<long long> acknowledged;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, works.size()); ++i) {
        auto a = c.json("POST", "/api/v1/public-votes/" + std::to_string(vote_id) + "/votes",
                        {{"work_id", works[i]["work_id"]}, {"altcha", challenge()}});
        ASSERT_EQ(a.status, 201) << a.body;
        acknowledged.push_back(a.json()["id"].get<long long>());
    }
    served.child->signal(SIGKILL);
    served.child->wait();

    auto store = store::Store::open(url());
    store::PublicVoteStore reopened(store->database());
    std::vector<VoteId> ids;
    for (auto id : acknowledged) ids.push_back(VoteId{id});
    EXPECT_EQ(reopened.votes_by_id(PublicVoteId{vote_id}, ids).size(), acknowledged.size());
}

INSTANTIATE_TEST_SUITE_P(Engines, VoteProcessTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
