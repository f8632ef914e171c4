#include "store/connection_url.h"

#include <gtest/gtest.h>

#include "domain/error.h"
#include "store/migrations.h"
#include "store/store.h"

namespace wangju::store {
namespace {

TEST(ConnectionUrl, PostgresUrlBecomesLibpqKeywords) {
    EXPECT_EQ(postgres_conninfo("postgresql://wangju@127.0.0.1:5433/postgres"),
              "host='127.0.0.1' port='5433' dbname='postgres' user='wangju'");
    EXPECT_EQ(postgres_conninfo("postgres://u:p%40ss@db.example/x?sslmode=require"),
              "host='db.example' dbname='x' user='u' password='p@ss' sslmode='require'");
    EXPECT_EQ(postgres_conninfo("postgresql://[::1]:5432/db"),
              "host='::1' port='5432' dbname='db'");
}

TEST(ConnectionUrl, DatabaseNameCanBeReplaced) {
    EXPECT_EQ(with_database("postgresql://wangju@127.0.0.1:5433/postgres", "test_1"),
              "postgresql://wangju@127.0.0.1:5433/test_1");
    EXPECT_EQ(with_database("postgresql://h/db?sslmode=disable", "other"),
              "postgresql://h/other?sslmode=disable");
}

TEST(ConnectionUrl, InMemorySqliteIsRefused) {
    try {
        Store::open(":memory:");
        FAIL() << ":memory: accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
    }
}

TEST(Migrations, BothEnginesHaveTheSameVersions) {
    const auto sqlite = migrations_for(Engine::sqlite);
    const auto postgres = migrations_for(Engine::postgresql);
    ASSERT_FALSE(sqlite.empty());
    ASSERT_EQ(sqlite.size(), postgres.size());
    for (std::size_t i = 0; i < sqlite.size(); ++i) {
        EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1);
        EXPECT_EQ(sqlite[i].version, postgres[i].version);
        EXPECT_EQ(sqlite[i].name, postgres[i].name);
    }
}

TEST(Migrations, ScriptsSplitIntoStatements) {
    const auto statements =
        sql_statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n");
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[0], "CREATE TABLE a (x INT)");
    EXPECT_EQ(statements[1], "CREATE INDEX i\n  ON a (x)");
}

}  // namespace
}  // namespace wangju::store
