#include "http/request_parser.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace wangju::http {

void limit_header(RequestParser& parser, std::size_t max_header_bytes) {
    parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
    // Not boost::none: Beast 1.74 compares the length with the optional and would refuse every
    // body.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
}

RequestHead head_of(const RequestParser::value_type& message, std::string peer) {
    RequestHead head;
    head.method = std::string(message.method_string());
    head.target = std::string(message.target());
    head.peer_address = std::move(peer);
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        head.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    return head;
}

bool limit_body(RequestParser& parser, std::uint64_t max_body) {
    if (parser.content_length() && *parser.content_length() > max_body) return false;
    parser.body_limit(max_body);
    return true;
}

}  // namespace wangju::http
