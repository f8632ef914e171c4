// Turns a request into a response: routing, the handler call, static files, and every error
// the client may see. Knows nothing of sockets; the connection calls it on the worker pool.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <functional>
#include <string>

#include "domain/error.h"
#include "http/message.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace wangju::http {

struct Routed {
    Router::Outcome outcome = Router::Outcome::not_found;
    Router::Match match;
    std::string allowed;  // on method_not_allowed
    bool is_static = false;
    bool from_memory = false;  // answered from the static file cache, on the I/O thread
};

class Responder {
  public:
    Responder(const Router& router, ErrorRenderer render_error, std::filesystem::path static_root);

    // Matches the route; sets request.params and request.route when found.
    Routed route(Request& request) const;
    // Largest body the matched route accepts.
    std::size_t max_body(const Routed& routed) const;
    // Calls the handler (or serves the static file, or renders the 404 or 405). Never throws:
    // an Error becomes its page, anything else a 500 that names the request id, and is logged.
    Response respond(Request& request, const Routed& routed) const;
    // A static file's answer from memory, without touching the disk, when the cache holds a
    // fresh copy (GET and HEAD only); empty otherwise, and respond() then goes to the disk.
    std::optional<Response> cached_static(const Request& request) const;
    // The route's answer from memory (RouteOptions::from_memory), or empty; a failure there is
    // logged and leaves the request to the handler.
    std::optional<Response> from_memory(Request& request, const Routed& routed) const;
    // Runs `make` with the same error mapping as respond(): for a streamed body's sink.
    Response guarded(Request& request, const std::function<Response()>& make) const;
    // Renders `error`, adding Retry-After when it has one. Never throws.
    Response error(const Request& request, const Error& error) const;
    // The 500 answer; the id lets support find the log line.
    Response internal_error(const Request& request) const;
    // Adds X-Request-Id and the security headers.
    static void finish(const Request& request, Response& response);
    // The route label for metrics: the pattern, "static" or "unmatched".
    static std::string_view metrics_label(const Routed& routed);

  private:
    Response call(Request& request, const Routed& routed) const;

    const Router& router_;
    ErrorRenderer render_error_;
    std::unique_ptr<StaticFiles> static_files_;  // empty without a static root
};

}  // namespace wangju::http
