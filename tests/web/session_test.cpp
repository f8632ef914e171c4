// Logging in and out, CSRF, lockout, expiry and the pending steps, over HTTP.
#include "domain/password.h"
#include "domain/secret.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

TEST_F(WebTest, LoginSetsAnHttpOnlySessionCookieAndMeSaysWhoIsLoggedIn) {
    auto c = client();
    auto answer = c.log_in("binhai_admin", password_of("binhai_admin"));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto cookie = answer.header("set-cookie").value_or("");
    EXPECT_NE(cookie.find("wangju_session="), std::string::npos);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
    EXPECT_FALSE(c.csrf_token.empty());

    auto me = c.get("/api/v1/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json()["user"]["username"], "binhai_admin");
    EXPECT_EQ(me.json()["user"]["unit"], "binhai");
    EXPECT_FALSE(me.json()["user"].contains("password_hash"));
}

TEST_F(WebTest, ForwardedProtoIsIgnoredUnlessTheProxyIsTrusted) {
    auto c = client();
    auto answer = c.request("POST", "/api/v1/session",
                            nlohmann::json{{"username", "binhai_admin"},
                                           {"password", password_of("binhai_admin")}}
                                .dump(),
                            {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("set-cookie")->find("Secure"), std::string::npos);
}

TEST_F(WebTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
    auto c = client();
    auto wrong = c.log_in("binhai_admin", "Wrong-password-123");
    auto unknown = c.log_in("nobody_here", "Wrong-password-123");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
    EXPECT_EQ(wrong.json()["error"]["code"], "unauthenticated");
    EXPECT_TRUE(c.cookies.empty());
}

TEST_F(WebTest, ANumberTooLargeForADoubleIsRefusedWith400NotAServerError) {
    auto c = client();
    const std::size_t events = store->count_audit_events();
    for (const char* target : {"/api/v1/session", "/api/v1/letters"}) {
        auto answer = c.request("POST", target, R"({"username": 1e400, "title": 1e400})",
                                {{"content-type", "application/json"}});
        EXPECT_EQ(answer.status, 400) << target << " " << answer.body;
        EXPECT_EQ(answer.json()["error"]["code"], "invalid_input") << answer.body;
    }
    EXPECT_EQ(store->count_audit_events(), events);
}

TEST_F(WebTest, StateChangeWithoutCsrfTokenIsRefusedAndChangesNothing) {
    auto c = logged_in("binhai_admin");
    std::string token = c.csrf_token;
    c.csrf_token.clear();
    auto refused = c.json("POST", "/api/v1/units",
                          {{"code", "bh_new"}, {"name", "新单位工会"}, {"kind", "town"},
                           {"parent", "binhai"}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.json()["error"]["code"], "csrf_failed");
    EXPECT_FALSE(store->find_unit_by_code("bh_new"));

    // A token that differs in its first character (never the real one, whatever it starts with).
    c.csrf_token = (token[0] == '0' ? "1" : "0") + token.substr(1);
    EXPECT_EQ(c.json("POST", "/api/v1/units",
                     {{"code", "bh_new"}, {"name", "新单位工会"}, {"kind", "town"},
                      {"parent", "binhai"}})
                  .status,
              403);
    EXPECT_FALSE(store->find_unit_by_code("bh_new"));

    c.csrf_token = token;
    EXPECT_EQ(c.json("POST", "/api/v1/units",
                     {{"code", "bh_new"}, {"name", "新单位工会"}, {"kind", "town"},
                      {"parent", "binhai"}})
                  .status,
              201);
    EXPECT_TRUE(store->find_unit_by_code("bh_new"));
}

TEST_F(WebTest, FiveFailuresLockTheAccountWith429AndRetryAfter) {
    auto c = client();
    for (int i = 0; i < 4; ++i) EXPECT_EQ(c.log_in("teda_admin", "Wrong-password-1").status, 401);
    auto fifth = c.log_in("teda_admin", "Wrong-password-1");
    EXPECT_EQ(fifth.status, 429);
    auto retry = std::stoi(fifth.header("retry-after").value_or("0"));
    EXPECT_GT(retry, 14 * 60);
    EXPECT_LE(retry, 15 * 60);
    EXPECT_NE(fifth.json()["error"]["message"].get<std::string>().find("锁定"), std::string::npos);
    // Even the right password is refused while locked.
    EXPECT_EQ(c.log_in("teda_admin", password_of("teda_admin")).status, 429);
    auto events = store->audit_events(0, 100000);
    int failures = 0, locks = 0;
    for (const auto& e : events) {
        if (e.action == "user.login_failed" && e.object == "user:teda_admin") ++failures;
        if (e.action == "user.locked" && e.object == "user:teda_admin") ++locks;
    }
    EXPECT_EQ(failures, 5);
    EXPECT_EQ(locks, 1);
}

TEST_F(WebTest, LogoutEndsTheSession) {
    auto c = logged_in("binhai_admin");
    auto cookies = c.cookies;
    EXPECT_EQ(c.json("DELETE", "/api/v1/session", nullptr).status, 204);
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
    c.cookies = cookies;  // the old token no longer works either
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_F(WebTest, IdleSessionExpiresAfterThirtyMinutes) {
    auto c = logged_in("binhai_admin");
    auto sessions = store->sessions_of(store->find_user_by_username("binhai_admin")->id);
    ASSERT_EQ(sessions.size(), 1u);
    store->touch_session(sessions[0].token_hash, now_utc() - std::chrono::minutes(29));
    EXPECT_EQ(c.get("/api/v1/me").status, 200);
    store->touch_session(sessions[0].token_hash, now_utc() - std::chrono::minutes(31));
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
    EXPECT_FALSE(store->find_session(sessions[0].token_hash));
}

TEST_F(WebTest, UserCanListAndEndTheirSessions) {
    auto first = logged_in("binhai_admin");
    auto second = logged_in("binhai_admin");
    auto list = first.get("/api/v1/me/sessions");
    ASSERT_EQ(list.status, 200);
    auto sessions = list.json()["sessions"];
    ASSERT_EQ(sessions.size(), 2u);
    std::string other;
    for (const auto& s : sessions) {
        if (!s["current"].get<bool>()) other = s["id"];
    }
    ASSERT_FALSE(other.empty());
    EXPECT_EQ(first.json("DELETE", "/api/v1/me/sessions/" + other, nullptr).status, 204);
    EXPECT_EQ(second.get("/api/v1/me").status, 401);
    EXPECT_EQ(first.get("/api/v1/me").status, 200);
    // Another user's session cannot be named.
    auto third = logged_in("teda_admin");
    EXPECT_EQ(third.json("DELETE", "/api/v1/me/sessions/" + other, nullptr).status, 404);
}

TEST_F(WebTest, NewAccountMustChangeItsPasswordBeforeAnythingElse) {
    auto admin = logged_in("binhai_admin");
    auto created = admin.json("POST", "/api/v1/users",
                              {{"username", "li_si"}, {"display_name", "李四"}, {"unit", "bh_xinhe"},
                               {"roles", {"worker"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string temporary = created.json()["temporary_password"];
    EXPECT_TRUE(check_password_policy(temporary).empty());

    auto c = client();
    auto login = c.log_in("li_si", temporary);
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(login.json()["pending"], "password");
    auto blocked = c.get("/api/v1/units/bh_xinhe");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.json()["error"]["code"], "password_change_required");

    auto weak = c.json("POST", "/api/v1/me/password",
                       {{"current_password", temporary}, {"new_password", "12345678"}});
    EXPECT_EQ(weak.status, 400);
    EXPECT_TRUE(weak.json()["error"]["fields"].contains("new_password"));
    auto changed = c.json("POST", "/api/v1/me/password",
                          {{"current_password", temporary}, {"new_password", "Xinhe-Union-2023"}});
    EXPECT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(c.get("/api/v1/units/bh_xinhe").status, 200);
}

TEST_F(WebTest, SysadminNeedsTheSecondFactor) {
    auto c = client();
    auto without = c.log_in("sysadmin", password_of("sysadmin"));
    EXPECT_EQ(without.status, 400);
    EXPECT_TRUE(without.json()["error"]["fields"].contains("totp"));
    auto wrong = c.log_in("sysadmin", password_of("sysadmin"), "000000");
    EXPECT_EQ(wrong.status, 400);
    auto right = c.log_in("sysadmin", password_of("sysadmin"),
                          totp_code(totp_secrets.at("sysadmin"), now_utc()));
    EXPECT_EQ(right.status, 200) << right.body;
}

TEST_F(WebTest, UserCanTurnOnTwoFactorLogin) {
    auto c = logged_in("binhai_editor");
    auto begin = c.json("POST", "/api/v1/me/totp", nullptr);
    ASSERT_EQ(begin.status, 200) << begin.body;
    std::string secret = begin.json()["secret"];
    EXPECT_EQ(c.json("POST", "/api/v1/me/totp/confirm", {{"secret", secret}, {"totp", "123"}}).status,
              400);
    EXPECT_EQ(c.json("POST", "/api/v1/me/totp/confirm",
                     {{"secret", secret}, {"totp", totp_code(secret, now_utc())}})
                  .status,
              204);
    auto again = client();
    EXPECT_EQ(again.log_in("binhai_editor", password_of("binhai_editor")).status, 400);
    EXPECT_EQ(again.log_in("binhai_editor", password_of("binhai_editor"), totp_code(secret, now_utc()))
                  .status,
              200);
}

class SessionEngineTest : public EngineWebTest {};

TEST_P(SessionEngineTest, ABrowserNameThatIsLongOrNotUtf8IsKeptAsValidTextAndTheLoginWorks) {
    // 299 bytes, then a three-byte character that a cut at 300 bytes would split, then bytes that
    // are not UTF-8 at all: PostgreSQL refuses such text, which would fail the login.
    const std::string agent = std::string(299, 'a') + "网\xff\xfe";
    auto c = client();
    const nlohmann::json body = {{"username", "binhai_admin"},
                                 {"password", password_of("binhai_admin")}};
    auto answer = c.request("POST", "/api/v1/session", body.dump(),
                            {{"Content-Type", "application/json"}, {"User-Agent", agent}});
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto sessions = c.get("/api/v1/me/sessions");
    ASSERT_EQ(sessions.status, 200);
    EXPECT_EQ(sessions.json()["sessions"][0]["user_agent"], std::string(299, 'a'));

    auto other = client();
    answer = other.request("POST", "/api/v1/session", body.dump(),
                           {{"Content-Type", "application/json"}, {"User-Agent", "手机\xff"}});
    ASSERT_EQ(answer.status, 200) << answer.body;
    bool found = false;
    const auto listed = other.get("/api/v1/me/sessions").json();
    for (const auto& s : listed["sessions"]) {
        found |= s["user_agent"] == "手机\uFFFD";
    }
    EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionEngineTest, store::testing::engines(),
                         store::testing::engine_name);

}  // namespace
}  // namespace wangju::testing
