// The HTTP server: Boost.Beast on Asio with C++20 coroutines on `io_threads` threads and one that
// takes new connections; handlers and static files run on a separate worker pool, never on an I/O
// thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "domain/error.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"

namespace wangju::http {

// Turns a typed error into the response the client sees (a Chinese page, or the API's JSON).
// Provided by the web layer; called for errors thrown by handlers and for errors the server
// itself finds (404, 405, 413, 408 where a response can still be sent).
using ErrorRenderer = std::function<Response(const Request&, const Error&)>;

struct ServerConfig {
    std::string listen = "127.0.0.1:8080";  // "ADDR:PORT"; port 0 picks a free one
    unsigned io_threads = 0;                // 0: one per core
    unsigned worker_threads = 0;            // 0: four per core, at least 16
    std::size_t max_header_bytes = 16 * 1024;
    // Open connections at most; the excess is answered 503 with Retry-After and closed.
    std::size_t max_connections = 16384;
    // Open connections from one client address at most (behind a trusted proxy, the address its
    // first request was forwarded for); the excess is answered 503 with Retry-After. 0: no cap.
    std::size_t max_connections_per_address = 256;
    std::chrono::seconds header_timeout{15};  // whole header must arrive within this (else 408)
    std::chrono::seconds body_timeout{60};    // body must keep arriving: no gap longer than this
    std::chrono::seconds idle_timeout{60};    // keep-alive connection with no request: closed
    std::chrono::seconds drain_timeout{20};   // on stop, in-flight requests get this long
    std::filesystem::path static_root;        // served under /static/; empty: none
    std::string access_log = "-";             // JSON lines: "-" stdout, "" none, else a file
    bool trust_forwarded = false;             // honour X-Forwarded-For / -Proto (behind nginx)
};

class Server {
  public:
    Server(ServerConfig config, const Router& router, ErrorRenderer render_error, Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting on background threads; returns at once.
    void start();
    std::uint16_t port() const;  // the bound port, after start()
    // Stops accepting, lets in-flight requests finish (up to drain_timeout), closes idle
    // connections, joins all threads. Safe to call twice.
    void stop();
    // start(), then block until SIGINT or SIGTERM, then stop().
    void run_until_signal();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Headers added to every response unless the handler set them: Content-Security-Policy,
// X-Content-Type-Options, X-Frame-Options / frame-ancestors, Referrer-Policy.
void add_security_headers(Response& response);

}  // namespace wangju::http
