// The I/O half of the server: listener, connections, timeouts and the conversion between Beast
// messages and the program's own Request and Response. Everything that decides what to answer
// lives in responder.cpp. This is the only file that sees Beast and Asio, which is why it holds
// both the listener and the connection: no header may name their types.
#include "http/server.h"

#include "http/beast_pch.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/access_log.h"
#include "http/incoming_request.h"
#include "http/request_id.h"
#include "http/responder.h"

namespace wangju::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// After an error answer the client may still be sending (a body refused with 413, a huge
// header). Closing with unread data makes the kernel send a reset, which can destroy the answer
// before the client reads it; so what arrives is read and dropped for a moment, within bounds.
asio::awaitable<void> discard_unread_of(beast::tcp_stream& stream) {
    std::array<char, 16 * 1024> sink;
    std::size_t discarded = 0;
    stream.expires_after(std::chrono::milliseconds(500));
    beast::error_code ec;
    while (!ec && discarded < 1024 * 1024) {
        discarded += co_await stream.async_read_some(
            asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
}

// How long a refused client is asked to wait before it tries again.
constexpr int kRefusedRetryAfterSeconds = 5;

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

constexpr std::string_view kServerFull = "服务器繁忙,请稍后再试";
constexpr std::string_view kAddressFull = "来自同一地址的连接过多,请稍后再试";

// Streams `length` bytes of an open file from `offset`. Beast's file_body always sends the
// whole file, which a 206 answer must not.
struct FileRangeBody {
    struct value_type {
        beast::file file;
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };

    static std::uint64_t size(const value_type& body) { return body.length; }

    class writer {
      public:
        using const_buffers_type = asio::const_buffer;

        template <bool is_request, class Fields>
        writer(bhttp::header<is_request, Fields>&, value_type& body)
            : body_(body), remain_(body.length) {}

        void init(beast::error_code& ec) { body_.file.seek(body_.offset, ec); }

        boost::optional<std::pair<const_buffers_type, bool>> get(beast::error_code& ec) {
            auto amount =
                static_cast<std::size_t>(std::min<std::uint64_t>(remain_, sizeof buffer_));
            ec = {};
            if (amount == 0) return boost::none;
            auto read = body_.file.read(buffer_, amount, ec);
            if (ec) return boost::none;
            if (read == 0) {
                ec = bhttp::error::short_read;
                return boost::none;
            }
            remain_ -= read;
            return {{const_buffers_type(buffer_, read), remain_ > 0}};
        }

      private:
        value_type& body_;
        std::uint64_t remain_;
        char buffer_[16 * 1024];
    };
};

using StringMessage = bhttp::response<bhttp::string_body>;
using FileMessage = bhttp::response<FileRangeBody>;

struct Outgoing {
    std::variant<StringMessage, FileMessage> message;
    int status = 0;
    std::uint64_t body_bytes = 0;
};

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

// Runs `start` on the worker pool; resumes the calling coroutine on its own executor once `start`
// (or whatever it handed its callback to) delivers the answer, from any thread. The answer is
// delivered as a function that makes it, called on the coroutine's executor.
using MakeOutgoing = std::function<Outgoing()>;
template <class Start>
asio::awaitable<Outgoing> on_pool_deferred(asio::thread_pool& pool, Start start) {
    auto initiate = [&pool, &start](auto handler) {
        auto resume_on = asio::get_associated_executor(handler);
        auto held = std::make_shared<std::optional<decltype(handler)>>(std::move(handler));
        asio::post(pool, [start = std::move(start), held, resume_on]() mutable {
            start(std::function<void(MakeOutgoing)>([held, resume_on](MakeOutgoing make) {
                asio::post(resume_on, [held, make = std::move(make)]() mutable {
                    auto handler = std::move(**held);
                    held->reset();
                    std::move(handler)(make());
                });
            }));
        });
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Outgoing)>(
        initiate, asio::use_awaitable);
}

// The route's own words for a body over its limit, when it has them.
Error too_large_error(const Routed& routed) {
    const bool own =
        routed.outcome == Router::Outcome::found && !routed.match.options.too_large.empty();
    return Error(ErrorKind::payload_too_large,
                 own ? routed.match.options.too_large : std::string("提交的内容过大"));
}

bool is_bodiless_status(int status) {
    return status == 204 || status == 304 || status < 200;
}

// Header values with line breaks would let a handler's data forge headers; they are dropped.
template <class Message>
void copy_headers(const Response& response, Message& message) {
    for (const auto& [name, value] : response.headers) {
        if (name == "content-length" || name == "transfer-encoding") continue;
        if (value.find_first_of("\r\n") != std::string::npos) {
            spdlog::error("header {} dropped: its value holds a line break", name);
            continue;
        }
        message.insert(name, value);
    }
    if (message.find(bhttp::field::server) == message.end())
        message.set(bhttp::field::server, "wangju");
}

Outgoing file_message(const Response& response, unsigned version) {
    const auto& file = *response.file;
    FileMessage message{static_cast<bhttp::status>(response.status), version};
    beast::error_code ec;
    if (file.opened) {
        // The message's file closes its own descriptor; the handler's stays with its holder.
        int fd = ::dup(file.opened->descriptor());
        if (fd < 0)
            ec.assign(errno, beast::system_category());
        else
            message.body().file.native_handle(fd);
    } else {
        message.body().file.open(file.path.c_str(), beast::file_mode::scan, ec);
    }
    if (ec)
        throw std::runtime_error(
            fmt::format("cannot open {}: {}", file.path.string(), ec.message()));
    message.body().offset = file.offset;
    message.body().length = file.length;
    copy_headers(response, message);
    message.content_length(file.length);
    return Outgoing{std::move(message), response.status, file.length};
}

// For HEAD, the headers are those of the GET answer, Content-Length included, without the body.
Outgoing to_beast(const Response& response, bool head, unsigned version) {
    if (response.file && !response.file->content && !head && !is_bodiless_status(response.status))
        return file_message(response, version);
    StringMessage message{static_cast<bhttp::status>(response.status), version};
    copy_headers(response, message);
    if (is_bodiless_status(response.status))
        return Outgoing{std::move(message), response.status, 0};
    std::uint64_t length = response.file ? response.file->length : response.body.size();
    if (head) {
        message.content_length(length);
        return Outgoing{std::move(message), response.status, 0};
    }
    if (response.file) {
        message.body().assign(*response.file->content, response.file->offset,
                              response.file->length);
    } else {
        message.body() = response.body;
    }
    message.prepare_payload();
    return Outgoing{std::move(message), response.status, length};
}

RequestHead head_of(const bhttp::request<bhttp::string_body>& message, std::string peer) {
    RequestHead head;
    head.method = std::string(message.method_string());
    head.target = std::string(message.target());
    head.peer_address = std::move(peer);
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        head.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    return head;
}

std::pair<std::string, std::string> split_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error(fmt::format("监听地址无效: {}", listen));
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty() || host == "*") host = "0.0.0.0";
    return {host, listen.substr(colon + 1)};
}

tcp::endpoint parse_listen(const std::string& listen) {
    auto [host, port_text] = split_listen(listen);
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(port_text, &used);
        if (used != port_text.size() || port > 65535) throw std::out_of_range("port");
    } catch (const std::logic_error&) {
        throw std::runtime_error(fmt::format("监听端口无效: {}", listen));
    }
    beast::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) throw std::runtime_error(fmt::format("监听地址无效: {}", listen));
    return {address, static_cast<std::uint16_t>(port)};
}

unsigned default_io_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}
// Handlers mostly wait (disk syncs, the database, child processes such as ffprobe) rather than
// compute: with few threads, a handful of slow ones (uploads being finished and probed) would hold
// up every other request, the pieces of other uploads' bodies included.
unsigned default_worker_threads() {
    return std::max(16u, 4 * std::thread::hardware_concurrency());
}

class Connection;

// Open and refused connections, for /metrics. Shared with the metrics source, which may outlive
// the server.
struct ConnectionCounts {
    std::atomic<std::uint64_t> open{0};
    std::atomic<std::uint64_t> refused_full{0};
    std::atomic<std::uint64_t> refused_address{0};
};

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

// What connections share. Server::Impl adds the listener and the threads. The io_context and the
// pool come last so that they are destroyed first, while what their pending work refers to is
// still alive.
struct ServerCore {
    ServerCore(ServerConfig config_in, const Router& router, ErrorRenderer render_error,
               Metrics& metrics_in)
        : config(std::move(config_in)),
          responder(router, std::move(render_error), config.static_root),
          metrics(metrics_in),
          access_log(config.access_log),
          pool(config.worker_threads ? config.worker_threads : default_worker_threads()) {
        metrics.add_source([counts = counts] { return render_connection_counts(*counts); });
    }

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

    static std::vector<std::unique_ptr<asio::io_context>> make_loops(unsigned count) {
        std::vector<std::unique_ptr<asio::io_context>> made;
        for (unsigned i = 0; i < (count ? count : default_io_threads()); ++i)
            made.push_back(std::make_unique<asio::io_context>(1));
        return made;
    }
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
    using Parser = bhttp::request_parser<bhttp::string_body>;
    using StreamParser = bhttp::request_parser<bhttp::buffer_body>;

    asio::awaitable<bool> serve_next(bool first);
    // The connection's timer cancels the socket's pending operation unless disarmed within
    // `limit`; disarm_timer() says whether it fired.
    void arm_timer(std::chrono::seconds limit);
    bool disarm_timer();
    asio::awaitable<bool> wait_for_bytes(std::chrono::seconds limit);
    asio::awaitable<beast::error_code> read_header(Parser& parser);
    asio::awaitable<beast::error_code> read_body(Parser& parser);
    asio::awaitable<void> send_continue(const Parser& parser);
    asio::awaitable<bool> stream_body(Parser& header_parser, Request& request,
                                      const Routed& routed, unsigned version,
                                      Clock::time_point started);
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
};

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

asio::awaitable<void> Connection::run() {
    try {
        bool first = true;
        while (co_await serve_next(first)) first = false;
    } catch (const std::exception& failure) {
        spdlog::warn("connection from {} ended by an error: {}", peer_, failure.what());
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (linger_) co_await discard_unread_of(stream_);
    stream_.close();
}

void Connection::arm_timer(std::chrono::seconds limit) {
    timer_armed_ = true;
    timer_fired_ = false;
    header_timer_.expires_after(limit);
    header_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !self->timer_armed_) return;
        self->timer_fired_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
    });
}

bool Connection::disarm_timer() {
    timer_armed_ = false;
    header_timer_.cancel();
    return timer_fired_;
}

void Connection::close_if_idle() {
    if (!busy_) close();
}

void Connection::close() {
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
    stream_.close();
}

// Serves one request; says whether the connection stays open for another.
asio::awaitable<bool> Connection::serve_next(bool first) {
    busy_ = false;
    if (core_.stopping) co_return false;
    const auto& config = core_.config;
    if (buffer_.size() == 0 &&
        !co_await wait_for_bytes(first ? config.header_timeout : config.idle_timeout))
        co_return false;
    busy_ = true;
    auto started = Clock::now();

    Parser parser;
    parser.header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
    // The route decides the body limit; until it is known, a large Content-Length must not
    // fail the header read (it is answered with 413 below). Not boost::none: Beast 1.74
    // compares the length with the optional and would refuse every body.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (auto ec = co_await read_header(parser)) co_return co_await answer_read_error(ec, started);

    auto request = make_request(head_of(parser.get(), peer_), config.trust_forwarded);
    unsigned version = parser.get().version();
    Routed routed;
    // Behind a trusted proxy every connection comes from the proxy: it counts against the
    // client address its first request was forwarded for.
    if (first && config.trust_forwarded) {
        if (!core_.claim_address(request.client_address)) {
            core_.count_refusal(ServerCore::Admission::address_full);
            std::function<Response()> refuse = [&] {
                return core_.responder.error(
                    request, Error(ErrorKind::unavailable, std::string(kAddressFull))
                                 .with_retry_after(kRefusedRetryAfterSeconds));
            };
            co_return co_await reply(request, routed, false, version, started, refuse);
        }
        counted_address_ = request.client_address;
    }
    std::optional<Error> bad_path;
    try {
        decode_path(request);
    } catch (const Error& failure) {
        bad_path = failure;
    }
    if (bad_path) {
        std::function<Response()> refuse = [&] {
            return core_.responder.error(request, *bad_path);
        };
        co_return co_await reply(request, routed, false, version, started, refuse);
    }
    routed = core_.responder.route(request);

    auto max_body = core_.responder.max_body(routed);
    std::function<Response()> too_large = [&] {
        return core_.responder.error(request, too_large_error(routed));
    };
    // Refused before a byte of the body is read; the connection then closes, since the unread
    // body would otherwise be taken for the next request.
    if (parser.content_length() && *parser.content_length() > max_body)
        co_return co_await reply(request, routed, false, version, started, too_large);
    parser.body_limit(max_body);
    if (routed.outcome == Router::Outcome::found && routed.match.options.body_sink)
        co_return co_await stream_body(parser, request, routed, version, started);
    co_await send_continue(parser);
    if (auto ec = co_await read_body(parser)) {
        if (ec == bhttp::error::body_limit)
            co_return co_await reply(request, routed, false, version, started, too_large);
        co_return false;
    }
    request.body = std::move(parser.get().body());
    bool keep_alive = parser.get().keep_alive();
    std::function<Response()> respond = [&] { return core_.responder.respond(request, routed); };
    std::optional<Response> fast;
    if (routed.outcome == Router::Outcome::found && routed.match.options.from_memory) {
        fast = core_.responder.from_memory(request, routed);
        if (fast) {
            routed.from_memory = true;
            respond = [&] { return std::move(*fast); };
            co_return co_await reply(request, routed, keep_alive, version, started, respond);
        }
    }
    if (routed.is_static) {
        if (auto cached = core_.responder.cached_static(request)) {
            routed.from_memory = true;
            respond = [&] { return std::move(*cached); };
            co_return co_await reply(request, routed, keep_alive, version, started, respond);
        }
    }
    co_return co_await reply(request, routed, keep_alive, version, started, respond);
}

// Waits for the first bytes of a request; false when the client went away or stayed silent.
// The wait always goes through the event loop's poll, which hands out ready connections in the
// order they became ready. A read tried at once would find the next request of a busy client
// already there and serve it again, ahead of every connection waiting in the poll: under
// thousands of connections, those would wait seconds.
asio::awaitable<bool> Connection::wait_for_bytes(std::chrono::seconds limit) {
    stream_.expires_never();
    for (;;) {
        arm_timer(limit);
        beast::error_code ec;
        co_await stream_.socket().async_wait(tcp::socket::wait_read,
                                             asio::redirect_error(asio::use_awaitable, ec));
        disarm_timer();
        if (ec) co_return false;
        // The socket does not block (see Server::Impl::take): a wake without data waits again.
        auto read = stream_.socket().read_some(buffer_.prepare(4096), ec);
        if (ec == asio::error::would_block) continue;
        if (ec || read == 0) co_return false;
        buffer_.commit(read);
        co_return true;
    }
}

// The header must be complete within header_timeout. Its own timer cancels the read rather than
// letting the stream's timeout close the socket, so that a 408 can still be sent.
asio::awaitable<beast::error_code> Connection::read_header(Parser& parser) {
    stream_.expires_never();
    arm_timer(core_.config.header_timeout);
    beast::error_code ec;
    co_await bhttp::async_read_header(stream_, buffer_, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    if (disarm_timer()) ec = beast::error::timeout;
    co_return ec;
}

// A client that sent "Expect: 100-continue" holds the body back until told to go on (curl
// waits a second otherwise); told once the body is wanted. A failed write shows in the body read.
asio::awaitable<void> Connection::send_continue(const Parser& parser) {
    const auto& header = parser.get();
    if (parser.is_done() || header.version() < 11 ||
        !beast::iequals(header[bhttp::field::expect], "100-continue"))
        co_return;
    bhttp::response<bhttp::empty_body> interim{bhttp::status::continue_, header.version()};
    stream_.expires_after(core_.config.body_timeout);
    beast::error_code ec;
    co_await bhttp::async_write(stream_, interim, asio::redirect_error(asio::use_awaitable, ec));
}

// No gap between two pieces of the body may exceed body_timeout.
asio::awaitable<beast::error_code> Connection::read_body(Parser& parser) {
    beast::error_code ec;
    while (!parser.is_done()) {
        stream_.expires_after(core_.config.body_timeout);
        co_await bhttp::async_read_some(stream_, buffer_, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
    }
    co_return ec;
}

constexpr std::align_val_t kPieceAlignment{4096};
struct AlignedDelete {
    void operator()(char* memory) const { ::operator delete[](memory, kPieceAlignment); }
};

// A streamed body (RouteOptions::body_sink): read in pieces of a fixed size, each handed to the
// sink on the worker pool before the next is read, so memory stays constant whatever the size.
// What arrived before the client went away is still delivered, then the sink is abandoned.
asio::awaitable<bool> Connection::stream_body(Parser& header_parser, Request& request,
                                              const Routed& routed, unsigned version,
                                              Clock::time_point started) {
    // Large enough that a piece costs one trip to the worker pool per MiB, small enough that
    // many uploads at once hold little memory.
    constexpr std::size_t piece_bytes = 1024 * 1024;
    std::shared_ptr<BodySink> sink;
    if (auto refusal = co_await open_sink(request, routed, sink)) {
        std::function<Response()> refuse = [&] { return *refusal; };
        co_return co_await reply(request, routed, false, version, started, refuse);
    }
    co_await send_continue(header_parser);
    const bool keep_alive = header_parser.get().keep_alive();
    // Page-aligned, so that a sink may hand whole blocks of it to the disk directly (O_DIRECT).
    std::unique_ptr<char[], AlignedDelete> piece(
        static_cast<char*>(::operator new[](piece_bytes, kPieceAlignment)));
    BodyOutcome outcome;
    if (auto length = header_parser.content_length()) {
        outcome = co_await read_sized_body(*length, request, *sink, {piece.get(), piece_bytes});
    } else {
        outcome = co_await read_chunked_body(header_parser, routed, request, *sink,
                                             {piece.get(), piece_bytes});
    }
    piece.reset();
    if (outcome.refusal || outcome.ec) {
        co_await on_pool<bool>(core_.pool, [&] {
            sink->abandon();
            return true;
        });
        if (outcome.ec == bhttp::error::body_limit)
            outcome.refusal = core_.responder.error(request, too_large_error(routed));
        if (!outcome.refusal) co_return false;
        std::function<Response()> refuse = [&] { return *outcome.refusal; };
        co_return co_await reply(request, routed, false, version, started, refuse);
    }
    std::function<Response()> respond = [&] {
        return core_.responder.guarded(request, [&] { return sink->finish(); });
    };
    co_return co_await reply(request, routed, keep_alive, version, started, respond);
}

// A body of known length, read straight into `piece`: first what reading the header left in
// buffer_, then from the socket, in reads as large as the piece. The bytes are copied once out of
// the kernel; Beast's parser would read them in 64 KiB steps and copy them again.
asio::awaitable<Connection::BodyOutcome> Connection::read_sized_body(std::uint64_t length,
                                                                     Request& request,
                                                                     BodySink& sink,
                                                                     std::span<char> piece) {
    BodyOutcome outcome;
    std::size_t filled = 0;
    while (length > 0 && !outcome.refusal) {
        auto room = static_cast<std::size_t>(std::min<std::uint64_t>(piece.size() - filled, length));
        std::size_t got = 0;
        if (buffer_.size() > 0) {
            got = asio::buffer_copy(asio::buffer(piece.data() + filled, room), buffer_.data());
            buffer_.consume(got);
        } else {
            stream_.expires_after(core_.config.body_timeout);
            got = co_await stream_.async_read_some(
                asio::buffer(piece.data() + filled, room),
                asio::redirect_error(asio::use_awaitable, outcome.ec));
        }
        filled += got;
        length -= got;
        if ((filled == piece.size() || length == 0 || outcome.ec) && filled > 0) {
            outcome.refusal = co_await deliver(request, sink, {piece.data(), filled});
            filled = 0;
        }
        if (outcome.ec) break;
    }
    co_return outcome;
}

// A chunked body, decoded by Beast's parser into `piece`.
asio::awaitable<Connection::BodyOutcome> Connection::read_chunked_body(Parser& header_parser,
                                                                       const Routed& routed,
                                                                       Request& request,
                                                                       BodySink& sink,
                                                                       std::span<char> piece) {
    StreamParser parser(std::move(header_parser));
    parser.body_limit(core_.responder.max_body(routed));
    BodyOutcome outcome;
    std::size_t filled = 0;
    while (!parser.is_done() && !outcome.refusal) {
        parser.get().body().data = piece.data() + filled;
        parser.get().body().size = piece.size() - filled;
        stream_.expires_after(core_.config.body_timeout);
        co_await bhttp::async_read_some(stream_, buffer_, parser,
                                        asio::redirect_error(asio::use_awaitable, outcome.ec));
        if (outcome.ec == bhttp::error::need_buffer) outcome.ec = {};
        filled = piece.size() - parser.get().body().size;
        bool flush = filled == piece.size() || parser.is_done() || outcome.ec;
        if (flush && filled > 0) {
            outcome.refusal = co_await deliver(request, sink, {piece.data(), filled});
            filled = 0;
        }
        if (outcome.ec) break;
    }
    co_return outcome;
}

// Makes the route's sink on the worker pool; the answer instead when the factory refuses.
asio::awaitable<std::optional<Response>> Connection::open_sink(Request& request,
                                                               const Routed& routed,
                                                               std::shared_ptr<BodySink>& sink) {
    co_return co_await on_pool<std::optional<Response>>(
        core_.pool, [&]() -> std::optional<Response> {
            Response refusal = core_.responder.guarded(request, [&] {
                sink = routed.match.options.body_sink(request);
                return Response{};
            });
            if (sink) return std::nullopt;
            return refusal;
        });
}

// Hands one piece to the sink on the worker pool; the answer instead when the sink refuses it.
asio::awaitable<std::optional<Response>> Connection::deliver(Request& request, BodySink& sink,
                                                             std::string_view piece) {
    co_return co_await on_pool<std::optional<Response>>(
        core_.pool, [&]() -> std::optional<Response> {
            bool written = false;
            Response refusal = core_.responder.guarded(request, [&] {
                sink.write(piece);
                written = true;
                return Response{};
            });
            if (written) return std::nullopt;
            return refusal;
        });
}

// Answers what can still be answered (a header too large, malformed or too slow), then closes.
asio::awaitable<bool> Connection::answer_read_error(beast::error_code ec,
                                                    Clock::time_point started) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
        co_return false;
    Request request;
    request.method = "GET";
    request.path = "/";
    request.client_address = peer_;
    request.request_id = make_request_id();
    std::function<Response()> make;
    if (ec == beast::error::timeout) {
        make = [&] {
            return core_.responder.error(request, Error(ErrorKind::timeout, "请求超时，请重试"));
        };
    } else if (ec == bhttp::error::header_limit) {
        make = [] { return Response::text("请求头过大", "text/plain; charset=utf-8", 431); };
    } else {
        make = [] { return Response::text("请求格式错误", "text/plain; charset=utf-8", 400); };
    }
    Routed unrouted;
    co_return co_await reply(request, unrouted, false, 11, started, make);
}

// Makes the response on the worker pool (handlers and file opening never run on an I/O
// thread, except routes marked on_io_thread), writes it, and records it. Says whether the connection stays open.
asio::awaitable<bool> Connection::reply(Request& request, const Routed& routed, bool keep_alive,
                                        unsigned version, Clock::time_point started,
                                        const std::function<Response()>& make) {
    bool head = request.method == "HEAD";
    if (!keep_alive) linger_ = true;
    auto outgoing = [&request, head, version, this](Response response) {
        Responder::finish(request, response);
        try {
            return to_beast(response, head, version);
        } catch (const std::exception& failure) {
            spdlog::error("request {}: {}", request.request_id, failure.what());
            Response fallback = core_.responder.internal_error(request);
            Responder::finish(request, fallback);
            return to_beast(fallback, head, version);
        }
    };
    auto prepare = [&] { return outgoing(make()); };
    const bool found = routed.outcome == Router::Outcome::found && !routed.is_static;
    const bool inline_route = routed.from_memory || (found && routed.match.options.on_io_thread);
    const bool deferred_route = !routed.from_memory && found && routed.match.options.deferred;
    // Not a conditional expression: g++ 12 mishandles the lifetime of a co_await's result there.
    std::optional<Outgoing> made;
    if (inline_route) {
        made.emplace(prepare());
    } else if (deferred_route) {
        const bool answer_here = routed.match.options.answer_on_io_thread;
        made.emplace(co_await on_pool_deferred(
            core_.pool,
            [&request, &routed, &outgoing, answer_here, this](std::function<void(MakeOutgoing)> done) {
                // The answer is made on the connection's I/O thread when the route says it is
                // small, else on the worker pool; never on the thread that replies (a writer
                // committing the next batch, say).
                Reply reply = [&request, &outgoing, done, answer_here,
                               this](std::function<Response()> make) {
                    MakeOutgoing answer = [&request, &outgoing, make = std::move(make), this] {
                        return outgoing(core_.responder.guarded(request, make));
                    };
                    if (answer_here) {
                        done(std::move(answer));
                        return;
                    }
                    asio::post(core_.pool, [done, answer = std::move(answer)] {
                        // Outgoing cannot be copied (a file body), and a std::function must be.
                        auto made = std::make_shared<Outgoing>(answer());
                        done([made] { return std::move(*made); });
                    });
                };
                try {
                    routed.match.options.deferred(request, reply);
                } catch (...) {
                    auto failure = std::current_exception();
                    reply([failure]() -> Response { std::rethrow_exception(failure); });
                }
            }));
    } else {
        made.emplace(co_await on_pool<Outgoing>(core_.pool, std::move(prepare)));
    }
    Outgoing& out = *made;
    keep_alive = keep_alive && !core_.stopping;
    std::visit([&](auto& message) { message.keep_alive(keep_alive); }, out.message);

    beast::error_code ec;
    if (auto* message = std::get_if<StringMessage>(&out.message)) {
        ec = co_await write(*message);
    } else {
        ec = co_await write(std::get<FileMessage>(out.message));
    }
    record(request, routed, out, started);
    co_return keep_alive && !ec;
}

// Written piece by piece so that body_timeout limits each gap, not the whole transfer: a large
// file to a slow phone may take long, a client that stops reading may not.
template <class Message>
asio::awaitable<beast::error_code> Connection::write(Message& message) {
    bhttp::serializer<false, typename Message::body_type> serializer{message};
    beast::error_code ec;
    while (!ec && !serializer.is_done()) {
        stream_.expires_after(core_.config.body_timeout);
        co_await bhttp::async_write_some(stream_, serializer,
                                         asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return ec;
}

void Connection::record(const Request& request, const Routed& routed, const Outgoing& out,
                        Clock::time_point started) {
    std::chrono::duration<double> elapsed = Clock::now() - started;
    core_.metrics.observe(Responder::metrics_label(routed), request.method, out.status,
                          elapsed.count());
    AccessRecord line;
    line.request_id = request.request_id;
    line.client = request.client_address;
    line.method = request.method;
    line.path = request.path;
    line.route = request.route;
    line.status = out.status;
    line.bytes = out.body_bytes;
    line.duration_ms = elapsed.count() * 1000;
    line.user_agent = std::string(request.header("user-agent").value_or(""));
    core_.access_log.write(line);
}

}  // namespace

struct Server::Impl : ServerCore {
    using ServerCore::ServerCore;

    void listen();
    asio::awaitable<void> accept_loop();
    // Admits an accepted connection and starts serving it, or answers it 503.
    void take(tcp::socket socket);
    void start_threads();
    void close_connections(bool idle_only);
    bool wait_drained(std::chrono::seconds limit);

    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> io_threads;
    std::uint16_t bound_port = 0;
    std::mutex stop_mutex;
    bool started = false;
    bool stopped = false;
};

void Server::Impl::listen() {
    auto endpoint = parse_listen(config.listen);
    acceptor.emplace(accepting);
    beast::error_code ec;
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    // Lets accept_loop take every waiting connection without blocking (async accepts are
    // unaffected).
    if (!ec) acceptor->non_blocking(true, ec);
    if (ec) throw std::runtime_error(fmt::format("无法监听 {}: {}", config.listen, ec.message()));
    bound_port = acceptor->local_endpoint().port();
}

asio::awaitable<void> Server::Impl::accept_loop() {
    for (;;) {
        beast::error_code ec;
        auto socket = co_await acceptor->async_accept(
            pick_loop(), asio::redirect_error(asio::use_awaitable, ec));
        if (stopping || ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // Out of file descriptors, typically: wait a little instead of spinning.
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(co_await asio::this_coro::executor,
                                     std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::use_awaitable);
            continue;
        }
        take(std::move(socket));
        // The connections that arrived meanwhile are all taken now. One accept per turn of the
        // event loop would leave the last of a thousand connections, its request already sent,
        // waiting a second behind the requests of those taken before it.
        for (int more = 0; more < 1024 && !stopping; ++more) {
            tcp::socket next(pick_loop());
            acceptor->accept(next, ec);
            if (ec) break;  // none waiting (would_block); other errors show in the next accept
            take(std::move(next));
        }
    }
}

void Server::Impl::take(tcp::socket socket) {
    beast::error_code ec;
    // A response goes out as header and body writes; without TCP_NODELAY the second write
    // waits for the peer's delayed acknowledgement (tens of milliseconds per response).
    socket.set_option(tcp::no_delay(true), ec);
    // Reads of its own never block an I/O thread (Connection::wait_for_bytes).
    socket.non_blocking(true, ec);
    auto endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string() : endpoint.address().to_string();
    auto executor = socket.get_executor();
    // Behind a trusted proxy the peer is the proxy: the connection is counted at its first
    // request instead.
    std::string counted = config.trust_forwarded ? std::string() : peer;
    auto connection = std::make_shared<Connection>(*this, std::move(socket), peer);
    auto admission = admit(connection.get(), connection, counted);
    if (admission == Admission::stopping) return;  // closed as it goes out of scope
    if (admission != Admission::admitted) {
        count_refusal(admission);
        auto why = admission == Admission::full ? kServerFull : kAddressFull;
        asio::co_spawn(executor,
                       refuse_connection(connection->release_socket(), refusal_answer(why)),
                       asio::detached);
        return;
    }
    connection->count_as(counted);
    asio::co_spawn(
        executor, [connection]() -> asio::awaitable<void> { co_await connection->run(); },
        asio::detached);
}

void Server::Impl::start_threads() {
    std::vector<asio::io_context*> all{&accepting};
    for (auto& loop : loops) all.push_back(loop.get());
    for (auto* loop : all) {
        work.emplace_back(loop->get_executor());
        io_threads.emplace_back([loop] {
            for (;;) {
                try {
                    loop->run();
                    return;
                } catch (const std::exception& failure) {
                    spdlog::error("I/O thread: {}", failure.what());
                }
            }
        });
    }
}

// The connections are taken out under the lock but let go outside it: a connection may finish
// meanwhile, and if the copy here is its last owner, its destructor takes the same lock.
void Server::Impl::close_connections(bool idle_only) {
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(mutex);
        open.reserve(connections.size());
        for (auto& [raw, handle] : connections) {
            if (auto connection = handle.lock()) open.push_back(std::move(connection));
        }
    }
    for (auto& connection : open) {
        asio::post(connection->get_executor(), [connection, idle_only] {
            idle_only ? connection->close_if_idle() : connection->close();
        });
    }
}

bool Server::Impl::wait_drained(std::chrono::seconds limit) {
    std::unique_lock lock(mutex);
    return drained.wait_for(lock, limit, [this] { return connections.empty(); });
}

Server::Server(ServerConfig config, const Router& router, ErrorRenderer render_error,
               Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(render_error), metrics)) {}

Server::~Server() {
    stop();
}

void Server::start() {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->started) return;
    impl_->listen();
    asio::co_spawn(
        impl_->acceptor->get_executor(),
        [impl = impl_.get()]() -> asio::awaitable<void> { co_await impl->accept_loop(); },
        asio::detached);
    impl_->start_threads();
    impl_->started = true;
}

std::uint16_t Server::port() const {
    return impl_->bound_port;
}

void Server::stop() {
    std::lock_guard lock(impl_->stop_mutex);
    if (!impl_->started || impl_->stopped) return;
    impl_->stopped = true;
    impl_->stopping = true;
    asio::post(impl_->acceptor->get_executor(), [impl = impl_.get()] {
        beast::error_code ignored;
        impl->acceptor->close(ignored);
    });
    impl_->close_connections(true);
    if (!impl_->wait_drained(impl_->config.drain_timeout)) {
        spdlog::warn("stopping: closing the connections still busy after the drain timeout");
        impl_->close_connections(false);
        impl_->wait_drained(std::chrono::seconds(1));
    }
    impl_->work.clear();
    impl_->accepting.stop();
    for (auto& loop : impl_->loops) loop->stop();
    for (auto& thread : impl_->io_threads) thread.join();
    impl_->io_threads.clear();
    impl_->pool.join();
}

void Server::run_until_signal() {
    start();
    asio::io_context signals_io;
    asio::signal_set signals(signals_io, SIGINT, SIGTERM);
    signals.async_wait([](beast::error_code, int number) {
        spdlog::info("signal {} received: stopping", number);
    });
    signals_io.run();
    stop();
}

}  // namespace wangju::http
