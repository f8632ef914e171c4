// A small blocking HTTP/1.1 client for tests: one request per connection ("Connection: close"),
// reads the answer to the end.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wangju::testing {

struct HttpAnswer {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::optional<std::string> header(const std::string& name) const;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

class HttpClient {
public:
    explicit HttpClient(std::uint16_t port) : port_(port) {}
    // Sends the cookies it has received so far, like a browser.
    HttpAnswer request(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {});
    HttpAnswer get(const std::string& target) { return request("GET", target); }
    // A JSON request; adds the CSRF token when one is set.
    HttpAnswer json(const std::string& method, const std::string& target,
                    const nlohmann::json& body);
    // Logs in over the API and keeps the cookie and the CSRF token.
    HttpAnswer log_in(const std::string& username, const std::string& password,
                      const std::string& totp = "");

    std::string csrf_token;
    std::map<std::string, std::string> cookies;

private:
    std::uint16_t port_;
};

// Sends raw bytes and returns everything read until the server closes or `timeout_ms` passes.
std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms = 3000);

}  // namespace wangju::testing
