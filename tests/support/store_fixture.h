// A fresh, migrated database per test, on each engine: a temporary SQLite file, or a database
// created on the PostgreSQL server named by WANGJU_TEST_POSTGRES (skipped when unset, unless
// WANGJU_REQUIRE_POSTGRES=1 asks for a failure instead).
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"

namespace wangju::store::testing {

// A fresh database on `engine`: "sqlite", a file in a new temporary folder; "postgresql", a new
// database on the server named by WANGJU_TEST_POSTGRES. The destructor drops it.
class TestDatabase {
  public:
    explicit TestDatabase(const std::string& engine);
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    ~TestDatabase();

    // False when the engine is PostgreSQL and no server is named; the caller skips (or fails when
    // WANGJU_REQUIRE_POSTGRES=1, see skip_or_fail_without_postgres).
    bool available() const { return !url_.empty(); }
    const std::string& url() const { return url_; }
    // Runs one statement on the database directly, bypassing the Store.
    void execute(const std::string& sql) const;

  private:
    std::string url_;
    std::string temp_dir_;        // SQLite
    std::string postgres_admin_;  // PostgreSQL: the server's URL and the test's database
    std::string postgres_db_;
};

// Call from SetUp when a TestDatabase is not available.
#define WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES()                                         \
    do {                                                                               \
        if (::wangju::store::testing::postgres_required()) {                           \
            FAIL() << "WANGJU_REQUIRE_POSTGRES=1 but WANGJU_TEST_POSTGRES is not set"; \
        }                                                                              \
        GTEST_SKIP() << "WANGJU_TEST_POSTGRES is not set (start a server with "        \
                        "scripts/pg-test-server start DIR)";                           \
    } while (false)

bool postgres_required();

class StoreTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override;
    void TearDown() override;

    // Opens the test's database once more (a second Store, as after a restart).
    std::unique_ptr<Store> open_again() const;
    // Runs one statement on the database directly, bypassing the Store.
    void execute_sql(const std::string& sql) const;

    // A unit of `kind` named after its code, below `parent_code` if given.
    Unit add_unit(const std::string& code, UnitKind kind,
                  std::optional<std::string> parent_code = std::nullopt);
    User add_user(const std::string& username, UnitId unit);

    std::unique_ptr<Store> store;
    AuditContext ctx{std::nullopt, "127.0.0.1"};

  private:
    std::unique_ptr<TestDatabase> database_;
};

// The engines a test suite runs on, and their names in test names.
::testing::internal::ParamGenerator<std::string> engines();
std::string engine_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace wangju::store::testing
