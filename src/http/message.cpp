#include "http/message.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju::http {

namespace {

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (key == name) return std::string_view(value);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
    return find_header(headers, lower_case_name);
}

// Cookie headers are "a=1; b=2"; several Cookie headers may be sent and are all searched.
std::optional<std::string> Request::cookie(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            auto end = rest.find(';');
            auto pair = trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
            auto equals = pair.find('=');
            if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
            auto cookie_value = trim(pair.substr(equals + 1));
            if (cookie_value.size() >= 2 && cookie_value.front() == '"' &&
                cookie_value.back() == '"')
                cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
            return std::string(cookie_value);
        }
    }
    return std::nullopt;
}

std::optional<std::string> Request::query(std::string_view name) const {
    auto values = parse_urlencoded(query_string);
    auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
}

std::multimap<std::string, std::string> Request::form() const {
    return parse_urlencoded(body);
}

nlohmann::json Request::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error&) {
        throw Error(ErrorKind::invalid_input, "请求内容不是有效的JSON");
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double (1e400) fails as out of range, not as a parse error.
        throw Error(ErrorKind::invalid_input, "请求内容中有超出范围的数字");
    }
}

bool Request::is_api() const {
    return path == "/api" || path.starts_with("/api/");
}

std::string format_set_cookie(const Cookie& cookie) {
    std::string out = cookie.name + "=" + cookie.value;
    if (!cookie.path.empty()) out += "; Path=" + cookie.path;
    if (cookie.max_age) out += "; Max-Age=" + std::to_string(*cookie.max_age);
    if (cookie.http_only) out += "; HttpOnly";
    if (cookie.secure) out += "; Secure";
    if (!cookie.same_site.empty()) out += "; SameSite=" + cookie.same_site;
    return out;
}

Response Response::html(std::string body, int status) {
    return text(std::move(body), "text/html; charset=utf-8", status);
}

Response Response::json(const nlohmann::json& value, int status) {
    // A string that is not valid UTF-8 (an error message quoting bytes that someone sent, say) is
    // written with U+FFFD in place of the bad bytes, rather than failing the whole answer.
    return text(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                "application/json; charset=utf-8", status);
}

Response Response::text(std::string body, std::string content_type, int status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.set_header("content-type", std::move(content_type));
    return response;
}

Response Response::redirect(std::string location, int status) {
    Response response;
    response.status = status;
    response.set_header("location", std::move(location));
    return response;
}

Response Response::no_content() {
    Response response;
    response.status = 204;
    return response;
}

Response& Response::set_header(std::string lower_case_name, std::string value) {
    auto same_name = [&](const auto& header) { return header.first == lower_case_name; };
    auto found = std::find_if(headers.begin(), headers.end(), same_name);
    if (found == headers.end()) return add_header(std::move(lower_case_name), std::move(value));
    found->second = std::move(value);
    headers.erase(std::remove_if(std::next(found), headers.end(), same_name), headers.end());
    return *this;
}

Response& Response::add_header(std::string lower_case_name, std::string value) {
    // A response carries about ten fields (its own and the security headers): room for them at
    // once, rather than growing four times.
    if (headers.capacity() == 0) headers.reserve(12);
    headers.emplace_back(std::move(lower_case_name), std::move(value));
    return *this;
}

std::optional<std::string_view> Response::header(std::string_view lower_case_name) const {
    return find_header(headers, lower_case_name);
}

Response& Response::set_cookie(const Cookie& cookie) {
    return add_header("set-cookie", format_set_cookie(cookie));
}

OpenFile::OpenFile(const std::filesystem::path& path)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "open " + path.string());
}

OpenFile::~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
}

std::uint64_t OpenFile::size() const {
    struct stat info {};
    if (::fstat(fd_, &info) != 0) throw std::system_error(errno, std::generic_category(), "fstat");
    return static_cast<std::uint64_t>(info.st_size);
}

}  // namespace wangju::http
