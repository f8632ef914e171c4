#include "domain/error.h"
#include "store/altcha_spent.h"
#include "store/database.h"
#include "store/rows.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class MigrationsTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Engines, MigrationsTest, engines(), engine_name);

TEST_P(MigrationsTest, MigrateBringsAnEmptyDatabaseToTheLatestVersion) {
    EXPECT_GE(store->latest_schema_version(), 1);
    EXPECT_EQ(store->schema_version(), store->latest_schema_version());
    EXPECT_EQ(store->engine(), GetParam());
    EXPECT_TRUE(store->ping());
    EXPECT_EQ(store->count_units(), 0u);
    EXPECT_EQ(store->count_audit_events(), 0u);
}

TEST_P(MigrationsTest, MigratingTwiceChangesNothing) {
    add_unit("binhai", UnitKind::district);
    store->migrate();
    EXPECT_EQ(store->schema_version(), store->latest_schema_version());
    EXPECT_EQ(store->count_units(), 1u);
}

TEST_P(MigrationsTest, ADatabaseNewerThanTheProgramIsRefused) {
    execute_sql(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (999, 'future', '2030-01-01T00:00:00Z')");
    EXPECT_EQ(store->schema_version(), 999);
    try {
        store->migrate();
        FAIL() << "migrate accepted a newer database";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::unavailable);
        EXPECT_NE(e.message().find("999"), std::string::npos) << e.message();
    }
}

TEST_P(MigrationsTest, AChallengeSpentBeforeTheUpgradeCannotBeSpentAgainAfterIt) {
    // The table as it was before its solutions were keyed in the order they were made (0022),
    // holding one spent challenge.
    const Timestamp expires = now_utc() + std::chrono::minutes(5);
    execute_sql("DROP TABLE altcha_spent");
    execute_sql("CREATE TABLE altcha_spent (challenge TEXT PRIMARY KEY, expires_at TEXT NOT NULL)");
    execute_sql("INSERT INTO altcha_spent (challenge, expires_at) VALUES ('c0ffee', '" +
                stored(expires) + "')");
    execute_sql("DELETE FROM schema_migrations WHERE version = 22");
    store->migrate();
    EXPECT_EQ(store->schema_version(), store->latest_schema_version());

    auto spend = [&](const std::string& key) {
        store->database().write([&](soci::session& s) { spend_altcha_challenge(s, key, expires); });
    };
    try {
        spend("c0ffee");
        FAIL() << "the challenge spent before the upgrade was accepted again";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.fields().at("altcha"), "已使用过");
    }
    spend("1765000000000:c0ffee");
    EXPECT_THROW(spend("1765000000000:c0ffee"), Error);
}

TEST_P(MigrationsTest, EveryKindOfReadSeesEachCommitAtOnce) {
    auto& database = store->database();
    database.write([](soci::session& s) { s << "CREATE TABLE counter (n INTEGER NOT NULL)"; });
    database.write([](soci::session& s) { s << "INSERT INTO counter (n) VALUES (0)"; });
    auto read_n = [](soci::session& s) {
        int n = -1;
        s << "SELECT n FROM counter", soci::into(n);
        return n;
    };
    // More rounds than there are readers of either kind, so that every reader reads again after
    // a commit it has not seen.
    for (int n = 1; n <= 12; ++n) {
        database.write([&](soci::session& s) { s << "UPDATE counter SET n = :n", soci::use(n); });
        EXPECT_EQ(database.read(read_n), n);
        EXPECT_EQ(database.read_keyed(read_n), n);
    }
    if (GetParam() == "sqlite") {
        auto mapped = [](soci::session& s) {
            long long bytes = -1;
            s << "PRAGMA mmap_size", soci::into(bytes);
            return bytes;
        };
        EXPECT_GT(database.read(mapped), 0);
        EXPECT_EQ(database.read_keyed(mapped), 0);
    }
}

TEST_P(MigrationsTest, PoolStatsReportConnectionsHeld) {
    const auto stats = store->pool_stats();
    EXPECT_GE(stats.size, 2u);
    EXPECT_EQ(stats.in_use, 0u);
}

}  // namespace
}  // namespace wangju::store::testing
