// A small blocking HTTP/1.1 client over POSIX sockets, for talking to a real Server in tests.
// It reads exactly what the server sends, so tests can check keep-alive, pipelining and closes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wangju::http::testing {

struct ClientResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string header(const std::string& lower_case_name) const {
        auto found = headers.find(lower_case_name);
        return found == headers.end() ? std::string() : found->second;
    }
    bool has_header(const std::string& lower_case_name) const {
        return headers.count(lower_case_name) > 0;
    }
};

class TestClient {
  public:
    // `from`: the loopback address to connect from (127.0.0.2, …); the default one otherwise.
    explicit TestClient(std::uint16_t port, int receive_timeout_seconds = 5,
                        const char* from = nullptr) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        timeval timeout{receive_timeout_seconds, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (from) {
            sockaddr_in source{};
            source.sin_family = AF_INET;
            if (::inet_pton(AF_INET, from, &source.sin_addr) != 1 ||
                ::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
                ::close(fd_);
                throw std::runtime_error("bind");
            }
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd_);
            throw std::runtime_error("connect");
        }
    }
    ~TestClient() { ::close(fd_); }
    TestClient(const TestClient&) = delete;
    TestClient& operator=(const TestClient&) = delete;

    void send(std::string_view data) {
        while (!data.empty()) {
            auto sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent <= 0) throw std::runtime_error("send");
            data.remove_prefix(static_cast<std::size_t>(sent));
        }
    }

    // Reads one response; a HEAD answer has no body whatever its Content-Length says.
    ClientResponse read_response(bool head = false) {
        auto header_end = buffer_.find("\r\n\r\n");
        while (header_end == std::string::npos) {
            if (!fill()) throw std::runtime_error("closed before a complete header");
            header_end = buffer_.find("\r\n\r\n");
        }
        ClientResponse response = parse_head(buffer_.substr(0, header_end));
        buffer_.erase(0, header_end + 4);
        if (head || response.status == 304 || response.status == 204) return response;
        if (response.has_header("content-length")) {
            auto length = std::stoull(response.header("content-length"));
            while (buffer_.size() < length) {
                if (!fill()) throw std::runtime_error("closed before the whole body");
            }
            response.body = buffer_.substr(0, length);
            buffer_.erase(0, length);
        } else {
            while (fill()) {
            }
            response.body = std::move(buffer_);
            buffer_.clear();
        }
        return response;
    }

    // True when the server closed the connection (rather than sending more or staying silent).
    bool closed_by_server() {
        if (!buffer_.empty()) return false;
        char byte;
        auto got = ::recv(fd_, &byte, 1, 0);
        return got == 0 || (got < 0 && errno == ECONNRESET);
    }

  private:
    bool fill() {
        char chunk[16384];
        auto got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            throw std::runtime_error("timed out waiting for the server");
        if (got <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(got));
        return true;
    }

    static ClientResponse parse_head(const std::string& head) {
        ClientResponse response;
        auto line_end = head.find("\r\n");
        auto status_line = head.substr(0, line_end);
        response.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
        std::size_t at = line_end == std::string::npos ? head.size() : line_end + 2;
        while (at < head.size()) {
            auto end = head.find("\r\n", at);
            if (end == std::string::npos) end = head.size();
            auto line = head.substr(at, end - at);
            auto colon = line.find(':');
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            response.headers[name] = value;
            at = end + 2;
        }
        return response;
    }

    int fd_ = -1;
    std::string buffer_;
};

// One request on its own connection.
inline ClientResponse fetch(std::uint16_t port, const std::string& target,
                            const std::string& extra_headers = "",
                            const std::string& method = "GET") {
    TestClient client(port);
    client.send(method + " " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers +
                "Connection: close\r\n\r\n");
    return client.read_response(method == "HEAD");
}

}  // namespace wangju::http::testing
