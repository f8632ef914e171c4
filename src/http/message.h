// The program's own small request and response types. Handlers see only these; Boost.Beast and
// Asio stay inside http/*.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace wangju::http {

using Headers = std::vector<std::pair<std::string, std::string>>;  // names in lower case

struct Request {
    std::string method;        // "GET", "POST", ...
    std::string target;        // as received: "/units/binhai?page=2"
    std::string path;          // percent-decoded path: "/units/binhai"
    std::string query_string;  // "page=2"
    Headers headers;
    std::string body;
    std::string client_address;  // peer address, or X-Forwarded-For's first hop when trusted
    bool secure = false;         // reached over HTTPS (X-Forwarded-Proto: https, when trusted)
    std::string request_id;      // also sent back as X-Request-Id
    std::map<std::string, std::string> params;  // captured by the route pattern
    std::string route;                          // the matched pattern, e.g. "/api/v1/units/{code}"

    std::optional<std::string_view> header(std::string_view lower_case_name) const;
    std::optional<std::string> cookie(std::string_view name) const;
    std::optional<std::string> query(std::string_view name) const;
    // application/x-www-form-urlencoded body; throws Error(invalid_input) when malformed.
    std::multimap<std::string, std::string> form() const;
    // JSON body; throws Error(invalid_input) with a Chinese message when not valid JSON.
    nlohmann::json json() const;
    // True for /api/ paths: errors are answered as JSON, not as pages.
    bool is_api() const;
};

struct Cookie {
    std::string name;
    std::string value;
    std::string path = "/";
    std::optional<int> max_age;  // seconds; 0 deletes
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";
};
std::string format_set_cookie(const Cookie& cookie);

// A file the handler opened itself, closed when the last holder lets go. A temporary file can be
// removed from its folder once opened: its bytes stay readable until it is closed.
class OpenFile {
  public:
    // Opens `path` for reading; throws std::system_error naming it.
    explicit OpenFile(const std::filesystem::path& path);
    ~OpenFile();
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    int descriptor() const { return fd_; }
    std::uint64_t size() const;

  private:
    int fd_ = -1;
};

// A body read from a file on the worker pool and streamed by the server.
struct FileBody {
    std::filesystem::path path;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    // The whole file's bytes when it is held in memory; then the file is not opened.
    std::shared_ptr<const std::string> content;
    // Sent from this open file instead of opening `path` (which may no longer exist).
    std::shared_ptr<const OpenFile> opened;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    std::optional<FileBody> file;  // when set, `body` is ignored

    static Response html(std::string body, int status = 200);
    static Response json(const nlohmann::json& value, int status = 200);
    static Response text(std::string body, std::string content_type = "text/plain; charset=utf-8",
                         int status = 200);
    static Response redirect(std::string location, int status = 303);
    static Response no_content();

    // Replaces a header of that name if present.
    Response& set_header(std::string lower_case_name, std::string value);
    Response& add_header(std::string lower_case_name, std::string value);
    std::optional<std::string_view> header(std::string_view lower_case_name) const;
    Response& set_cookie(const Cookie& cookie);
};

using Handler = std::function<Response(Request&)>;

// Throws Error(invalid_input) on a malformed escape ("%", "%4", "%zz").
std::string percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);
// "a=1&b=%E5%B7%A5" -> {a:1, b:工}; throws Error(invalid_input) on bad escapes.
std::multimap<std::string, std::string> parse_urlencoded(std::string_view text);

}  // namespace wangju::http
