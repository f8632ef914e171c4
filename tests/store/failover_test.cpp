// The pool of PostgreSQL connections when its server goes away, as during a failover to the
// standby: connections that the server closed are opened again by themselves, and while no server
// takes connections every request is refused as unavailable (503 with Retry-After), never
// answered with another error, and served again once a server is back.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "domain/error.h"
#include "store/connection_url.h"
#include "store/connections.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class PostgresFailoverTest : public ::testing::Test {
  protected:
    void SetUp() override {
        database = std::make_unique<TestDatabase>("postgresql");
        if (!database->available()) WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES();
        store = Store::open(database->url());
        store->migrate();
        soci::session session(soci::postgresql, postgres_conninfo(database->url()));
        session << "SELECT current_database()", soci::into(name);
        // The server's administrator, connected to another database of the server.
        admin = std::make_unique<soci::session>(
            soci::postgresql, postgres_conninfo(with_database(database->url(), "postgres")));
    }
    void TearDown() override {
        if (admin) *admin << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true";
        admin.reset();
        store.reset();
        database.reset();
    }

    // Ends every connection to the test's database, as a server that stops does.
    void end_connections() {
        int ended = 0;
        *admin << "SELECT count(*) FROM (SELECT pg_terminate_backend(pid, 5000) FROM "
                  "pg_stat_activity WHERE datname = :name) AS ended",
            soci::use(name), soci::into(ended);
        ASSERT_GT(ended, 0);
    }

    // The first is the national federation, the others cities under it.
    Unit new_unit(const std::string& code) {
        NewUnit unit;
        unit.code = code;
        unit.name = code + "工会";
        unit.kind = code == "before" ? UnitKind::national : UnitKind::city;
        if (code != "before") unit.parent_code = "before";
        return store->create_unit(unit, {std::nullopt, "127.0.0.1"});
    }

    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<Store> store;
    std::unique_ptr<soci::session> admin;
    std::string name;
};

TEST_F(PostgresFailoverTest, ConnectionsTheServerClosedAreOpenedAgain) {
    new_unit("before");
    end_connections();
    // More requests than the pool has connections: each one meets a closed connection first.
    for (std::size_t i = 0; i < 2 * Connections::postgres_pool_size; ++i) {
        EXPECT_EQ(store->count_units(), 1u);
    }
    EXPECT_EQ(new_unit("after").code, "after");
    EXPECT_EQ(store->count_units(), 2u);
}

TEST_F(PostgresFailoverTest, WhileNoServerTakesConnectionsRequestsAreUnavailableThenServedAgain) {
    new_unit("before");
    *admin << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false";
    end_connections();
    for (int i = 0; i < 3; ++i) {
        try {
            store->count_units();
            FAIL() << "a read was answered without a database";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::unavailable);
            EXPECT_EQ(e.retry_after(), 5);
        }
        try {
            new_unit("during");
            FAIL() << "a write was acknowledged without a database";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::unavailable);
        }
    }
    EXPECT_FALSE(store->ping());
    *admin << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true";
    EXPECT_TRUE(store->ping());
    EXPECT_EQ(store->count_units(), 1u);  // nothing of the refused write was stored
    new_unit("after");
    EXPECT_EQ(store->count_units(), 2u);
}

}  // namespace
}  // namespace wangju::store::testing
