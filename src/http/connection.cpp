// A connection's request loop: it waits for a request, reads its header (and a body it collects
// in memory), has the responder answer it on the worker pool, writes the answer and records it,
// then waits for the next; each wait bounded by its own timeout.
#include "http/connection.h"

#include <array>

#include <spdlog/spdlog.h>

#include "http/incoming_request.h"
#include "http/request_id.h"
#include "http/request_parser.h"

namespace wangju::http {

asio::awaitable<void> discard_unread_of(beast::tcp_stream& stream) {
    std::array<char, 16 * 1024> sink;
    std::size_t discarded = 0;
    stream.expires_after(std::chrono::milliseconds(500));
    beast::error_code ec;
    while (!ec && discarded < 1024 * 1024) {
        discarded += co_await stream.async_read_some(asio::buffer(sink),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    }
}

Error too_large_error(const Routed& routed) {
    const bool own =
        routed.outcome == Router::Outcome::found && !routed.match.options->too_large.empty();
    return Error(ErrorKind::payload_too_large,
                 own ? routed.match.options->too_large : std::string("提交的内容过大"));
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

// The timer is lazy: arming sets the deadline and starts the timer only when none is running or
// the one running would fire too late; disarming cancels nothing. A timer that fires before the
// deadline starts again for the rest of it, and one that fires disarmed stops. So a request on a
// kept-alive connection, whose wait and header each arm and disarm, costs no timer operation, and
// a connection's timer wakes at most once per timeout while it is idle or busy.
void Connection::arm_timer(std::chrono::seconds limit) {
    timer_armed_ = true;
    timer_fired_ = false;
    deadline_ = Clock::now() + limit;
    if (timer_running_ && header_timer_.expiry() <= deadline_) return;
    header_timer_.expires_at(deadline_);  // cancels the one running, if any, first
    start_timer();
}

void Connection::start_timer() {
    timer_running_ = true;
    header_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
        auto self = weak.lock();
        if (ec || !self) return;  // cancelled: its replacement is running
        self->timer_running_ = false;
        if (!self->timer_armed_) return;
        if (Clock::now() < self->deadline_) {
            self->header_timer_.expires_at(self->deadline_);
            self->start_timer();
            return;
        }
        self->timer_fired_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
    });
}

bool Connection::disarm_timer() {
    timer_armed_ = false;
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
    limit_header(parser, config.max_header_bytes);
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
    if (!limit_body(parser, max_body))
        co_return co_await reply(request, routed, false, version, started, too_large);
    if (routed.outcome == Router::Outcome::found && routed.match.options->body_sink)
        co_return co_await stream_body(parser, request, routed, version, started);
    if (!parser.is_done()) {  // a request without a body (most) is spared both steps
        co_await send_continue(parser);
        if (auto ec = co_await read_body(parser)) {
            if (ec == bhttp::error::body_limit)
                co_return co_await reply(request, routed, false, version, started, too_large);
            co_return false;
        }
    }
    request.body = std::move(parser.get().body());
    bool keep_alive = parser.get().keep_alive();
    std::function<Response()> respond = [&] { return core_.responder.respond(request, routed); };
    std::optional<Response> fast;
    if (routed.outcome == Router::Outcome::found && routed.match.options->from_memory) {
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
// The wait goes through the event loop's poll, which hands out ready connections in the order
// they became ready: a busy client's next request, already there, does not get served again ahead
// of every connection waiting in the poll (under thousands of connections, those would wait
// seconds). A read queued on the socket does that: the event loop tries a read at once only
// after the poll has reported the socket readable, and the read that took the last request
// emptied the socket. It also costs no system call to start, where a wait for readiness has the
// poll's registration changed each time.
asio::awaitable<bool> Connection::wait_for_bytes(std::chrono::seconds limit) {
    arm_timer(limit);
    beast::error_code ec;
    auto read = co_await stream_.socket().async_read_some(
        buffer_.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
    disarm_timer();
    if (ec || read == 0) co_return false;
    buffer_.commit(read);
    co_return true;
}

// The header must be complete within header_timeout. Its own timer cancels the read rather than
// letting the stream's timeout close the socket, so that a 408 can still be sent; the read goes to
// the socket itself, the stream's timers left alone (every read or write through the stream sets
// its own expiry first).
// A header already whole in the buffer (most are: one packet) is parsed at once, without a read,
// a timer or a turn of the event loop. Whole means: it starts at once (no empty lines first,
// which would end it at once here) and has its empty line, which no header field can contain.
asio::awaitable<beast::error_code> Connection::read_header(Parser& parser) {
    const std::string_view bytes(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    const bool whole = !bytes.empty() && bytes.front() != '\r' && bytes.front() != '\n' &&
                       bytes.find("\r\n\r\n") != std::string_view::npos;
    beast::error_code ec;
    if (whole) {
        buffer_.consume(parser.put(buffer_.data(), ec));
        if (ec != bhttp::error::need_more) co_return ec;
        ec = {};
    }
    arm_timer(core_.config.header_timeout);
    co_await bhttp::async_read_header(stream_.socket(), buffer_, parser,
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

// No gap between two pieces of the body may exceed body_timeout. What reading the header left in
// the buffer (a small body comes in the header's packet) is parsed first, at once.
asio::awaitable<beast::error_code> Connection::read_body(Parser& parser) {
    beast::error_code ec;
    while (!parser.is_done() && buffer_.size() > 0) {
        auto used = parser.put(buffer_.data(), ec);
        buffer_.consume(used);
        if (ec == bhttp::error::need_more) ec = {};
        if (ec) co_return ec;
        if (used == 0) break;  // a piece not whole yet (a chunk's size line): read on
    }
    while (!parser.is_done()) {
        stream_.expires_after(core_.config.body_timeout);
        co_await bhttp::async_read_some(stream_, buffer_, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
    }
    co_return ec;
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
// thread, except routes marked on_io_thread and deferred routes whose start_here says so), writes
// it, and records it. Says whether the connection stays open.
asio::awaitable<bool> Connection::reply(Request& request, const Routed& routed, bool keep_alive,
                                        unsigned version, Clock::time_point started,
                                        const std::function<Response()>& make) {
    bool head = request.method == "HEAD";
    if (!keep_alive) linger_ = true;
    auto outgoing = [&request, head, version, this](Response response) {
        Responder::finish(request, response);
        try {
            return to_beast(std::move(response), head, version);
        } catch (const std::exception& failure) {
            spdlog::error("request {}: {}", request.request_id, failure.what());
            Response fallback = core_.responder.internal_error(request);
            Responder::finish(request, fallback);
            return to_beast(std::move(fallback), head, version);
        }
    };
    auto prepare = [&] { return outgoing(make()); };
    const bool found = routed.outcome == Router::Outcome::found && !routed.is_static;
    const bool inline_route = routed.from_memory || (found && routed.match.options->on_io_thread);
    const bool deferred_route = !routed.from_memory && found && routed.match.options->deferred;
    // Not a conditional expression: g++ 12 mishandles the lifetime of a co_await's result there.
    std::optional<Outgoing> made;
    if (inline_route) {
        made.emplace(prepare());
    } else if (deferred_route) {
        const auto& options = *routed.match.options;
        const bool answer_here = options.answer_on_io_thread;
        const bool start_here = options.start_here && options.start_here(request);
        made.emplace(co_await on_pool_deferred(
            core_.pool,
            [&request, &routed, &outgoing, answer_here,
             this](std::function<void(MakeOutgoing)> done) {
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
                    routed.match.options->deferred(request, reply);
                } catch (...) {
                    auto failure = std::current_exception();
                    reply([failure]() -> Response { std::rethrow_exception(failure); });
                }
            },
            start_here));
    } else {
        made.emplace(co_await on_pool<Outgoing>(core_.pool, std::move(prepare)));
    }
    Outgoing& out = *made;
    keep_alive = keep_alive && !core_.stopping;
    std::visit([&](auto& message) { message.keep_alive(keep_alive); }, out.message);

    beast::error_code ec;
    if (auto* message = std::get_if<MemoryMessage>(&out.message)) {
        ec = co_await write_memory(*message);
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

// The header block and the body in one gathered write, piece by piece as above.
asio::awaitable<beast::error_code> Connection::write_memory(const MemoryMessage& message) {
    const std::array<asio::const_buffer, 3> parts{asio::buffer(message.head),
                                                  asio::buffer(message.head_end()),
                                                  asio::buffer(message.body_bytes())};
    beast::buffers_suffix<std::array<asio::const_buffer, 3>> rest(parts);
    beast::error_code ec;
    // Most answers fit in the socket's send buffer: written at once, without a timer (the socket
    // does not block; see Server::Impl::take).
    rest.consume(stream_.socket().write_some(rest, ec));
    if (ec == asio::error::would_block) ec = {};
    while (!ec && beast::buffer_bytes(rest) > 0) {
        stream_.expires_after(core_.config.body_timeout);
        auto written =
            co_await stream_.async_write_some(rest, asio::redirect_error(asio::use_awaitable, ec));
        rest.consume(written);
    }
    co_return ec;
}

void Connection::record(const Request& request, const Routed& routed, const Outgoing& out,
                        Clock::time_point started) {
    std::chrono::duration<double> elapsed = Clock::now() - started;
    core_.metrics.observe(Responder::metrics_label(routed), request.method, out.status,
                          elapsed.count());
    if (!core_.access_log.enabled()) return;
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

}  // namespace wangju::http
