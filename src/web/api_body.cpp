#include "web/api_body.h"

#include "domain/error.h"

namespace wangju::web {

nlohmann::json json_object_body(const http::Request& request) {
    auto body = request.json();
    if (!body.is_object()) throw_invalid("请求内容应为JSON对象");
    return body;
}

nlohmann::json checked_body(const http::Request& request, const CurrentUser& user) {
    require_csrf(request, user);
    return json_object_body(request);
}

}  // namespace wangju::web
