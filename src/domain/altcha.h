// The proof-of-work challenge that guards voter sign-up, votes and objections: the original ALTCHA
// protocol, which the `altcha` widget (npm, pinned at 2.3.0) solves in the visitor's browser. No
// outside service is asked and nothing personal is kept.
//
// No C++ library implements the server side of ALTCHA, so it is written here on libsodium's
// SHA-256 and HMAC-SHA256:
// - challenge: `salt` is random hex followed by "?expires=<unix seconds>&issued=<unix
//   milliseconds>" (the widget reads `expires`; a salt may carry parameters); the server picks a
//   secret `number` in [0, maxnumber]; `challenge` = hex SHA-256(salt + decimal number);
//   `signature` = hex HMAC-SHA256(key, challenge). The widget gets
//   {"algorithm":"SHA-256","challenge","maxnumber","salt","signature"}.
// - solution: the widget finds the number by trying every one from 0 and posts base64 of
//   {"algorithm","challenge","number","salt","signature","took"}. The server checks the
//   signature (so the challenge is its own), the hash, and the expiry; the caller then accepts each
//   challenge once (the spent solutions are stored).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/time.h"

namespace wangju {

struct AltchaSettings {
    std::string key;  // the HMAC key: 32 raw bytes
    long maxnumber = 100'000;
    std::chrono::seconds lifetime{10 * 60};
};

// Challenges are made and solved to the millisecond.
using AltchaClock = std::chrono::sys_time<std::chrono::milliseconds>;

AltchaClock altcha_now();

// The challenge as the widget's challengeurl answers it.
nlohmann::json make_altcha_challenge(const AltchaSettings& settings, AltchaClock now);

struct AltchaSolution {
    std::string challenge;  // hex
    // The key under which the solution is spent, the same for every solution of one challenge:
    // the issue time's milliseconds (13 digits), ':' and the challenge. Keys so made sort in the
    // order their challenges were made, so the solutions spent in one moment are stored side by
    // side. A challenge whose salt names no issue time is its own key.
    std::string spent_key;
    AltchaClock issued_at{};  // when the server made the challenge
    Timestamp expires_at{};
    long number = 0;
};

// The solution in `payload` (the widget's base64 JSON), or Error(invalid_input) with field
// `field` and a message the visitor understands ("人机验证已过期,请重新验证"). Does not know
// whether the solution was used before: the caller checks that.
AltchaSolution verify_altcha(const AltchaSettings& settings, std::string_view payload,
                             Timestamp now, const std::string& field = "altcha");

// Finds the number of a challenge as the widget does, and returns the payload it would post; for
// tests and benchmarks. Empty when no number up to maxnumber fits.
std::optional<std::string> solve_altcha(const nlohmann::json& challenge);

}  // namespace wangju
