#include "http/incoming_request.h"

#include "domain/error.h"
#include "domain/text.h"
#include "http/request_id.h"

namespace wangju::http {

namespace {

void split_target(Request& request) {
    std::string_view target = request.target;
    auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string_view::npos) request.query_string = target.substr(question + 1);
}

void apply_forwarded(Request& request) {
    if (auto forwarded_for = request.header("x-forwarded-for")) {
        auto first_hop = trim(forwarded_for->substr(0, forwarded_for->find(',')));
        if (!first_hop.empty()) request.client_address = first_hop;
    }
    if (auto proto = request.header("x-forwarded-proto")) request.secure = trim(*proto) == "https";
}

}  // namespace

Request make_request(RequestHead head, bool trust_forwarded) {
    Request request;
    request.method = std::move(head.method);
    request.target = std::move(head.target);
    request.headers = std::move(head.headers);
    request.client_address = std::move(head.peer_address);
    auto client_id = request.header("x-request-id");
    request.request_id =
        client_id && is_valid_request_id(*client_id) ? std::string(*client_id) : make_request_id();
    if (trust_forwarded) apply_forwarded(request);
    split_target(request);
    return request;
}

void decode_path(Request& request) {
    if (!request.path.starts_with('/')) throw Error(ErrorKind::invalid_input, "请求路径无效");
    std::string decoded = percent_decode(request.path, false);
    if (decoded.find('\0') != std::string::npos)
        throw Error(ErrorKind::invalid_input, "请求路径无效");
    request.path = std::move(decoded);
}

}  // namespace wangju::http
