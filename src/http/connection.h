// A client connection and what it shares with the rest of the server: the core (configuration,
// responder, worker pool, event loops, the count of open connections) and the way work goes to
// the worker pool and back. Private to src/http: it names Beast and Asio types.
#pragma once

#include "http/beast_pch.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/access_log.h"
#include "http/body_sink.h"
#include "http/metrics.h"
#include "http/outgoing_message.h"
#include "http/request_parser.h"
#include "http/responder.h"
#include "http/server.h"

namespace wangju::http {

using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// How long a refused client is asked to wait before it tries again.
constexpr int kRefusedRetryAfterSeconds = 5;
constexpr std::string_view kAddressFull = "来自同一地址的连接过多,请稍后再试";

// After an error answer the client may still be sending (a body refused with 413, a huge
// header). Closing with unread data makes the kernel send a reset, which can destroy the answer
// before the client reads it; so what arrives is read and dropped for a moment, within bounds.
asio::awaitable<void> discard_unread_of(beast::tcp_stream& stream);

// Runs `work` on the worker pool and resumes the calling coroutine on its own executor (the
// connection's event loop) with the result, or with the exception `work` threw.
template <class Result, class Work>
asio::awaitable<Result> on_pool(asio::thread_pool& pool, Work work) {
    auto initiate = [&pool, &work](auto handler) {
        auto resume_on = asio::get_associated_executor(handler);
        asio::post(pool,
                   [work = std::move(work), handler = std::move(handler), resume_on]() mutable {
                       std::exception_ptr failure;
                       Result result{};
                       try {
                           result = work();
                       } catch (...) {
                           failure = std::current_exception();
                       }
                       asio::post(resume_on, [handler = std::move(handler), failure,
                                              result = std::move(result)]() mutable {
                           std::move(handler)(failure, std::move(result));
                       });
                   });
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                            void(std::exception_ptr, Result)>(initiate,
                                                                              asio::use_awaitable);
}

// Runs `start` on the worker pool, or at once on the calling thread when `here`; resumes the
// calling coroutine on its own executor once `start` (or whatever it handed its callback to)
// delivers the answer, from any thread. The answer is delivered as a function that makes it,
// called on the coroutine's executor.
using MakeOutgoing = std::function<Outgoing()>;
template <class Start>
asio::awaitable<Outgoing> on_pool_deferred(asio::thread_pool& pool, Start start, bool here) {
    auto initiate = [&pool, &start, here](auto handler) {
        auto resume_on = asio::get_associated_executor(handler);
        auto held = std::make_shared<std::optional<decltype(handler)>>(std::move(handler));
        auto run = [start = std::move(start), held, resume_on]() mutable {
            start(std::function<void(MakeOutgoing)>([held, resume_on](MakeOutgoing make) {
                asio::post(resume_on, [held, make = std::move(make)]() mutable {
                    auto handler = std::move(**held);
                    held->reset();
                    std::move(handler)(make());
                });
            }));
        };
        if (here) {
            run();
        } else {
            asio::post(pool, std::move(run));
        }
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Outgoing)>(
        initiate, asio::use_awaitable);
}

// The route's own words for a body over its limit, when it has them.
Error too_large_error(const Routed& routed);

class Connection;

// Open and refused connections, for /metrics. Shared with the metrics source, which may outlive
// the server.
struct ConnectionCounts {
    std::atomic<std::uint64_t> open{0};
    std::atomic<std::uint64_t> refused_full{0};
    std::atomic<std::uint64_t> refused_address{0};
};

// The counts as /metrics shows them.
std::string render_connection_counts(const ConnectionCounts& counts);

// What connections share. Server::Impl adds the listener and the threads. The io_context and the
// pool come last so that they are destroyed first, while what their pending work refers to is
// still alive.
struct ServerCore {
    ServerCore(ServerConfig config_in, const Router& router, ErrorRenderer render_error,
               Metrics& metrics_in);

    enum class Admission { admitted, stopping, full, address_full };
    // Admits a connection unless the server is stopping, full, or already holds as many
    // connections from `address` as one address may have (an empty address is not counted).
    Admission admit(Connection* connection, std::weak_ptr<Connection> handle,
                    const std::string& address);
    // Counts an admitted connection against `address` once it is known (the forwarded address
    // of its first request, behind a trusted proxy); false when that address has its fill.
    bool claim_address(const std::string& address);
    void forget(Connection* connection, const std::string& address);
    // Counts one more connection from `address` unless it has its fill; under `mutex`.
    bool count_address(const std::string& address);
    // Refused connections are answered 503 and counted by reason.
    void count_refusal(Admission reason);
    // Answers a connection that was not admitted with a 503 that says why, and closes it.
    void refuse(tcp::socket socket, Admission reason);

    ServerConfig config;
    Responder responder;
    Metrics& metrics;
    AccessLog access_log;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::condition_variable drained;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
    std::unordered_map<std::string, std::size_t> per_address;  // open connections by address
    std::shared_ptr<ConnectionCounts> counts = std::make_shared<ConnectionCounts>();
    asio::thread_pool pool;
    // One event loop per I/O thread, each run by its thread alone: a connection stays on the
    // loop it was given, so its handlers never run at once and need no strand, and what a loop
    // posts to itself takes no lock.
    std::vector<std::unique_ptr<asio::io_context>> loops = make_loops(config.io_threads);
    std::atomic<std::size_t> next_loop{0};
    // The listener's own loop and thread: taking a new connection never waits behind the
    // requests of the open ones. Were it to wait, the kernel's queue of connections to take
    // overflows in a rush, and those beyond it lose a second to a retransmitted handshake.
    asio::io_context accepting{1};

    asio::io_context& pick_loop() { return *loops[next_loop++ % loops.size()]; }

    static std::vector<std::unique_ptr<asio::io_context>> make_loops(unsigned count);
};

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(ServerCore& core, tcp::socket socket, std::string peer)
        : core_(core),
          stream_(std::move(socket)),
          header_timer_(stream_.get_executor()),
          peer_(std::move(peer)) {}
    ~Connection() { core_.forget(this, counted_address_); }
    // The socket back, for a connection that was not admitted.
    tcp::socket release_socket() { return stream_.release_socket(); }
    // The address this connection counts against, once admitted.
    void count_as(std::string address) { counted_address_ = std::move(address); }

    asio::awaitable<void> run();
    // Both run on the connection's event loop. An idle connection is closed at once; a busy one
    // closes itself after its current response because the server is stopping.
    void close_if_idle();
    void close();
    asio::any_io_executor get_executor() { return stream_.get_executor(); }

  private:
    using Parser = RequestParser;
    using StreamParser = StreamingRequestParser;

    asio::awaitable<bool> serve_next(bool first);
    // The connection's timer cancels the socket's pending operation unless disarmed within
    // `limit`; disarm_timer() says whether it fired.
    void arm_timer(std::chrono::seconds limit);
    bool disarm_timer();
    void start_timer();
    asio::awaitable<bool> wait_for_bytes(std::chrono::seconds limit);
    asio::awaitable<beast::error_code> read_header(Parser& parser);
    asio::awaitable<beast::error_code> read_body(Parser& parser);
    asio::awaitable<void> send_continue(const Parser& parser);
    asio::awaitable<bool> stream_body(Parser& header_parser, Request& request, const Routed& routed,
                                      unsigned version, Clock::time_point started);
    // How reading a streamed body ended: the sink refused a piece, reading failed, or neither.
    struct BodyOutcome {
        std::optional<Response> refusal;
        beast::error_code ec;
    };
    asio::awaitable<BodyOutcome> read_sized_body(std::uint64_t length, Request& request,
                                                 BodySink& sink, std::span<char> piece);
    asio::awaitable<BodyOutcome> read_chunked_body(Parser& header_parser, const Routed& routed,
                                                   Request& request, BodySink& sink,
                                                   std::span<char> piece);
    asio::awaitable<std::optional<Response>> open_sink(Request& request, const Routed& routed,
                                                       std::shared_ptr<BodySink>& sink);
    asio::awaitable<std::optional<Response>> deliver(Request& request, BodySink& sink,
                                                     std::string_view piece);
    asio::awaitable<bool> answer_read_error(beast::error_code ec, Clock::time_point started);
    asio::awaitable<bool> reply(Request& request, const Routed& routed, bool keep_alive,
                                unsigned version, Clock::time_point started,
                                const std::function<Response()>& make);
    template <class Message>
    asio::awaitable<beast::error_code> write(Message& message);
    asio::awaitable<beast::error_code> write_memory(const MemoryMessage& message);
    void record(const Request& request, const Routed& routed, const Outgoing& out,
                Clock::time_point started);

    ServerCore& core_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    asio::steady_timer header_timer_;
    std::string peer_;
    std::string counted_address_;
    bool busy_ = false;
    bool linger_ = false;  // an error answer was sent: drain before closing
    bool timer_armed_ = false;
    bool timer_fired_ = false;
    bool timer_running_ = false;  // header_timer_ has a wait pending
    Clock::time_point deadline_;  // of the armed timer
};

}  // namespace wangju::http
