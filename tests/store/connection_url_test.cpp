#include "store/connection_url.h"

#include <map>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "domain/error.h"
#include "store/migrations.h"
#include "store/store.h"

namespace wangju::store {
namespace {

// The keywords of a conninfo string, as libpq reads them.
std::map<std::string, std::string> keywords(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    EXPECT_NE(options, nullptr) << (error ? error : "");
    std::map<std::string, std::string> found;
    for (auto* o = options; o && o->keyword; ++o) {
        if (o->val && *o->val) found[o->keyword] = o->val;
    }
    PQconninfoFree(options);
    if (error) PQfreemem(error);
    return found;
}

TEST(ConnectionUrl, PostgresUrlBecomesLibpqKeywords) {
    auto k = keywords(postgres_conninfo("postgresql://wangju@127.0.0.1:5433/postgres"));
    EXPECT_EQ(k["host"], "127.0.0.1");
    EXPECT_EQ(k["port"], "5433");
    EXPECT_EQ(k["dbname"], "postgres");
    EXPECT_EQ(k["user"], "wangju");
    k = keywords(postgres_conninfo("postgres://u:p%40ss@db.example/x?sslmode=require"));
    EXPECT_EQ(k["host"], "db.example");
    EXPECT_EQ(k["password"], "p@ss");
    EXPECT_EQ(k["sslmode"], "require");
    EXPECT_EQ(k.count("port"), 0u);
    EXPECT_EQ(keywords(postgres_conninfo("postgresql://[::1]:5432/db"))["host"], "::1");
}

TEST(ConnectionUrl, EveryNodeOfAFailoverPairIsNamed) {
    auto k = keywords(postgres_conninfo(
        "postgresql://wangju@db1:5432,db2:5433/wangju?target_session_attrs=read-write"));
    EXPECT_EQ(k["host"], "db1,db2");
    EXPECT_EQ(k["port"], "5432,5433");
    EXPECT_EQ(k["target_session_attrs"], "read-write");
}

TEST(ConnectionUrl, AServerThatIsGoneIsGivenUpUnlessTheUrlSaysOtherwise) {
    auto k = keywords(postgres_conninfo("postgresql://h/db"));
    EXPECT_EQ(k["connect_timeout"], "5");
    EXPECT_EQ(k["keepalives_idle"], "10");
    EXPECT_EQ(k["fallback_application_name"], "wangju");
    EXPECT_EQ(
        keywords(postgres_conninfo("postgresql://h/db?connect_timeout=30"))["connect_timeout"],
        "30");
}

TEST(ConnectionUrl, AMalformedUrlIsRefusedWithTheReason) {
    try {
        postgres_conninfo("postgresql://h/db?no_such_parameter=1");
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_NE(e.message().find("no_such_parameter"), std::string::npos) << e.message();
    }
    EXPECT_THROW(postgres_conninfo("mysql://h/db"), Error);
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
