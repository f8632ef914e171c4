// A WebTest whose mailbox has a fixed key and an attachments folder, with helpers that send and
// follow letters the way a writer's browser or an API client would.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "support/multipart.h"
#include "support/web_fixture.h"

namespace wangju::testing {

class MailboxTest : public WebTest {
  protected:
    void configure(web::WebConfig& config) override;

    // A valid letter body for POST /api/v1/letters, addressed to `unit` ("" for the site's unit).
    static nlohmann::json letter_json(const std::string& unit = "");
    struct Sent {
        std::string code, secret;
    };
    // Sends letter_json(unit) over the API; fails the test unless the answer is 201.
    Sent send(const std::string& unit = "");
    // GET /api/v1/letters/{code} with the secret in X-Letter-Secret.
    HttpAnswer track(const std::string& code, const std::string& secret);
    // POST /api/v1/letters/{code}/{action} as `c` (logged in) with `body`.
    static HttpAnswer act(HttpClient& c, const std::string& code, const std::string& action,
                          const nlohmann::json& body = nlohmann::json::object());
    // Counts audit events with this action.
    std::size_t events_named(const std::string& action);
    // An application/x-www-form-urlencoded POST.
    static HttpAnswer post_form(HttpClient& c, const std::string& target, const std::string& body);
};

}  // namespace wangju::testing
