// A request body that is streamed to its handler piece by piece instead of being collected in
// memory (large uploads). The route opts in with RouteOptions::body_sink.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "http/message.h"

namespace wangju::http {

// Receives the body of one request. Every call runs on the worker pool, one at a time, in order.
class BodySink {
  public:
    virtual ~BodySink() = default;
    // The next piece of the body (at most 1 MiB; it starts on a 4 KiB boundary in memory, and
    // every piece but the last of a body of known length is exactly 1 MiB). Throwing an Error stops
    // reading: the error is the answer and the connection closes; abandon() is called next.
    virtual void write(std::string_view piece) = 0;
    // The whole body arrived: makes the answer. An Error it throws becomes the answer.
    virtual Response finish() = 0;
    // The body will not arrive whole (the client went away or stalled, or write() threw). Keeps or
    // discards what was written, as the handler chooses. Must not throw.
    virtual void abandon() noexcept = 0;
};

// Called once the request's header is known (on the worker pool, before a byte of the body is
// read), with request.body empty. It checks the request and returns the sink, or throws an Error
// that becomes the answer (the body is then not read and the connection closes).
using BodySinkFactory = std::function<std::unique_ptr<BodySink>(Request&)>;

}  // namespace wangju::http
