#include "mailbox_fixture.h"

#include "http/message.h"
#include "support/sample_letter.h"

namespace wangju::testing {

void MailboxTest::configure(web::WebConfig& config) {
    config.letter_key = std::string(32, 'k');
    config.letter_files_dir = dir / "letters";
}

nlohmann::json MailboxTest::letter_json(const std::string& unit) {
    return sample_letter(unit);
}

MailboxTest::Sent MailboxTest::send(const std::string& unit) {
    auto c = client();
    auto answer = c.json("POST", "/api/v1/letters", letter_json(unit));
    EXPECT_EQ(answer.status, 201) << answer.body;
    if (answer.status != 201) return {};
    auto j = answer.json();
    return {j.at("code").get<std::string>(), j.at("secret").get<std::string>()};
}

HttpAnswer MailboxTest::track(const std::string& code, const std::string& secret) {
    return client().request("GET", "/api/v1/letters/" + code, "", {{"X-Letter-Secret", secret}});
}

HttpAnswer MailboxTest::act(HttpClient& c, const std::string& code, const std::string& action,
                            const nlohmann::json& body) {
    return c.json("POST", "/api/v1/letters/" + code + "/" + action, body);
}

std::size_t MailboxTest::events_named(const std::string& action) {
    std::size_t n = 0;
    for (const auto& e : store->audit_events(0, 100000)) n += e.action == action ? 1 : 0;
    return n;
}

HttpAnswer MailboxTest::post_form(HttpClient& c, const std::string& target,
                                  const std::string& body) {
    return c.request("POST", target, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

}  // namespace wangju::testing
