#include "http/server.h"

namespace wangju::http {

namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

void add_unless_set(Response& response, const char* name, const char* value) {
    if (!response.header(name)) response.add_header(name, value);
}

}  // namespace

void add_security_headers(Response& response) {
    add_unless_set(response, "content-security-policy", content_security_policy);
    add_unless_set(response, "x-content-type-options", "nosniff");
    add_unless_set(response, "x-frame-options", "DENY");
    add_unless_set(response, "referrer-policy", "strict-origin-when-cross-origin");
}

}  // namespace wangju::http
