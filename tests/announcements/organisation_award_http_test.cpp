// Organisation awards over HTTP against a real server holding the demo, on SQLite and PostgreSQL:
// Binhai's admin ranks the units below Binhai from the campaign's own figures, sets the formula,
// moves a unit with a reason, confirms, and the awarded unit downloads a certificate whose code
// verifies until the list is unconfirmed.
#include "store/organisation_award_store.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

class OrganisationAwardHttpTest : public EngineWebTest {
  protected:
    void SetUp() override {
        EngineWebTest::SetUp();
        if (IsSkipped()) return;
        campaign = web->campaigns.campaigns().back();  // 2023, the demo's
        binhai = std::make_unique<HttpClient>(logged_in("binhai_admin"));
        url = "/api/v1/campaigns/" + std::to_string(campaign.id.value) + "/organisation-awards";
    }

    // Binhai's ranking of the level below it (the default of its admin).
    Json ranking() {
        auto answer = binhai->get(url);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json();
    }

    static const Json* row_of(const Json& view, const std::string& code) {
        for (const auto& row : view["ranking"]) {
            if (row["unit"]["code"] == code) return &row;
        }
        return nullptr;
    }

    static std::vector<std::string> awarded_codes(const Json& view) {
        std::vector<std::string> codes;
        for (const auto& u : view["awarded"]) codes.push_back(u["code"].get<std::string>());
        return codes;
    }

    std::size_t audit_count() { return store->count_audit_events(); }

    std::vector<AuditEvent> audit_since(std::size_t count) {
        return store->audit_events(static_cast<std::int64_t>(count), 100);
    }

    // Submits a new work of Binhai's `unit_code` to the campaign's first track, as its owner.
    void submit_work_of(const std::string& unit_code) {
        const Unit unit = *store->find_unit_by_code(unit_code);
        const User owner = *store->find_user_by_username("binhai_admin");
        const Track track = web->works.tracks(campaign.id).front();
        Work w = web->works.create_work(
            {campaign.id, track.id, owner.id, unit.id, {"新作品", "作者", {}, {}}}, system);
        store::Database& db = store->database();
        db.write([&](soci::session& s) {
            s << "UPDATE works SET state = 'pending', submitted_at = updated_at WHERE id = :id",
                soci::use(w.id.value);
        });
    }

    AuditContext system{std::nullopt, "test"};
    Campaign campaign;
    std::unique_ptr<HttpClient> binhai;
    std::string url;
};

TEST_P(OrganisationAwardHttpTest, BinhaisAdminSeesEveryUnitBelowRankedWithItsFigures) {
    const Json view = ranking();
    EXPECT_EQ(view["unit"]["code"], "binhai");
    EXPECT_EQ(view["level"], 3);
    // The demo asks for three; it proposes those that scored, with one more moved in.
    EXPECT_EQ(view["saved"], true);
    EXPECT_EQ(view["state"], "draft");
    EXPECT_EQ(view["count"], 3);
    EXPECT_EQ(view["moves"].size(), 1u);

    const auto children = store->children(store->find_unit_by_code("binhai")->id);
    ASSERT_EQ(view["ranking"].size(), children.size());
    for (const auto& child : children) EXPECT_NE(row_of(view, child.code), nullptr) << child.code;
    double previous = 101;
    int proposed = 0;
    for (const auto& row : view["ranking"]) {
        const double score = row["score"].get<double>();
        EXPECT_LE(score, previous);
        EXPECT_GE(score, 0);
        previous = score;
        if (row["proposed"].get<bool>()) {
            ++proposed;
            EXPECT_GT(score, 0);
            EXPECT_LE(row["rank"].get<int>(), 3);
        }
    }
    EXPECT_GE(proposed, 1);
    EXPECT_EQ(view["awarded"].size(), static_cast<std::size_t>(proposed) + 1);

    // The figures are the campaign's: one more submitted work of TEDA counts at once.
    const long long before = (*row_of(view, "bh_teda"))["figures"]["works_submitted"].get<long long>();
    submit_work_of("bh_teda");
    const Json after = ranking();
    EXPECT_EQ((*row_of(after, "bh_teda"))["figures"]["works_submitted"].get<long long>(),
              before + 1);
}

TEST_P(OrganisationAwardHttpTest, OnlyTheUnitsAdminsAndThoseAboveSeeTheRanking) {
    EXPECT_EQ(client().get(url).status, 401);
    auto teda = logged_in("teda_admin");
    EXPECT_EQ(teda.get(url + "?unit=binhai").status, 403);
    EXPECT_EQ(logged_in("tianjin_admin").get(url + "?unit=binhai&level=3").status, 200);
    // TEDA's own level below has units of its own; a level not below the unit is refused.
    auto above = binhai->get(url + "?level=2");
    EXPECT_EQ(above.status, 400);
    EXPECT_TRUE(above.json()["error"]["fields"].contains("level")) << above.body;
    // Viewers who may not change it are told so, and their changes are refused.
    auto editor = logged_in("binhai_editor");
    auto seen = editor.get(url);
    if (seen.status == 200) {
        EXPECT_EQ(seen.json()["may_change"], false);
        EXPECT_EQ(editor.json("POST", url + "/confirm", Json::object()).status, 403);
    } else {
        EXPECT_EQ(seen.status, 403);
    }
}

TEST_P(OrganisationAwardHttpTest, ABadFormulaOrCountIsRefusedAndNothingChanges) {
    const Json before = ranking();
    const std::size_t events = audit_count();
    const std::vector<std::pair<Json, std::string>> bad = {
        {{{"weights", {{"works_submitted", -1}}}, {"count", 3}}, "formula.weights.1"},
        {{{"weights", {{"likes", 10}}}, {"count", 3}}, "formula"},
        {{{"weights", {{"works_submitted", 0}}}, {"count", 3}}, "formula"},
        {{{"weights", {{"works_submitted", 10}}}, {"count", 0}}, "count"},
        {{{"weights", {{"works_submitted", 10}}}, {"count", 99}}, "count"},
        {{{"count", 3}}, "weights"},
    };
    for (const auto& [body, field] : bad) {
        auto refused = binhai->json("PUT", url, body);
        EXPECT_EQ(refused.status, 400) << body.dump() << " " << refused.body;
        EXPECT_TRUE(refused.json()["error"]["fields"].contains(field)) << refused.body;
    }
    EXPECT_EQ(audit_count(), events);
    const Json after = ranking();
    EXPECT_EQ(after["formula"], before["formula"]);
    EXPECT_EQ(after["moves"].size(), before["moves"].size());
}

TEST_P(OrganisationAwardHttpTest, ANewFormulaRanksByItsWeightsAndStartsTheMovesAnew) {
    auto saved = binhai->json(
        "PUT", url, {{"weights", {{"works_submitted", 1}, {"votes_received", 0}}}, {"count", 2}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    const Json view = saved.json();
    EXPECT_EQ(view["count"], 2);
    EXPECT_TRUE(view["moves"].empty());
    // Ranked by works submitted alone: the best has 100, the others their share of it.
    long long best = 0;
    long long previous = LLONG_MAX;
    for (const auto& row : view["ranking"]) {
        const long long works = row["figures"]["works_submitted"].get<long long>();
        EXPECT_LE(works, previous);
        previous = works;
        best = std::max(best, works);
    }
    ASSERT_GT(best, 0);
    for (const auto& row : view["ranking"]) {
        const double expected =
            100.0 * static_cast<double>(row["figures"]["works_submitted"].get<long long>()) /
            static_cast<double>(best);
        EXPECT_NEAR(row["score"].get<double>(), expected, 1e-6) << row["unit"]["code"];
    }
    const auto events = audit_since(audit_count() - 1);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].action, "organisation_awards.set");
    EXPECT_EQ(events[0].before["moves"].size(), 1u);  // the demo's move, started anew
}

TEST_P(OrganisationAwardHttpTest, AMoveNeedsAReasonAndIsAudited) {
    const Json view = ranking();
    std::string outside;
    for (const auto& row : view["ranking"]) {
        if (!row["awarded"].get<bool>()) outside = row["unit"]["code"].get<std::string>();
    }
    ASSERT_FALSE(outside.empty());
    const std::size_t events = audit_count();
    auto refused = binhai->json("POST", url + "/moves",
                                {{"unit", outside}, {"awarded", true}, {"reason", "  "}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(refused.json()["error"]["fields"].contains("reason")) << refused.body;
    auto twice = binhai->json("POST", url + "/moves",
                              {{"unit", awarded_codes(view).front()}, {"awarded", true},
                               {"reason", "再次调入"}});
    EXPECT_EQ(twice.status, 400);
    auto stranger = binhai->json("POST", url + "/moves",
                                 {{"unit", "tianjin"}, {"awarded", true}, {"reason", "调入"}});
    EXPECT_EQ(stranger.status, 400);
    EXPECT_EQ(audit_count(), events);

    auto moved = binhai->json("POST", url + "/moves",
                              {{"unit", outside}, {"awarded", true}, {"reason", "宣传阵地建设突出"}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    const auto codes = awarded_codes(moved.json());
    EXPECT_EQ(codes.back(), outside);
    const auto since = audit_since(events);
    ASSERT_EQ(since.size(), 1u);
    EXPECT_EQ(since[0].action, "organisation_awards.move");
    EXPECT_EQ(since[0].after["reason"], "宣传阵地建设突出");
    EXPECT_EQ(since[0].actor, store->find_user_by_username("binhai_admin")->id);
}

TEST_P(OrganisationAwardHttpTest, AConfirmedUnitDownloadsACertificateThatVerifiesUntilUnconfirmed) {
    auto confirmed = binhai->json("POST", url + "/confirm", Json::object());
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    const Json view = confirmed.json();
    EXPECT_EQ(view["state"], "confirmed");
    ASSERT_EQ(view["awards"].size(), view["awarded"].size());
    ASSERT_FALSE(view["awards"].empty());
    EXPECT_EQ(binhai->json("PUT", url, {{"weights", {{"works_submitted", 1}}}, {"count", 2}}).status,
              409);

    // The first awarded unit's certificate: its own admin may download it, a sibling may not.
    const std::string unit_code = view["awarded"][0]["code"].get<std::string>();
    const std::string code = view["awards"][0]["code"].get<std::string>();
    const std::string certificate = "/api/v1/organisation-awards/" +
                                    std::to_string(view["list_id"].get<long long>()) + "/units/" +
                                    unit_code + "/certificate.pdf";
    auto pdf = binhai->get(certificate);
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("content-type").value_or(""), "application/pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    std::string sibling_code;
    for (const auto& row : view["ranking"]) {
        if (!row["awarded"].get<bool>()) sibling_code = row["unit"]["code"].get<std::string>();
    }
    if (sibling_code == "bh_xinhe") {
        auto xinhe = logged_in("xinhe_admin");
        EXPECT_EQ(xinhe.get(certificate).status, 403);
    }
    // A unit not on the list has no certificate.
    ASSERT_FALSE(sibling_code.empty());
    EXPECT_EQ(binhai->get("/api/v1/organisation-awards/" +
                          std::to_string(view["list_id"].get<long long>()) + "/units/" +
                          sibling_code + "/certificate.pdf")
                  .status,
              404);

    // The certificates page lists it for the awarding unit's admin.
    auto listed = binhai->get("/campaigns/" + std::to_string(campaign.id.value) + "/certificates");
    EXPECT_NE(listed.body.find(code), std::string::npos);

    auto verified = client().get("/api/v1/certificates/" + code);
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(verified.json()["genuine"], true);
    EXPECT_EQ(verified.json()["organisation_award"]["unit"],
              store->find_unit_by_code(unit_code)->name);
    EXPECT_EQ(verified.json()["organisation_award"]["issuer"], "天津市滨海新区总工会");
    auto page = client().get("/certificates/" + code);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("优秀组织奖"), std::string::npos);

    auto unconfirmed = binhai->json("POST", url + "/unconfirm", Json::object());
    ASSERT_EQ(unconfirmed.status, 200) << unconfirmed.body;
    EXPECT_EQ(unconfirmed.json()["state"], "draft");
    EXPECT_EQ(client().get("/api/v1/certificates/" + code).status, 404);
    EXPECT_EQ(binhai->get(certificate).status, 404);
}

TEST_P(OrganisationAwardHttpTest, ThePageShowsTheRankingAndItsFormsWork) {
    const std::string page_url =
        "/campaigns/" + std::to_string(campaign.id.value) + "/organisation-awards";
    auto page = binhai->get(page_url);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("优秀组织奖评定"), std::string::npos);
    EXPECT_NE(page.body.find("天津经济技术开发区总工会"), std::string::npos);
    EXPECT_NE(page.body.find("id=\"formula-form\""), std::string::npos);

    // A bad count is shown beside the form, and nothing is saved.
    const std::size_t events = audit_count();
    std::string weights;
    const Json view = ranking();
    for (const auto& w : view["weights"]) {
        weights += "&w_" + w["factor"].get<std::string>() + "=10";
    }
    const auto post = [&](const std::string& count) {
        return binhai->request("POST", page_url + "/formula",
                               "csrf=" + binhai->csrf_token + "&unit=binhai&level=3&count=" +
                                   count + weights,
                               {{"content-type", "application/x-www-form-urlencoded"}});
    };
    auto refused = post("0");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("评定数量应为"), std::string::npos);
    EXPECT_EQ(audit_count(), events);

    EXPECT_EQ(post("2").status, 303);
    EXPECT_EQ(ranking()["count"], 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrganisationAwardHttpTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
