// Bad input gets 4xx, never 5xx, on every route: a test generated from the router. Each route with
// a path parameter gets bad path values; each route that takes a body gets a corpus of bad bodies
// (broken JSON, the wrong shape, every field the API reads set to a wrong type or an out-of-range
// number, a form or a broken multipart where JSON is expected); both as a visitor and as the
// system admin with its CSRF token. Afterwards the server still answers and the data is unchanged:
// the row count of every table and the head of the audit chain.
//
// A new route is covered without a new line here, and so is a new field: the fields are the JSON
// keys the web layer's sources read.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "store/audit_log.h"
#include "store/rows.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Json = nlohmann::json;

struct Body {
    std::string what;
    std::string content_type;
    std::string bytes;
};

// The JSON keys the web layer reads: body["name"], .contains("name"), .value("name", ...),
// text("name"), number_of(form, "name", ...).
std::set<std::string> field_names() {
    const char* source = std::getenv("WANGJU_SOURCE");
    std::set<std::string> names;
    if (!source) return names;
    const std::regex key(R"re((?:\[|contains\(|value\(|text\(|at\()"([a-z][a-z0-9_]{1,40})")re");
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(source) / "src/web")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) {
            names.insert((*it)[1].str());
        }
    }
    return names;
}

// One object with every field set to `value`.
std::string every_field(const std::set<std::string>& fields, const std::string& value) {
    std::string out = "{";
    for (const auto& f : fields) {
        if (out.size() > 1) out += ",";
        out += "\"" + f + "\":" + value;
    }
    return out + "}";
}

std::vector<Body> bad_bodies(const std::set<std::string>& fields) {
    const std::string json = "application/json";
    std::vector<Body> out = {
        {"empty", json, ""},
        {"truncated JSON", json, R"({"name": "abc)"},
        {"an array for an object", json, "[]"},
        {"null for an object", json, "null"},
        {"deep nesting", json, std::string(5000, '[') + std::string(5000, ']')},
        {"invalid UTF-8", json, "{\"name\": \"\xff\xfe\xc3\"}"},
        {"a NUL", json, std::string("{\"name\": \"a\0b\"}", 16)},
        {"a lone surrogate", json, R"({"name": "\ud800"})"},
        {"a form where JSON is expected", "application/x-www-form-urlencoded",
         "name=%ZZ&id=abc&csrf=%"},
        {"a broken multipart", "multipart/form-data; boundary=XYZ",
         "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"},
        // Over the body limit of every route that takes JSON (each field's own limit is the
        // domain tests' matter: a long string within it may be a good reason or title).
        {"a string over the limits", json, "{\"name\": \"" + std::string(70000, 'x') + "\"}"},
    };
    const std::pair<const char*, std::string> values[] = {
        {"numbers out of range", "1e400"},
        {"2^64", "18446744073709551616"},
        {"negative numbers", "-1"},
        {"arrays", "[]"},
        {"objects", "{\"a\":1e400}"},
        {"true", "true"},
        {"floats", "0.5"},
    };
    for (const auto& [what, value] : values) {
        out.push_back({"every field set to " + std::string(what), json, every_field(fields, value)});
    }
    return out;
}

const std::vector<std::pair<std::string, std::string>> kBadPathValues = {
    {"0", "0"},
    {"-1", "-1"},
    {"2^64", "18446744073709551616"},
    {"..%2F", "..%2F..%2Fetc%2Fpasswd"},
    {"half a UTF-8 sequence", "%E5%9B"},
    {"5,000 characters", std::string(5000, '9')},
};

// Routes that take no input beyond the session and the query, and act whatever the body: logging
// out, starting to enrol a TOTP key, sending the reminders due, confirming the organisation awards
// of the unit and level in the query. They may answer as they do, below 500, and are not called
// on the demo's own records.
const std::set<std::string> kNoInput = {
    "DELETE /api/v1/session",
    "DELETE /api/v1/voters/session",
    "POST /logout",
    "POST /voters/logout",
    "POST /api/v1/me/totp",
    "POST /account/totp/begin",
    "POST /campaigns/{id}/reminders",
    "POST /api/v1/campaigns/{id}/organisation-awards/confirm",
    "POST /api/v1/campaigns/{id}/organisation-awards/unconfirm",
    "POST /campaigns/{id}/organisation-awards/confirm",
    "POST /campaigns/{id}/organisation-awards/unconfirm",
};

std::string filled(const std::string& pattern, const std::string& value) {
    static const std::regex param(R"(\{[a-z_]+\})");
    return std::regex_replace(pattern, param, value);
}

bool takes_body(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

class BadRequestCorpusTest : public WebTest {
  protected:
    struct Fingerprint {
        std::map<std::string, long long> rows;
        long long audit_seq = 0;
        std::string audit_hash;
        bool operator==(const Fingerprint&) const = default;
    };

    Fingerprint fingerprint() {
        return store->database().read([](soci::session& s) {
            Fingerprint f;
            for (const auto& table : store::fetch_values<std::string>(
                     s, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                        "'sqlite_%' ORDER BY name")) {
                // Sessions are touched by every request a logged-in client makes.
                if (table.find("session") != std::string::npos) continue;
                long long n = 0;
                s << "SELECT count(*) FROM \"" + table + "\"", soci::into(n);
                f.rows[table] = n;
            }
            const auto head = store::audit_head(s);
            f.audit_seq = head.seq;
            f.audit_hash = head.hash;
            return f;
        });
    }

    // Sends one request and records it when it is not answered 4xx, by route and status. A
    // visitor asking for a page that needs a login is sent to the login page.
    void send(HttpClient& c, const std::string& who, const http::Router::RouteName& route,
              const std::string& target, const Body& body) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!body.content_type.empty()) headers.emplace_back("Content-Type", body.content_type);
        if (!c.csrf_token.empty()) headers.emplace_back("X-CSRF-Token", c.csrf_token);
        const auto answer = c.request(route.method, target, body.bytes, headers);
        ++sent;
        if (answer.status >= 400 && answer.status < 500) return;
        // A page that needs a login (as a voter, say) sends there whoever is not.
        const bool to_login = answer.status == 303 &&
                              answer.header("location").value_or("").starts_with("/login");
        if (to_login && !route.pattern.starts_with("/api/")) return;
        if (answer.status < 500 && kNoInput.count(route.method + " " + route.pattern)) return;
        auto& failure = failures[who + " " + route.method + " " + route.pattern + " → " +
                                 std::to_string(answer.status)];
        if (failure.empty()) {
            failure = "(" + body.what + ") " + target.substr(0, 80) + ": " +
                      answer.body.substr(0, 160);
        }
    }

    long long sent = 0;
    std::map<std::string, std::string> failures;  // by route and status: the first example
};

TEST_F(BadRequestCorpusTest, EveryRouteAnswersBadInputWith4xxAndChangesNothing) {
    const auto fields = field_names();
    ASSERT_GT(fields.size(), 50u) << "WANGJU_SOURCE names the source tree";
    const auto bodies = bad_bodies(fields);
    // Certificates of published awards are issued by whoever first reads the awards: read them
    // now, so that a request of the corpus that reads them is not taken for one that stores.
    for (const auto& campaign : web->campaigns.campaigns()) {
        web->exhibition.public_awards(campaign.id, now_utc());
    }
    const Fingerprint before = fingerprint();

    HttpClient visitor = client();
    HttpClient admin = logged_in("sysadmin");
    const std::string admin_csrf = admin.csrf_token;
    int routes = 0, relogins = 0;
    for (const auto& route : router->route_names()) {
        const bool has_params = route.pattern.find('{') != std::string::npos;
        if (!has_params && !takes_body(route.method)) continue;
        ++routes;
        for (auto* c : {&visitor, &admin}) {
            const std::string who = c == &visitor ? "visitor" : "admin";
            if (has_params) {
                for (const auto& [what, value] : kBadPathValues) {
                    send(*c, who, route, filled(route.pattern, value),
                         {"path value " + what, "", ""});
                }
            }
            if (takes_body(route.method)) {
                // Ids that name nothing, and then, where the route takes input, the first of
                // each kind (the demo has them), so that the body is read.
                for (const auto& body : bodies) {
                    send(*c, who, route, filled(route.pattern, "987654321"), body);
                }
                if (has_params && !kNoInput.count(route.method + " " + route.pattern)) {
                    for (const auto& body : bodies) {
                        send(*c, who, route, filled(route.pattern, "1"), body);
                    }
                }
            }
        }
        // A route that ends the session (logging out) ends it whatever the body: log in again.
        if (admin.get("/api/v1/me").status == 401) {
            admin = logged_in("sysadmin");
            ++relogins;
        }
    }
    std::cout << "sent " << sent << " bad requests to " << routes << " routes (" << fields.size()
              << " field names); logged in again " << relogins << " times\n";

    std::string listed;
    for (const auto& [where, example] : failures) listed += where + " " + example + "\n";
    EXPECT_TRUE(failures.empty()) << failures.size() << " routes answer bad input otherwise than "
                                  << "4xx:\n" << listed;
    // Still answering, and nothing stored.
    EXPECT_EQ(client().get("/healthz").status, 200);
    const Fingerprint after = fingerprint();
    for (const auto& [table, n] : before.rows) {
        // The log, and the attempts counted per client address (throttle_events: the failed
        // logins among the bad requests), grow; nothing else may.
        if (table == "audit_events" || table == "throttle_events") continue;
        EXPECT_EQ(after.rows.at(table), n) << table;
    }
    // The logins of this test and what the no-input routes did are the only events it may add.
    std::string added;
    for (const auto& event : store->audit_events(before.audit_seq, 1000)) {
        // A login attempt with a name that does not exist is recorded, as every failed login.
        if (event.action != "user.login" && event.action != "user.login_failed" &&
            !event.action.starts_with("session."))
            added += event.action + " " + event.object + "\n";
    }
    EXPECT_TRUE(added.empty()) << added;
}

}  // namespace
}  // namespace wangju::testing
