#include "support/web_fixture.h"

#include <random>

#include "domain/password.h"
#include "domain/secret.h"
#include "web/error_response.h"
#include "web/routes.h"

namespace wangju::testing {

std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() /
               (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    return dir;
}

void WebTest::SetUp() {
    init_crypto();
    set_fast_password_hashing_for_tests(true);
    dir = make_temp_dir("wangju-web");
    store = open_store();
    store->migrate();
    for (const auto& account : app::load_demo(*store)) {
        passwords[account.username] = account.password;
        if (!account.totp_secret.empty()) totp_secrets[account.username] = account.totp_secret;
    }
    metrics = std::make_unique<http::Metrics>();
    start_server();
}

std::unique_ptr<store::Store> WebTest::open_store() {
    return store::Store::open((dir / "wangju.db").string());
}

void WebTest::start_server() {
    web::WebConfig config;
    config.data_dir = dir;
    configure(config);
    web = std::make_unique<web::WebContext>(*store, *metrics, config);
    router = std::make_unique<http::Router>();
    web::register_routes(*router, *web);
    http::ServerConfig server_config;
    server_config.listen = "127.0.0.1:0";
    server_config.access_log = "";
    server_config.io_threads = 1;
    server_config.worker_threads = 4;
    if (const char* s = std::getenv("WANGJU_STATIC")) server_config.static_root = s;
    server = std::make_unique<http::Server>(server_config, *router, web::page_error_renderer(*web),
                                            *metrics);
    server->start();
}

void WebTest::restart_server() {
    server->stop();
    server.reset();
    web.reset();
    start_server();
}

void WebTest::TearDown() {
    if (server) server->stop();
    server.reset();
    web.reset();
    store.reset();
    std::filesystem::remove_all(dir);
}

HttpClient WebTest::logged_in(const std::string& username) {
    HttpClient c = client();
    std::string totp;
    if (auto it = totp_secrets.find(username); it != totp_secrets.end()) {
        totp = totp_code(it->second, now_utc());
    }
    auto answer = c.log_in(username, password_of(username), totp);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return c;
}

HttpClient WebTest::logged_in_new_user(const std::string& username, const std::string& display_name,
                                       const std::string& unit_code, Role role) {
    const std::string password = "New-user-pass-2026";
    auto unit = store->find_unit_by_code(unit_code);
    EXPECT_TRUE(unit) << unit_code;
    store->create_user(
        {username, display_name, unit->id, Roles{role}, hash_password(password), false},
        {std::nullopt, "test"});
    HttpClient c = client();
    EXPECT_EQ(c.log_in(username, password).status, 200);
    return c;
}

void EngineWebTest::SetUp() {
    database = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!database->available()) WANGJU_SKIP_OR_FAIL_WITHOUT_POSTGRES();
    WebTest::SetUp();
}

void EngineWebTest::TearDown() {
    if (database && database->available()) WebTest::TearDown();
    database.reset();
}

std::unique_ptr<store::Store> EngineWebTest::open_store() {
    return store::Store::open(database->url());
}

}  // namespace wangju::testing
