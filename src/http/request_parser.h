// The request parser as a connection configures it, and the steps of reading a request that need
// no socket: limits before and after the route is known, and the head handed to make_request.
// Private to src/http: it names Beast types.
#pragma once

#include "http/beast_pch.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/incoming_request.h"

namespace wangju::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

using RequestParser = bhttp::request_parser<bhttp::string_body>;
// Decodes a chunked body into a buffer the caller supplies, piece by piece (a streamed body).
using StreamingRequestParser = bhttp::request_parser<bhttp::buffer_body>;

// Readies `parser` for a request's header: at most `max_header_bytes`. The route decides the body
// limit; until it is known, a large Content-Length must not fail the header read (it is answered
// with 413 once the route is known).
void limit_header(RequestParser& parser, std::size_t max_header_bytes);

// The parsed header as make_request takes it, field names in lower case.
RequestHead head_of(const RequestParser::value_type& message, std::string peer);

// Once the route is known: false when the declared Content-Length exceeds `max_body` (refused
// before a byte of the body is read); otherwise the body is limited to `max_body` and true.
bool limit_body(RequestParser& parser, std::uint64_t max_body);

}  // namespace wangju::http
