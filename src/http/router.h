// Routes a method and a path to a handler. Patterns are literal segments and "{name}" segments
// that capture one path segment; a last segment "{name...}" captures the rest of the path.
// A GET route answers HEAD too.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/body_sink.h"
#include "http/message.h"

namespace wangju::http {

// How a deferred route answers (RouteOptions::deferred).
using Reply = std::function<void(std::function<Response()>)>;

struct RouteOptions {
    std::size_t max_body = 64 * 1024;  // larger bodies are refused with 413 before being read
    // What the 413 answer says, naming the limit the user met; empty: a general message.
    std::string too_large{};
    // The handler touches neither the database nor the disk and returns at once (a page served
    // from memory): it runs on the connection's I/O thread, saving the hop to the worker pool.
    bool on_io_thread = false;
    // Tried on the I/O thread before the handler: an answer from memory (a cached page), or empty
    // when the handler must run on the worker pool. Must not block, touch the database or the disk.
    std::function<std::optional<Response>(Request&)> from_memory = nullptr;
    // When set, the body is streamed to the sink this makes instead of being read into
    // Request::body, and the sink's finish() makes the answer: the route's handler is not called.
    // max_body still bounds a declared Content-Length.
    BodySinkFactory body_sink = nullptr;
    // When set, the route answers later, without holding a worker thread while it waits:
    // `deferred` runs on the worker pool (or, see start_here, on the connection's I/O thread) in
    // place of the handler, hands its work on (to a writer that commits many requests in one
    // transaction, say) and returns. The answer is made when the work calls the Reply it was
    // given, once, from any thread, with a function that makes the response (an Error it throws
    // is rendered as usual). If `deferred` throws, it must not have handed the Reply on.
    std::function<void(Request&, Reply)> deferred = nullptr;
    // For a deferred route whose answers are small and made from values the Reply's function
    // holds (no database, no disk, no page to render): the answer is made on the connection's
    // I/O thread instead of on another trip to the worker pool.
    bool answer_on_io_thread = false;
    // For a deferred route: tried on the I/O thread; true when `deferred` may run there, because
    // everything it reads for this request is held in memory and it neither blocks nor touches
    // the database or the disk. It saves the hop to the worker pool. Must itself not block.
    std::function<bool(const Request&)> start_here = nullptr;
};

class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
    // A route that answers later (RouteOptions::deferred). Its handler, for a caller that runs
    // handlers directly, waits for the reply.
    void add_deferred(std::string method, std::string pattern,
                      std::function<void(Request&, Reply)> deferred, RouteOptions options = {});

    // What a request matched; handler, options and pattern point into the router, which must
    // outlive the match and take no more routes meanwhile.
    struct Match {
        const Handler* handler = nullptr;
        const RouteOptions* options = nullptr;
        std::string_view pattern;
        std::map<std::string, std::string> params;
    };
    enum class Outcome { found, not_found, method_not_allowed };
    // On method_not_allowed, `allowed` lists the methods the path answers ("GET, POST").
    Outcome match(std::string_view method, std::string_view path, Match& out,
                  std::string* allowed = nullptr) const;

    struct RouteName {
        std::string method;
        std::string pattern;  // "/api/v1/rounds/{id}"
    };
    // Every route in the order added, for what covers each one (the generated request tests).
    std::vector<RouteName> route_names() const;

  private:
    enum class SegmentKind { literal, capture, rest };
    struct Segment {
        SegmentKind kind;
        std::string text;  // the literal, or the capture's name
    };
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<Segment> segments;
        Handler handler;
        RouteOptions options;
    };
    // The routes by their segments, so that a request is tried only against the routes whose
    // literal segments it has: one lookup per segment instead of a test of every route.
    struct Node {
        std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
        std::unique_ptr<Node> capture;
        std::vector<std::size_t> ends;   // routes whose pattern ends at this node
        std::vector<std::size_t> rests;  // routes whose "{name...}" follows this node
    };
    void candidates(const Node& node, const std::vector<std::string_view>& path, std::size_t at,
                    std::vector<std::size_t>& out) const;

    std::vector<Route> routes_;
    Node root_;
};

}  // namespace wangju::http
