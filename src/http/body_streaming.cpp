// A request body handed to its route's sink piece by piece instead of collected in memory: a body
// of known length read straight into the piece, a chunked one decoded by Beast's parser.
#include "http/connection.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>

namespace wangju::http {

namespace {

constexpr std::size_t piece_alignment = 4096;

struct FreeAligned {
    void operator()(char* piece) const { std::free(piece); }
};

}  // namespace

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
    // Aligned to a page, so that a sink may hand the piece to the disk past the page cache
    // (media/durable_file.h: write_direct).
    std::unique_ptr<char, FreeAligned> piece(
        static_cast<char*>(std::aligned_alloc(piece_alignment, piece_bytes)));
    if (!piece) throw std::bad_alloc();
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
        auto room =
            static_cast<std::size_t>(std::min<std::uint64_t>(piece.size() - filled, length));
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
                sink = routed.match.options->body_sink(request);
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

}  // namespace wangju::http
