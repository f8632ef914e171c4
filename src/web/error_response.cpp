#include "web/error_response.h"

#include <spdlog/spdlog.h>

#include "web/messages.h"
#include "web/page_forms.h"
#include "web/view.h"

namespace wangju::web {
namespace {

http::Response api_error(const Error& error) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, text] : error.fields()) fields[name] = text;
    nlohmann::json body = {{"error",
                            {{"code", std::string(error_code(error.kind()))},
                             {"message", error.message()},
                             {"fields", fields}}}};
    auto response = http::Response::json(body, http_status(error.kind()));
    if (auto seconds = error.retry_after()) {
        response.set_header("retry-after", std::to_string(*seconds));
    }
    return response;
}

http::Response error_page(const http::Request& request, const Error& error, const CurrentUser* user,
                          const WebConfig* config) {
    int status = http_status(error.kind());
    nlohmann::json data = {{"status", std::to_string(status)},
                           {"error", error_json(error)},
                           {"retry", error.retry_after().has_value()}};
    PageFrame frame{message("error.title"), user, config, status};
    auto response = render_page(request, frame, "error", std::move(data));
    if (auto seconds = error.retry_after()) {
        response.set_header("retry-after", std::to_string(*seconds));
    }
    return response;
}

// A 303 whose body also leads on (a link, and a refresh for a client that shows the body
// rather than following the status), so that the way to the log-in page is never a dead end.
http::Response redirect_page(const http::Request& request, const Error& error,
                             const std::string& location, const char* link_text) {
    nlohmann::json data = {
        {"location", location}, {"refresh_to", location}, {"link_text", message(link_text)}};
    PageFrame frame{error.message(), nullptr, nullptr, 303};
    auto response = render_page(request, frame, "redirect", std::move(data));
    response.set_header("location", location);
    response.set_header("cache-control", "no-store");
    return response;
}

std::optional<http::Response> redirect_for(const http::Request& request, const Error& error) {
    if (error.kind() == ErrorKind::unauthenticated) {
        auto location = "/login?next=" + http::percent_encode(login_redirect_target(request));
        return redirect_page(request, error, location, "nav.login");
    }
    if (error.kind() == ErrorKind::password_change_required && request.path != "/account") {
        return redirect_page(request, error, "/account", "nav.account");
    }
    return std::nullopt;
}

}  // namespace

std::string login_redirect_target(const http::Request& request) {
    if (request.method != "GET" && request.method != "HEAD") return "/";
    return local_path_or(request.target, "/");
}

http::Response render_error(const http::Request& request, const Error& error) {
    if (request.is_api()) return api_error(error);
    if (auto redirect = redirect_for(request, error)) return *redirect;
    return error_page(request, error, nullptr, nullptr);
}

http::ErrorRenderer page_error_renderer(WebContext& web) {
    return [&web](const http::Request& request, const Error& error) {
        if (request.is_api()) return api_error(error);
        if (auto redirect = redirect_for(request, error)) return *redirect;
        std::optional<CurrentUser> user;
        try {
            user = current_user(web, request);
        } catch (const std::exception& e) {
            // The store may be the very reason for the error; the page is drawn without a user.
            spdlog::debug("error page without user: {}", e.what());
        }
        return error_page(request, error, user ? &*user : nullptr, &web.config);
    };
}

}  // namespace wangju::web
