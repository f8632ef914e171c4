#include "http/responder.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "http/static_files.h"

namespace wangju::http {

namespace {

constexpr std::string_view static_prefix = "/static/";

// Used when the error renderer itself fails: the client still gets an answer.
Response plain_error(int status, std::string message) {
    return Response::text(std::move(message), "text/plain; charset=utf-8", status);
}

}  // namespace

Responder::Responder(const Router& router, ErrorRenderer render_error,
                     std::filesystem::path static_root)
    : router_(router),
      render_error_(std::move(render_error)),
      static_files_(static_root.empty() ? nullptr
                                        : std::make_unique<StaticFiles>(std::move(static_root))) {}

std::optional<Response> Responder::from_memory(Request& request, const Routed& routed) const {
    try {
        return routed.match.options->from_memory(request);
    } catch (const Error&) {
        return std::nullopt;  // the handler meets the same error and answers it
    } catch (const std::exception& failure) {
        spdlog::warn("request {}: answer from memory failed: {}", request.request_id,
                     failure.what());
        return std::nullopt;
    }
}

std::optional<Response> Responder::cached_static(const Request& request) const {
    if (!static_files_ || (request.method != "GET" && request.method != "HEAD")) return std::nullopt;
    return static_files_->cached(request);
}

Routed Responder::route(Request& request) const {
    Routed routed;
    routed.outcome = router_.match(request.method, request.path, routed.match, &routed.allowed);
    if (routed.outcome == Router::Outcome::found) {
        request.params = std::move(routed.match.params);  // the request keeps them
        request.route = routed.match.pattern;
    } else if (routed.outcome == Router::Outcome::not_found) {
        routed.is_static = static_files_ && request.path.starts_with(static_prefix);
    }
    return routed;
}

std::size_t Responder::max_body(const Routed& routed) const {
    if (routed.outcome == Router::Outcome::found) return routed.match.options->max_body;
    return RouteOptions{}.max_body;
}

Response Responder::respond(Request& request, const Routed& routed) const {
    return guarded(request, [&] { return call(request, routed); });
}

Response Responder::guarded(Request& request, const std::function<Response()>& make) const {
    try {
        return make();
    } catch (const Error& failure) {
        return error(request, failure);
    } catch (const nlohmann::json::type_error& failure) {
        // A handler read a field of the request's JSON as a type it is not (a list where a text
        // was expected): the caller's error, not the server's.
        spdlog::debug("request {}: {}", request.request_id, failure.what());
        return error(request, Error(ErrorKind::invalid_input, "请求内容中有字段的类型不正确"));
    } catch (const std::exception& failure) {
        spdlog::error("request {} {} {} failed: {}", request.request_id, request.method,
                      request.path, failure.what());
    } catch (...) {
        spdlog::error("request {} {} {} failed with a non-standard exception", request.request_id,
                      request.method, request.path);
    }
    return internal_error(request);
}

Response Responder::call(Request& request, const Routed& routed) const {
    if (routed.outcome == Router::Outcome::found) return (*routed.match.handler)(request);
    if (routed.outcome == Router::Outcome::method_not_allowed) {
        auto response = error(request, Error(ErrorKind::method_not_allowed, "不支持该请求方法"));
        response.set_header("allow", routed.allowed);
        return response;
    }
    if (!routed.is_static) throw Error(ErrorKind::not_found, "页面不存在");
    if (request.method != "GET" && request.method != "HEAD") {
        auto response = error(request, Error(ErrorKind::method_not_allowed, "不支持该请求方法"));
        response.set_header("allow", "GET, HEAD");
        return response;
    }
    return static_files_->serve(request);
}

Response Responder::error(const Request& request, const Error& failure) const {
    Response response;
    try {
        response = render_error_(request, failure);
    } catch (const std::exception& render_failure) {
        spdlog::error("request {}: rendering an error failed: {}", request.request_id,
                      render_failure.what());
        response = plain_error(http_status(failure.kind()), failure.message());
    }
    // A renderer that forgot the status must not turn an error into a success. A redirect is a
    // real answer (a page sends someone who is not logged in to the login form).
    if (response.status < 300) response.status = http_status(failure.kind());
    if (failure.retry_after())
        response.set_header("retry-after", std::to_string(*failure.retry_after()));
    return response;
}

Response Responder::internal_error(const Request& request) const {
    auto message = fmt::format("服务器内部错误，请稍后再试（编号 {}）", request.request_id);
    Response response = error(request, Error(ErrorKind::unavailable, message));
    response.status = 500;
    return response;
}

void Responder::finish(const Request& request, Response& response) {
    response.set_header("x-request-id", request.request_id);
    add_security_headers(response);
}

std::string_view Responder::metrics_label(const Routed& routed) {
    if (routed.outcome == Router::Outcome::found) return routed.match.pattern;
    return routed.is_static ? "static" : "unmatched";
}

}  // namespace wangju::http
