// Typed errors of the whole program. Code below the web layer throws these; the HTTP layer maps
// each kind to a status once (http/error_mapping), and the web layer renders it as a Chinese page or
// as the JSON error of the API. Anything that is not an Error is a 500 with an id in the log.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wangju {

enum class ErrorKind {
    invalid_input,      // 400 (422 for a well-formed request with bad fields is not used: 400)
    unauthenticated,    // 401
    forbidden,          // 403
    csrf_failed,        // 403
    not_found,          // 404
    method_not_allowed, // 405
    timeout,            // 408
    conflict,           // 409
    payload_too_large,  // 413
    deadline_passed,    // 409 with code deadline_passed
    quota_full,         // 409 with code quota_full
    too_many_requests,  // 429 (with retry_after)
    password_change_required,  // 403 until the user sets a new password
    unavailable,        // 503
};

// The stable machine name of a kind, used as "code" in the API's JSON error.
std::string_view error_code(ErrorKind kind);
int http_status(ErrorKind kind);

class Error : public std::runtime_error {
public:
    // `message` is for the user and is in Simplified Chinese. `fields` maps a form field name to
    // what is wrong with it, also in Chinese.
    Error(ErrorKind kind, std::string message, std::map<std::string, std::string> fields = {});

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& message() const noexcept { return message_; }
    const std::map<std::string, std::string>& fields() const noexcept { return fields_; }
    // Seconds after which the client may try again (too_many_requests).
    std::optional<int> retry_after() const noexcept { return retry_after_; }
    Error& with_retry_after(int seconds) {
        retry_after_ = seconds;
        return *this;
    }

private:
    ErrorKind kind_;
    std::string message_;
    std::map<std::string, std::string> fields_;
    std::optional<int> retry_after_;
};

[[noreturn]] void throw_invalid(std::string message, std::map<std::string, std::string> fields = {});
[[noreturn]] void throw_not_found(std::string message);
[[noreturn]] void throw_forbidden(std::string message = "您没有权限执行此操作");
[[noreturn]] void throw_conflict(std::string message);

}  // namespace wangju
