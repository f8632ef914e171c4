#include "support/store_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <random>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/connection_url.h"

namespace wangju::store::testing {

namespace {

std::string random_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::to_string(rng() % 1'000'000'000'000ULL);
}

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

void execute_on(const std::string& url, const std::string& sql) {
    if (is_postgres_url(url)) {
        soci::session session(soci::postgresql, postgres_conninfo(url));
        session << sql;
    } else {
        soci::session session(soci::sqlite3, "db=\"" + url + "\"");
        session << sql;
    }
}

}  // namespace

::testing::internal::ParamGenerator<std::string> engines() {
    return ::testing::Values(std::string("sqlite"), std::string("postgresql"));
}

std::string engine_name(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

bool postgres_required() {
    return env("WANGJU_REQUIRE_POSTGRES") == "1";
}

TestDatabase::TestDatabase(const std::string& engine) {
    if (engine == "sqlite") {
        temp_dir_ =
            (std::filesystem::temp_directory_path() / ("wangju-store-" + random_suffix())).string();
        url_ = temp_dir_ + "/db/wangju.sqlite";  // the folder "db" does not exist yet
        return;
    }
    const auto server = env("WANGJU_TEST_POSTGRES");
    if (!server) return;
    postgres_admin_ = *server;
    postgres_db_ = "test_" + random_suffix();
    execute_on(postgres_admin_, "CREATE DATABASE " + postgres_db_);
    url_ = with_database(postgres_admin_, postgres_db_);
}

TestDatabase::~TestDatabase() {
    if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_);
    if (!postgres_db_.empty()) {
        execute_on(postgres_admin_, "DROP DATABASE IF EXISTS " + postgres_db_ + " WITH (FORCE)");
    }
}

void TestDatabase::execute(const std::string& sql) const {
    execute_on(url_, sql);
}

void StoreTest::SetUp() {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (!database_->available()) WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES();
    store = Store::open(database_->url());
    store->migrate();
}

void StoreTest::TearDown() {
    store.reset();
    database_.reset();
}

std::unique_ptr<Store> StoreTest::open_again() const {
    return Store::open(database_->url());
}

void StoreTest::execute_sql(const std::string& sql) const {
    database_->execute(sql);
}

Unit StoreTest::add_unit(const std::string& code, UnitKind kind,
                         std::optional<std::string> parent_code) {
    NewUnit unit;
    unit.code = code;
    unit.name = code + "工会";
    unit.kind = kind;
    unit.parent_code = std::move(parent_code);
    return store->create_unit(unit, ctx);
}

User StoreTest::add_user(const std::string& username, UnitId unit) {
    NewUser user;
    user.username = username;
    user.display_name = "张三";
    user.unit = unit;
    user.roles = Roles{Role::worker};
    user.password_hash = "$argon2id$test";
    return store->create_user(user, ctx);
}

}  // namespace wangju::store::testing
