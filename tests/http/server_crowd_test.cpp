// The server under a crowd: every connection gets its turn, and one address cannot hold the
// server. Behaviour, not time: nothing here asserts how long anything takes.
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

#include "test_server.h"

namespace wangju::http::testing {
namespace {

// Raises this process's open-file limit to its ceiling: the crowd needs a descriptor per client
// socket and another per server socket.
rlim_t raise_open_file_limit() {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

// One client connection of the crowd, driven by poll(): it sends a request, waits for the whole
// answer, and sends the next.
struct CrowdConnection {
    int fd = -1;
    std::string buffer;
    int answered = 0;
    int ok = 0;
    bool closed = false;
};

int connect_without_waiting(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) throw std::runtime_error("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
        errno != EINPROGRESS) {
        ::close(fd);
        throw std::runtime_error("connect");
    }
    return fd;
}

// Takes every complete answer out of the connection's buffer; returns how many there were.
int take_answers(CrowdConnection& connection) {
    int taken = 0;
    for (;;) {
        auto header_end = connection.buffer.find("\r\n\r\n");
        if (header_end == std::string::npos) return taken;
        auto head = connection.buffer.substr(0, header_end);
        std::transform(head.begin(), head.end(), head.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto length_at = head.find("content-length:");
        if (length_at == std::string::npos) throw std::runtime_error("an answer without length");
        auto length = std::stoul(head.substr(length_at + 15));
        if (connection.buffer.size() < header_end + 4 + length) return taken;
        if (head.starts_with("http/1.1 200")) ++connection.ok;
        connection.buffer.erase(0, header_end + 4 + length);
        ++connection.answered;
        ++taken;
    }
}

bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        auto sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (sent <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

TEST(ServerCrowd, EveryConnectionIsAnsweredInTurn) {
    constexpr int kConnections = 500;
    constexpr int kRequests = 50;
    ASSERT_GE(raise_open_file_limit(), 2 * kConnections + 200)
        << "the open-file limit is too low for the crowd";
    auto config = loopback_config(2, 4);
    config.max_connections_per_address = 0;
    RunningServer server(config, [](Router& router) {
        router.add("GET", "/hello", [](Request&) { return Response::text("你好"); });
    });

    // Every connection is open (the kernel completes the handshake whether or not the server
    // has taken the connection yet) before the first request is sent, so all start together.
    std::vector<CrowdConnection> crowd(kConnections);
    for (auto& connection : crowd) connection.fd = connect_without_waiting(server.port());
    for (auto& connection : crowd) {
        pollfd writable{connection.fd, POLLOUT, 0};
        ASSERT_EQ(::poll(&writable, 1, 10000), 1) << "a connection was not made";
        int failure = 0;
        socklen_t size = sizeof failure;
        ::getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &failure, &size);
        ASSERT_EQ(failure, 0) << "a connection was refused";
    }
    const std::string request = "GET /hello HTTP/1.1\r\nHost: crowd\r\n\r\n";
    for (auto& connection : crowd) ASSERT_TRUE(send_all(connection.fd, request));

    int finished = 0;
    int least_when_first_finished = -1;
    std::vector<pollfd> waiting;
    std::vector<CrowdConnection*> waiting_for;
    while (finished < kConnections) {
        waiting.clear();
        waiting_for.clear();
        for (auto& connection : crowd) {
            if (connection.closed || connection.answered == kRequests) continue;
            waiting.push_back({connection.fd, POLLIN, 0});
            waiting_for.push_back(&connection);
        }
        // A guard against a server that stops answering, not a limit on its speed.
        int ready = ::poll(waiting.data(), waiting.size(), 60000);
        ASSERT_GT(ready, 0) << "no connection had an answer for a minute";
        for (std::size_t i = 0; i < waiting.size(); ++i) {
            if (waiting[i].revents == 0) continue;
            auto& connection = *waiting_for[i];
            char chunk[16384];
            auto got = ::recv(connection.fd, chunk, sizeof chunk, 0);
            if (got <= 0) {
                connection.closed = true;
                ++finished;
                continue;
            }
            connection.buffer.append(chunk, static_cast<std::size_t>(got));
            int before = connection.answered;
            take_answers(connection);
            if (connection.answered == before) continue;
            if (connection.answered < kRequests) {
                ASSERT_TRUE(send_all(connection.fd, request));
                continue;
            }
            ++finished;
            if (least_when_first_finished < 0) {
                least_when_first_finished = kRequests;
                for (const auto& other : crowd)
                    least_when_first_finished = std::min(least_when_first_finished, other.answered);
            }
        }
    }
    for (auto& connection : crowd) ::close(connection.fd);
    server.stop();

    int served_fully = 0;
    for (const auto& connection : crowd)
        served_fully += connection.answered == kRequests && connection.ok == kRequests;
    EXPECT_EQ(served_fully, kConnections) << "connections answered all " << kRequests
                                          << " times with 200";
    // A starved connection would still be waiting for its first answers here.
    EXPECT_GE(least_when_first_finished, kRequests / 2)
        << "when the first connection had all its answers, one had only "
        << least_when_first_finished;
}

// Starts a server whose clients may hold `cap` connections each.
std::unique_ptr<RunningServer> capped_server(std::size_t cap, bool trust_forwarded) {
    auto config = loopback_config(1, 2);
    config.max_connections_per_address = cap;
    config.trust_forwarded = trust_forwarded;
    return std::make_unique<RunningServer>(config, [](Router& router) {
        router.add("GET", "/hello", [](Request& request) {
            return Response::text("你好 " + request.client_address);
        });
    });
}

ClientResponse hello(TestClient& client, const std::string& forwarded_for = "") {
    std::string extra =
        forwarded_for.empty() ? std::string() : "X-Forwarded-For: " + forwarded_for + "\r\n";
    client.send("GET /hello HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n");
    return client.read_response();
}

TEST(ServerCrowd, OneAddressCannotHoldTheServer) {
    auto server = capped_server(3, false);
    std::vector<std::unique_ptr<TestClient>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<TestClient>(server->port()));
        EXPECT_EQ(hello(*held.back()).status, 200);
    }

    TestClient fourth(server->port());
    auto refused = fourth.read_response();
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("retry-after"), "5");
    EXPECT_NE(refused.body.find("来自同一地址的连接过多"), std::string::npos) << refused.body;
    EXPECT_TRUE(fourth.closed_by_server());

    // Another address is served meanwhile, and the held connections go on being served.
    TestClient other(server->port(), 5, "127.0.0.2");
    auto answer = hello(other);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, "你好 127.0.0.2");
    EXPECT_EQ(hello(*held.front()).status, 200);

    // A connection closed gives its place back.
    held.pop_back();
    bool served = false;
    for (int attempt = 0; attempt < 100 && !served; ++attempt) {
        TestClient again(server->port());
        auto response = hello(again);
        served = response.status == 200;
        if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(served) << "the closed connection's place was not given back";

    auto text = server->metrics.render_prometheus();
    EXPECT_NE(text.find("wangju_http_connections_refused_total{reason=\"per_address\"} "),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("wangju_http_connections_refused_total{reason=\"per_address\"} 0"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("wangju_http_connections_open "), std::string::npos) << text;
    server->stop();
}

TEST(ServerCrowd, BehindATrustedProxyTheForwardedAddressIsCounted) {
    auto server = capped_server(2, true);
    TestClient first(server->port());
    TestClient second(server->port());
    EXPECT_EQ(hello(first, "203.0.113.7").body, "你好 203.0.113.7");
    EXPECT_EQ(hello(second, "203.0.113.7").status, 200);

    TestClient third(server->port());
    auto refused = hello(third, "203.0.113.7");
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("retry-after"), "5");
    EXPECT_NE(refused.body.find("来自同一地址的连接过多"), std::string::npos) << refused.body;

    // The proxy's own address is not what counts: another client through it is served.
    TestClient fourth(server->port());
    EXPECT_EQ(hello(fourth, "203.0.113.8").body, "你好 203.0.113.8");
    EXPECT_EQ(hello(first, "203.0.113.7").status, 200);
    server->stop();
}

}  // namespace
}  // namespace wangju::http::testing
