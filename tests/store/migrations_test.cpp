#include "domain/error.h"
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

TEST_P(MigrationsTest, PoolStatsReportConnectionsHeld) {
    const auto stats = store->pool_stats();
    EXPECT_GE(stats.size, 2u);
    EXPECT_EQ(stats.in_use, 0u);
}

}  // namespace
}  // namespace wangju::store::testing
