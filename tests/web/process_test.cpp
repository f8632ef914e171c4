// The `wangju` program as an operator runs it: serve, kill -9, serve again; user add; check.
#include <signal.h>
#include <sqlite3.h>

#include "support/served_process.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using ProcessTest = TempDirTest;

TEST_F(ProcessTest, AcknowledgedWriteSurvivesKillNine) {
    auto first = serve(dir);
    ASSERT_NE(first.port, 0);
    ASSERT_TRUE(first.passwords.count("binhai_admin"));
    HttpClient c(first.port);
    ASSERT_EQ(c.log_in("binhai_admin", first.passwords["binhai_admin"]).status, 200);
    auto created = c.json("POST", "/api/v1/units",
                          {{"code", "bh_durable"}, {"name", "持久化测试工会"}, {"kind", "town"},
                           {"parent", "binhai"}});
    ASSERT_EQ(created.status, 201);
    first.child->signal(SIGKILL);
    first.child->wait();

    auto second = serve(dir);
    ASSERT_NE(second.port, 0);
    EXPECT_TRUE(second.passwords.empty());  // the demo is loaded once only
    HttpClient again(second.port);
    ASSERT_EQ(again.log_in("binhai_admin", first.passwords["binhai_admin"]).status, 200);
    auto unit = again.get("/api/v1/units/bh_durable");
    EXPECT_EQ(unit.status, 200);
    EXPECT_EQ(unit.json()["name"], "持久化测试工会");
    // Without --static the server finds the assets the build copied.
    EXPECT_EQ(again.get("/static/css/site.css").status, 200);
    second.child->signal(SIGTERM);
    EXPECT_EQ(second.child->wait(), 0);
}

TEST_F(ProcessTest, UserAddCreatesAnAccountThatMustChangeItsPassword) {
    {
        auto s = serve(dir);
        s.child->signal(SIGTERM);
        EXPECT_EQ(s.child->wait(), 0);
    }
    Child weak({binary(), "user", "add", "--data", dir.string(), "--unit", "binhai", "--role",
                "editor", "--username", "new_editor", "--password-stdin"},
               "short\n");
    weak.rest();
    EXPECT_EQ(weak.wait(), 1);
    Child add({binary(), "user", "add", "--data", dir.string(), "--unit", "binhai", "--role",
               "editor", "--username", "new_editor", "--password-stdin"},
              "Binhai-Editor-2023\n");
    EXPECT_NE(add.rest().find("new_editor"), std::string::npos);
    EXPECT_EQ(add.wait(), 0);

    auto s = serve(dir);
    HttpClient c(s.port);
    auto login = c.log_in("new_editor", "Binhai-Editor-2023");
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(login.json()["pending"], "password");
}

TEST_F(ProcessTest, CheckNamesTheFirstTamperedAuditRow) {
    {
        auto s = serve(dir);
        s.child->signal(SIGTERM);
        EXPECT_EQ(s.child->wait(), 0);
    }
    Child ok({binary(), "check", "--data", dir.string()});
    EXPECT_NE(ok.rest().find("完好"), std::string::npos);
    EXPECT_EQ(ok.wait(), 0);

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "wangju.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE audit_events SET action = 'unit.forged' WHERE seq = 7",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);

    Child broken({binary(), "check", "--data", dir.string()});
    auto text = broken.rest();
    EXPECT_NE(text.find("seq 7"), std::string::npos) << text;
    EXPECT_EQ(broken.wait(), 1);
}

}  // namespace
}  // namespace wangju::testing
