#include "web/api_body.h"

#include "domain/error.h"

namespace wangju::web {

nlohmann::json json_object_body(const http::Request& request) {
    auto body = request.json();
    if (!body.is_object()) throw_invalid("请求内容应为JSON对象");
    return body;
}

const nlohmann::json& field_of(const nlohmann::json& body, const char* field) {
    static const nlohmann::json missing;
    const auto it = body.find(field);
    return it == body.end() ? missing : *it;
}

nlohmann::json checked_body(const http::Request& request, const CurrentUser& user) {
    require_csrf(request, user);
    return json_object_body(request);
}

}  // namespace wangju::web
