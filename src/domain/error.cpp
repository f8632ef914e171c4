#include "domain/error.h"

namespace wangju {

std::string_view error_code(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input: return "invalid_input";
        case ErrorKind::unauthenticated: return "unauthenticated";
        case ErrorKind::forbidden: return "forbidden";
        case ErrorKind::csrf_failed: return "csrf_failed";
        case ErrorKind::not_found: return "not_found";
        case ErrorKind::method_not_allowed: return "method_not_allowed";
        case ErrorKind::timeout: return "timeout";
        case ErrorKind::conflict: return "conflict";
        case ErrorKind::payload_too_large: return "payload_too_large";
        case ErrorKind::deadline_passed: return "deadline_passed";
        case ErrorKind::quota_full: return "quota_full";
        case ErrorKind::too_many_requests: return "too_many_requests";
        case ErrorKind::password_change_required: return "password_change_required";
        case ErrorKind::unavailable: return "unavailable";
    }
    return "error";
}

int http_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input: return 400;
        case ErrorKind::unauthenticated: return 401;
        case ErrorKind::forbidden:
        case ErrorKind::csrf_failed:
        case ErrorKind::password_change_required: return 403;
        case ErrorKind::not_found: return 404;
        case ErrorKind::method_not_allowed: return 405;
        case ErrorKind::timeout: return 408;
        case ErrorKind::conflict:
        case ErrorKind::deadline_passed:
        case ErrorKind::quota_full: return 409;
        case ErrorKind::payload_too_large: return 413;
        case ErrorKind::too_many_requests: return 429;
        case ErrorKind::unavailable: return 503;
    }
    return 500;
}

Error::Error(ErrorKind kind, std::string message, std::map<std::string, std::string> fields)
    : std::runtime_error(message), kind_(kind), message_(std::move(message)),
      fields_(std::move(fields)) {}

void throw_invalid(std::string message, std::map<std::string, std::string> fields) {
    throw Error(ErrorKind::invalid_input, std::move(message), std::move(fields));
}
void throw_not_found(std::string message) { throw Error(ErrorKind::not_found, std::move(message)); }
void throw_forbidden(std::string message) { throw Error(ErrorKind::forbidden, std::move(message)); }
void throw_conflict(std::string message) { throw Error(ErrorKind::conflict, std::move(message)); }

}  // namespace wangju
