// What the public vote's HTTP tests share: a real server holding the demo on each engine, with an
// easy proof-of-work challenge, and voters who sign up through the API as the widget would.
#pragma once

#include "domain/altcha.h"
#include "support/web_fixture.h"

namespace wangju::testing {

class VoteFixture : public EngineWebTest {
  protected:
    void configure(web::WebConfig& config) override {
        config.altcha_maxnumber = 3000;
        // The key the proof-of-work key derives from, shared by every server of the test.
        config.letter_key = std::string(32, 's');
    }

    // A fresh solution, as the widget would post it.
    std::string solved() {
        auto challenge = client().get("/api/v1/altcha/challenge");
        EXPECT_EQ(challenge.status, 200);
        EXPECT_EQ(challenge.header("cache-control"), "no-store");
        return *solve_altcha(challenge.json());
    }

    // A new voter, signed up and logged in.
    HttpClient voter(const std::string& username) {
        HttpClient c = client();
        auto a = c.json(
            "POST", "/api/v1/voters",
            {{"username", username}, {"password", "Vote-for-good-2023"}, {"altcha", solved()}});
        EXPECT_EQ(a.status, 201) << a.body;
        c.csrf_token = a.json()["csrf_token"];
        return c;
    }
};

}  // namespace wangju::testing
