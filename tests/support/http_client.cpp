#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace wangju::testing {
namespace {

int connect_to(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to the test server");
    }
    return fd;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

HttpAnswer parse_answer(const std::string& raw) {
    HttpAnswer answer;
    auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos) throw std::runtime_error("no complete answer: " + raw);
    std::string head = raw.substr(0, head_end);
    answer.body = raw.substr(head_end + 4);
    std::size_t line_end = head.find("\r\n");
    answer.status = std::stoi(head.substr(9, 3));
    while (line_end != std::string::npos) {
        std::size_t next = head.find("\r\n", line_end + 2);
        std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos
                                                                               : next - line_end - 2);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            answer.headers.emplace(lower(line.substr(0, colon)), value);
        }
        line_end = next;
    }
    return answer;
}

}  // namespace

std::optional<std::string> HttpAnswer::header(const std::string& name) const {
    auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms) {
    int fd = connect_to(port);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string out;
    char buffer[16384];
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, timeout_ms) > 0) {
        auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

HttpAnswer HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               std::vector<std::pair<std::string, std::string>> headers) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookies.empty()) {
        std::string cookie;
        for (const auto& [k, v] : cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
        req += "Cookie: " + cookie + "\r\n";
    }
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    auto answer = parse_answer(raw_exchange(port_, req, 10000));
    for (auto [it, end] = answer.headers.equal_range("set-cookie"); it != end; ++it) {
        auto& v = it->second;
        auto eq = v.find('=');
        auto semi = v.find(';');
        std::string name = v.substr(0, eq);
        std::string value = v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        if (value.empty() || v.find("Max-Age=0") != std::string::npos) {
            cookies.erase(name);
        } else {
            cookies[name] = value;
        }
    }
    return answer;
}

HttpAnswer HttpClient::json(const std::string& method, const std::string& target,
                            const nlohmann::json& body) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}};
    if (!csrf_token.empty()) headers.emplace_back("X-CSRF-Token", csrf_token);
    return request(method, target, body.is_null() ? "" : body.dump(), headers);
}

HttpAnswer HttpClient::log_in(const std::string& username, const std::string& password,
                              const std::string& totp) {
    nlohmann::json body = {{"username", username}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    auto answer = json("POST", "/api/v1/session", body);
    if (answer.status == 200) csrf_token = answer.json().at("csrf_token").get<std::string>();
    return answer;
}

}  // namespace wangju::testing
