// Which connections the server takes: at most max_connections open, and at most
// max_connections_per_address from one client address; the others are answered 503 with
// Retry-After and closed, and counted for /metrics.
#include "http/connection.h"

#include <fmt/format.h>

namespace wangju::http {
namespace {

constexpr std::string_view kServerFull = "服务器繁忙,请稍后再试";

// The whole answer to a connection refused before its request is read: a 503 that says why.
std::string refusal_answer(std::string_view why) {
    std::string body = std::string(why) + "\n";
    return fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nServer: wangju\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\nRetry-After: {}\r\nConnection: close\r\n"
        "Content-Length: {}\r\n\r\n{}",
        kRefusedRetryAfterSeconds, body.size(), body);
}

// Answers a refused connection and closes it; the write may take two seconds at most.
asio::awaitable<void> refuse_connection(tcp::socket socket, std::string answer) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    beast::error_code ec;
    co_await asio::async_write(stream, asio::buffer(answer),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        co_await discard_unread_of(stream);
    }
    stream.close();
}

}  // namespace

std::string render_connection_counts(const ConnectionCounts& counts) {
    return fmt::format(
        "# HELP wangju_http_connections_open Client connections open now.\n"
        "# TYPE wangju_http_connections_open gauge\n"
        "wangju_http_connections_open {}\n"
        "# HELP wangju_http_connections_refused_total Connections answered 503 and closed at "
        "once: the server was full, or their address had as many open as one may have.\n"
        "# TYPE wangju_http_connections_refused_total counter\n"
        "wangju_http_connections_refused_total{{reason=\"server_full\"}} {}\n"
        "wangju_http_connections_refused_total{{reason=\"per_address\"}} {}\n",
        counts.open.load(), counts.refused_full.load(), counts.refused_address.load());
}

ServerCore::Admission ServerCore::admit(Connection* connection, std::weak_ptr<Connection> handle,
                                        const std::string& address) {
    std::lock_guard lock(mutex);
    if (stopping) return Admission::stopping;
    if (connections.size() >= config.max_connections) return Admission::full;
    if (!address.empty() && !count_address(address)) return Admission::address_full;
    connections.emplace(connection, std::move(handle));
    counts->open.store(connections.size());
    return Admission::admitted;
}

bool ServerCore::claim_address(const std::string& address) {
    std::lock_guard lock(mutex);
    return count_address(address);
}

bool ServerCore::count_address(const std::string& address) {
    if (config.max_connections_per_address == 0) return true;
    auto& open = per_address[address];
    if (open >= config.max_connections_per_address) return false;
    ++open;
    return true;
}

void ServerCore::forget(Connection* connection, const std::string& address) {
    std::lock_guard lock(mutex);
    if (!address.empty() && config.max_connections_per_address > 0) {
        auto found = per_address.find(address);
        if (found != per_address.end() && --found->second == 0) per_address.erase(found);
    }
    if (connections.erase(connection) == 0) return;
    counts->open.store(connections.size());
    if (connections.empty()) drained.notify_all();
}

void ServerCore::count_refusal(Admission reason) {
    if (reason == Admission::full) ++counts->refused_full;
    if (reason == Admission::address_full) ++counts->refused_address;
}

void ServerCore::refuse(tcp::socket socket, Admission reason) {
    count_refusal(reason);
    auto why = reason == Admission::full ? kServerFull : kAddressFull;
    auto executor = socket.get_executor();
    asio::co_spawn(executor, refuse_connection(std::move(socket), refusal_answer(why)),
                   asio::detached);
}

}  // namespace wangju::http
