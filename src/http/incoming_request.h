// Builds the handler's Request from what the connection read: the part that needs no sockets,
// so that it can be tested alone.
#pragma once

#include <string>

#include "http/message.h"

namespace wangju::http {

struct RequestHead {
    std::string method;
    std::string target;
    Headers headers;  // names in lower case
    std::string peer_address;
};

// Picks the client address and the request id, and splits the target; `path` is left encoded
// for decode_path. X-Forwarded-For and X-Forwarded-Proto are believed only when
// `trust_forwarded`. Does not throw for a bad target, so that its error can carry the id.
Request make_request(RequestHead head, bool trust_forwarded);
// Percent-decodes `path` in place. Throws Error(invalid_input) when it holds a malformed escape
// or a NUL, or is not absolute.
void decode_path(Request& request);

}  // namespace wangju::http
