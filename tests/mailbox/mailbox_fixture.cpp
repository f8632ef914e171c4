#include "mailbox_fixture.h"

#include "http/message.h"

namespace wangju::testing {

void MailboxTest::configure(web::WebConfig& config) {
    config.letter_key = std::string(32, 'k');
    config.letter_files_dir = dir / "letters";
}

nlohmann::json MailboxTest::letter_json(const std::string& unit) {
    return {{"unit", unit},
            {"writer_name", "李明"},
            {"phone", "13820001234"},
            {"address", "第三大街 18 号"},
            {"workplace", "泰达汽车零部件有限公司"},
            {"category", "rights"},
            {"title", "加班费未足额发放"},
            {"body", "今年七月和八月的周末加班,公司只按平时工资发放加班费。"},
            {"may_publish", true}};
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

std::string multipart_body(const std::vector<Part>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += "--XyZboundary42\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) {
            body += "; filename=\"" + p.filename + "\"\r\nContent-Type: application/octet-stream";
        }
        body += "\r\n\r\n" + p.bytes + "\r\n";
    }
    return body + "--XyZboundary42--\r\n";
}

std::string tiny_png() {
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
        0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
        0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(png), sizeof png);
}

}  // namespace wangju::testing
