// The unit tree over HTTP: who sees and changes what.
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

TEST_F(WebTest, UnitAnswersWithItsChildrenAndAncestors) {
    auto c = logged_in("binhai_admin");
    auto answer = c.get("/api/v1/units/binhai");
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto unit = answer.json();
    EXPECT_EQ(unit["name"], "天津市滨海新区总工会");
    EXPECT_EQ(unit["kind"], "district");
    std::vector<std::string> children;
    for (const auto& child : unit["children"]) children.push_back(child["code"]);
    EXPECT_NE(std::find(children.begin(), children.end(), "bh_teda"), children.end());
    EXPECT_NE(std::find(children.begin(), children.end(), "bh_xinhe"), children.end());
    ASSERT_EQ(unit["ancestors"].size(), 2u);
    EXPECT_EQ(unit["ancestors"][0]["code"], "acftu");
    EXPECT_EQ(unit["ancestors"][1]["code"], "tianjin");
}

TEST_F(WebTest, TownAdminCannotSeeOrChangeAnotherTown) {
    auto c = logged_in("xinhe_admin");
    EXPECT_EQ(c.get("/api/v1/units/bh_xinhe").status, 200);
    EXPECT_EQ(c.get("/api/v1/units/xinhe_shequ").status, 200);
    EXPECT_EQ(c.get("/api/v1/units/bh_dagu").status, 403);
    EXPECT_EQ(c.get("/api/v1/units/dagu_huagong").status, 403);
    auto rename = c.json("PATCH", "/api/v1/units/bh_dagu", {{"name", "改名"}});
    EXPECT_EQ(rename.status, 403);
    EXPECT_EQ(store->find_unit_by_code("bh_dagu")->name, "大沽街道总工会");
    // The district above is visible for the breadcrumb but cannot be changed.
    EXPECT_EQ(c.json("PATCH", "/api/v1/units/binhai", {{"name", "改名"}}).status, 403);
    EXPECT_EQ(c.get("/api/v1/units/no_such_unit").status, 404);
}

TEST_F(WebTest, AdminCreatesRenamesMovesAndClosesUnitsInTheirSubtree) {
    auto c = logged_in("binhai_admin");
    auto created = c.json("POST", "/api/v1/units",
                          {{"code", "xinhe_new"}, {"name", "新河新建公司工会"},
                           {"kind", "grassroots"}, {"parent", "bh_xinhe"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("location"), "/api/v1/units/xinhe_new");

    auto renamed = c.json("PATCH", "/api/v1/units/xinhe_new", {{"name", "新河第二公司工会"}});
    EXPECT_EQ(renamed.status, 200);
    EXPECT_EQ(store->find_unit_by_code("xinhe_new")->name, "新河第二公司工会");

    auto moved = c.json("POST", "/api/v1/units/xinhe_new/move", {{"parent", "bh_dagu"}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    auto unit = *store->find_unit_by_code("xinhe_new");
    auto dagu = *store->find_unit_by_code("bh_dagu");
    EXPECT_EQ(unit.parent, dagu.id);
    EXPECT_TRUE(unit.path.starts_with(dagu.path));

    auto closed = c.json("POST", "/api/v1/units/xinhe_new/close", {{"closes_on", "2023-09-01"}});
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.json()["closes_on"], "2023-09-01");
}

TEST_F(WebTest, MoveIntoOwnSubtreeIsRefusedAndNothingChanges) {
    auto c = logged_in("binhai_admin");
    auto before = *store->find_unit_by_code("bh_teda");
    auto answer = c.json("POST", "/api/v1/units/bh_teda/move", {{"parent", "teda_qiche"}});
    EXPECT_EQ(answer.status, 409);
    EXPECT_EQ(store->find_unit_by_code("bh_teda")->path, before.path);
    // An admin cannot move or close their own unit.
    EXPECT_EQ(c.json("POST", "/api/v1/units/binhai/move", {{"parent", "heping"}}).status, 403);
    EXPECT_EQ(c.json("POST", "/api/v1/units/binhai/close", nlohmann::json::object()).status, 403);
    // Nor move a unit outside their subtree.
    EXPECT_EQ(c.json("POST", "/api/v1/units/xinhe_shequ/move", {{"parent", "heping"}}).status, 403);
}

TEST_F(WebTest, BadUnitFieldsAreNamed) {
    auto c = logged_in("binhai_admin");
    auto answer = c.json("POST", "/api/v1/units",
                         {{"code", "BAD CODE"}, {"name", "x"}, {"kind", "town"}, {"parent", "binhai"}});
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.json()["error"]["code"], "invalid_input");
    auto missing = c.json("POST", "/api/v1/units", {{"name", "x"}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(missing.json()["error"]["fields"].contains("code"));
    auto not_json = c.request("POST", "/api/v1/units", "{not json",
                              {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(not_json.status, 400);
}

TEST_F(WebTest, ImportStoresAllRowsOrNone) {
    auto c = logged_in("binhai_admin");
    std::string bad =
        "编码,名称,类型,上级编码\n"
        "dagu_a,大沽甲公司工会,grassroots,bh_dagu\n"
        "dagu_b,大沽乙公司工会,区县,bh_dagu\n"
        "dagu_c,大沽丙公司工会,grassroots,heping\n";
    auto refused = c.request("POST", "/api/v1/units/import", bad,
                             {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf_token}});
    ASSERT_EQ(refused.status, 400) << refused.body;
    auto fields = refused.json()["error"]["fields"];
    EXPECT_TRUE(fields.contains("row:3")) << fields.dump();
    EXPECT_TRUE(fields.contains("row:4")) << fields.dump();
    EXPECT_FALSE(fields.contains("row:2")) << fields.dump();
    EXPECT_FALSE(store->find_unit_by_code("dagu_a"));

    std::string good =
        "编码,名称,类型,上级编码\n"
        "dagu_a,大沽甲公司工会,基层工会,bh_dagu\n"
        "dagu_b,大沽乙公司工会,grassroots,bh_dagu\n";
    auto stored = c.request("POST", "/api/v1/units/import", good,
                            {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf_token}});
    ASSERT_EQ(stored.status, 201) << stored.body;
    EXPECT_EQ(stored.json()["imported"], 2);
    EXPECT_TRUE(store->find_unit_by_code("dagu_b"));
}

TEST_F(WebTest, AdminManagesUsersOnlyInTheirSubtree) {
    auto c = logged_in("teda_admin");
    auto list = c.get("/api/v1/units/bh_teda/users");
    ASSERT_EQ(list.status, 200);
    bool saw_worker = false;
    auto users = list.json()["users"];
    for (const auto& u : users) saw_worker |= u["username"] == "worker_zhang";
    EXPECT_TRUE(saw_worker);
    EXPECT_EQ(c.get("/api/v1/units/bh_xinhe/users").status, 403);

    auto outside = c.json("POST", "/api/v1/users",
                          {{"username", "wang_wu"}, {"display_name", "王五"}, {"unit", "bh_xinhe"},
                           {"roles", {"worker"}}});
    EXPECT_EQ(outside.status, 403);
    auto sysadmin = c.json("POST", "/api/v1/users",
                           {{"username", "wang_wu"}, {"display_name", "王五"}, {"unit", "teda_qiche"},
                            {"roles", {"sysadmin"}}});
    EXPECT_EQ(sysadmin.status, 403);
    EXPECT_FALSE(store->find_user_by_username("wang_wu"));

    EXPECT_EQ(c.json("PATCH", "/api/v1/users/xinhe_admin", {{"disabled", true}}).status, 404);
    auto disabled = c.json("PATCH", "/api/v1/users/worker_zhang", {{"disabled", true}});
    EXPECT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_EQ(client().log_in("worker_zhang", password_of("worker_zhang")).status, 401);

    auto reset = c.json("POST", "/api/v1/users/worker_zhang/password-reset", nullptr);
    ASSERT_EQ(reset.status, 200);
    EXPECT_TRUE(store->find_user_by_username("worker_zhang")->must_change_password);
}

TEST_F(WebTest, EveryChangeIsInTheAuditLogWithAnUnbrokenChain) {
    auto c = logged_in("binhai_admin");
    ASSERT_EQ(c.json("POST", "/api/v1/units",
                     {{"code", "bh_audit"}, {"name", "审计测试工会"}, {"kind", "town"},
                      {"parent", "binhai"}})
                  .status,
              201);
    auto events = store->audit_events(0, 100000);
    ASSERT_FALSE(events.empty());
    EXPECT_FALSE(verify_chain(events).has_value());
    const auto& last = events.back();
    EXPECT_EQ(last.action, "unit.create");
    EXPECT_EQ(last.object, "unit:bh_audit");
    EXPECT_EQ(last.client_address, "127.0.0.1");
    EXPECT_EQ(last.actor, store->find_user_by_username("binhai_admin")->id);
    EXPECT_TRUE(last.before.is_null());
    EXPECT_EQ(last.after["name"], "审计测试工会");
}

TEST_F(WebTest, HealthReadinessAndMetrics) {
    auto c = client();
    EXPECT_EQ(c.get("/healthz").status, 200);
    EXPECT_EQ(c.get("/readyz").status, 200);
    c.get("/api/v1/units/binhai");
    auto metrics_text = c.get("/metrics");
    ASSERT_EQ(metrics_text.status, 200);
    EXPECT_NE(metrics_text.body.find("wangju_http_requests_total"), std::string::npos);
    EXPECT_NE(metrics_text.body.find("wangju_db_pool"), std::string::npos);
}

TEST_F(WebTest, UnknownPathIs404AndWrongMethodIs405) {
    auto c = client();
    auto missing = c.get("/api/v1/nothing-here");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json()["error"]["code"], "not_found");
    auto wrong = c.request("PUT", "/api/v1/session", "{}");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_TRUE(wrong.header("allow").has_value());
}

}  // namespace
}  // namespace wangju::testing
