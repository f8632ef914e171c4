// A real server on an ephemeral loopback port over a fresh SQLite database holding the demo
// federation, for tests that speak HTTP to it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>

#include "app/demo.h"
#include "http/server.h"
#include "store/store.h"
#include "support/http_client.h"
#include "support/store_fixture.h"
#include "web/web_context.h"

namespace wangju::testing {

std::filesystem::path make_temp_dir(const std::string& prefix);

// A test with a fresh temporary folder, `dir`, removed after it.
class TempDirTest : public ::testing::Test {
  protected:
    void SetUp() override { dir = make_temp_dir("wangju-test"); }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::filesystem::path dir;
};

class WebTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;
    // Subclasses may adjust the configuration before the server starts.
    virtual void configure(web::WebConfig&) {}
    // The database the server uses: a SQLite file in `dir` unless a subclass picks another.
    virtual std::unique_ptr<store::Store> open_store();
    // A new WebContext, router and server (new port) over the same database and data folder.
    void start_server();
    // Stops the server and starts it again with start_server(): clients made before must be
    // pointed at the new port.
    void restart_server();

    HttpClient client() { return HttpClient(server->port()); }
    // A client logged in as a demo account (the sysadmin with its TOTP code).
    HttpClient logged_in(const std::string& username);
    // A new account of `unit_code` with one role and a known password, logged in.
    HttpClient logged_in_new_user(const std::string& username, const std::string& display_name,
                                  const std::string& unit_code, Role role);
    const std::string& password_of(const std::string& username) { return passwords.at(username); }

    std::filesystem::path dir;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<http::Metrics> metrics;
    std::unique_ptr<web::WebContext> web;
    std::unique_ptr<http::Router> router;
    std::unique_ptr<http::Server> server;
    std::map<std::string, std::string> passwords;
    std::map<std::string, std::string> totp_secrets;
};

// WebTest on each engine: INSTANTIATE_TEST_SUITE_P(Engines, X, store::testing::engines(),
// store::testing::engine_name). PostgreSQL tests are skipped without WANGJU_TEST_POSTGRES (failed
// when WANGJU_REQUIRE_POSTGRES=1).
class EngineWebTest : public WebTest, public ::testing::WithParamInterface<std::string> {
  protected:
    void SetUp() override;
    void TearDown() override;
    std::unique_ptr<store::Store> open_store() override;

    std::unique_ptr<store::testing::TestDatabase> database;
};

}  // namespace wangju::testing
