// The bytes a client sends on a connection, read as Connection::serve_next reads them: the header
// within the server's limit, the request made from it and its path decoded, the route found, the
// declared length checked against the route's limit, then the body collected or, for a route
// that streams its body, decoded chunk by chunk. The first byte says how many bytes arrive at a
// time, as a slow client or a small TCP segment would hand them over.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "domain/error.h"
#include "http/request_parser.h"
#include "http/router.h"
#include "http/server.h"

namespace {

using namespace wangju::http;

// Routes of each kind the server has: a plain one, captures, a large body, a streamed body and
// the static tree.
const Router& routes() {
    static const Router router = [] {
        Router r;
        Handler none = [](Request&) { return Response::no_content(); };
        r.add("GET", "/healthz", none);
        r.add("POST", "/api/v1/units/{code}/move", none);
        RouteOptions attachment;
        attachment.max_body = 1024 * 1024;
        r.add("POST", "/api/v1/articles/{id}/attachments", none, attachment);
        RouteOptions upload;
        upload.max_body = std::uint64_t{1} << 40;
        upload.body_sink = [](Request&) { return std::unique_ptr<BodySink>(); };
        r.add("PATCH", "/api/v1/uploads/{id}", none, upload);
        r.add("GET", "/static/{path...}", none);
        return r;
    }();
    return router;
}

// Hands `input` to `parser` at most `step` new bytes at a time until `done`, as Beast's read loop
// does with what the socket delivers; at the end of the input the client is taken to have closed.
template <class Parser, class Done>
beast::error_code put_until(Parser& parser, std::string_view& input, std::size_t step, Done done,
                            std::span<char> piece = {}) {
    std::size_t offered = std::min(step, input.size());
    while (!done()) {
        if constexpr (std::is_same_v<Parser, StreamingRequestParser>) {
            parser.get().body().data = piece.data();
            parser.get().body().size = piece.size();
        }
        beast::error_code ec;
        auto used = parser.put(asio::buffer(input.data(), offered), ec);
        input.remove_prefix(used);
        offered -= used;
        if (ec == bhttp::error::need_buffer) continue;
        if (ec && ec != bhttp::error::need_more) return ec;
        if (ec || used == 0) {
            if (offered == input.size()) {
                // As Beast's read: a close before the first byte is no message at all.
                if (!parser.got_some()) return bhttp::error::end_of_stream;
                parser.put_eof(ec);
                return ec ? ec : beast::error_code(bhttp::error::partial_message);
            }
            offered = std::min(offered + step, input.size());
        }
    }
    return {};
}

// What handlers read of every request.
void read_fields(const Request& request) {
    (void)request.is_api();
    (void)request.cookie("wangju_session");
    try {
        (void)request.query("page");
        auto type = request.header("content-type").value_or("");
        if (type.starts_with("application/json")) (void)request.json();
        if (type.starts_with("application/x-www-form-urlencoded")) (void)request.form();
    } catch (const wangju::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t step = data[0] == 0 ? size : data[0];
    const bool trust_forwarded = data[0] % 2 == 1;
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    RequestParser parser;
    limit_header(parser, ServerConfig{}.max_header_bytes);
    if (put_until(parser, input, step, [&] { return parser.is_header_done(); })) return 0;
    auto request = make_request(head_of(parser.get(), "192.0.2.1"), trust_forwarded);
    try {
        decode_path(request);
    } catch (const wangju::Error&) {
        return 0;
    }
    Router::Match match;
    const bool found =
        routes().match(request.method, request.path, match) == Router::Outcome::found;
    const auto max_body = found ? match.options->max_body : RouteOptions{}.max_body;
    if (!limit_body(parser, max_body)) return 0;
    if (found && match.options->body_sink) {
        // A body of declared length goes to the sink unparsed; a chunked one is decoded.
        if (parser.content_length()) return 0;
        StreamingRequestParser streaming(std::move(parser));
        streaming.body_limit(max_body);
        std::array<char, 4096> piece;
        put_until(
            streaming, input, step, [&] { return streaming.is_done(); }, piece);
        return 0;
    }
    if (put_until(parser, input, step, [&] { return parser.is_done(); })) return 0;
    request.body = std::move(parser.get().body());
    read_fields(request);
    return 0;
}
