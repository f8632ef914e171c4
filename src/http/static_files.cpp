#include "http/static_files.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "domain/error.h"
#include "http/byte_range.h"
#include "http/content_type.h"
#include "http/http_date.h"

namespace wangju::http {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view prefix = "/static/";

[[noreturn]] void not_found() {
    throw Error(ErrorKind::not_found, "页面不存在");
}

// `request.path` is already percent-decoded, so "%2e%2e" and "%5c" arrive here as ".." and "\".
bool is_safe_relative(std::string_view rest) {
    if (rest.empty() || rest.front() == '/') return false;
    if (rest.find("..") != std::string_view::npos) return false;
    if (rest.find('\\') != std::string_view::npos) return false;
    if (rest.find('\0') != std::string_view::npos) return false;
    return rest.find("//") == std::string_view::npos;
}

bool is_inside(const fs::path& file, const fs::path& root) {
    auto [root_end, file_at] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return root_end == root.end() && file_at != file.end();
}

// Resolves symbolic links too, so that a link pointing out of the root is refused. Empty when
// `relative` is not a regular file inside `root` (which is already canonical).
std::optional<fs::path> resolve_inside(const fs::path& root, const fs::path& relative) {
    std::error_code error;
    auto file = fs::weakly_canonical(root / relative, error);
    if (error || !is_inside(file, root) || !fs::is_regular_file(file, error) || error)
        return std::nullopt;
    return file;
}

fs::path resolve(const Request& request, const fs::path& canonical_root) {
    std::string_view path = request.path;
    if (!path.starts_with(prefix)) not_found();
    auto rest = path.substr(prefix.size());
    if (!is_safe_relative(rest)) not_found();
    auto file = resolve_inside(canonical_root, fs::path(std::string(rest)));
    if (!file) not_found();
    return *file;
}

struct FileFacts {
    fs::path path;
    std::uint64_t size = 0;
    std::chrono::system_clock::time_point modified;
    std::string etag;
};

FileFacts facts_of(fs::path path) {
    std::error_code error;
    FileFacts facts;
    facts.size = fs::file_size(path, error);
    if (error) not_found();
    auto written = fs::last_write_time(path, error);
    if (error) not_found();
    facts.modified = std::chrono::file_clock::to_sys(written);
    auto nanoseconds =
        std::chrono::duration_cast<std::chrono::nanoseconds>(facts.modified.time_since_epoch());
    facts.etag = fmt::format("\"{:x}-{:x}\"", facts.size, nanoseconds.count());
    facts.path = std::move(path);
    return facts;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Splits a comma-separated header value ("gzip, br", "\"a\", W/\"b\"") and trims each item.
std::vector<std::string_view> list_items(std::string_view value) {
    std::vector<std::string_view> items;
    while (!value.empty()) {
        auto comma = value.find(',');
        if (auto item = trim(value.substr(0, comma)); !item.empty()) items.push_back(item);
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    }
    return items;
}

bool accepts_gzip(const Request& request) {
    auto accept = request.header("accept-encoding");
    if (!accept) return false;
    for (auto item : list_items(*accept)) {
        auto semicolon = item.find(';');
        if (trim(item.substr(0, semicolon)) != "gzip") continue;
        auto params = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        auto weight = trim(params.substr(q + 2));
        return !(weight.starts_with('0') &&
                 weight.find_first_not_of("0.") == std::string_view::npos);
    }
    return false;
}

// Weak comparison, as RFC 9110 asks for If-None-Match.
bool etag_matches(std::string_view list, const std::string& etag) {
    for (auto item : list_items(list)) {
        if (item == "*") return true;
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == etag) return true;
    }
    return false;
}

bool not_modified(const Request& request, const FileFacts& facts) {
    if (auto if_none_match = request.header("if-none-match"))
        return etag_matches(*if_none_match, facts.etag);
    auto if_modified_since = request.header("if-modified-since");
    if (!if_modified_since) return false;
    auto since = parse_http_date(*if_modified_since);
    return since && std::chrono::floor<std::chrono::seconds>(facts.modified) <= *since;
}

bool is_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

// A name with a content hash in it ("app.3f9a12bc.js") never changes its content.
bool is_fingerprinted(const fs::path& file) {
    const std::string filename = file.filename().string();
    std::string_view name = filename;
    while (true) {
        auto dot = name.find('.');
        auto part = name.substr(0, dot);
        if (part.size() >= 8 && is_hex(part)) return true;
        if (dot == std::string_view::npos) return false;
        name.remove_prefix(dot + 1);
    }
}

void add_common_headers(Response& response, const fs::path& original, const FileFacts& facts) {
    response.set_header("etag", facts.etag);
    response.set_header("last-modified", format_http_date(facts.modified));
    response.set_header("cache-control", is_fingerprinted(original)
                                             ? "public, max-age=31536000, immutable"
                                             : "public, max-age=300");
}

// If-Range names the version the client holds; for any other version the range is ignored.
bool range_applies(const Request& request, const FileFacts& facts) {
    auto if_range = request.header("if-range");
    return !if_range || *if_range == facts.etag;
}

Response with_body(Response response, const FileFacts& facts, ByteRange range) {
    response.file = FileBody{facts.path, range.offset, range.length};
    return response;
}

Response ranged(const Request& request, Response response, const FileFacts& facts) {
    auto range_header = request.header("range");
    if (!range_header || !range_applies(request, facts))
        return with_body(std::move(response), facts, {0, facts.size});
    auto range = parse_range(*range_header, facts.size);
    switch (range.kind) {
        case RangeRequest::Kind::whole:
            return with_body(std::move(response), facts, {0, facts.size});
        case RangeRequest::Kind::unsatisfiable:
            response.status = 416;
            response.set_header("content-range", fmt::format("bytes */{}", facts.size));
            return response;
        case RangeRequest::Kind::partial:
            break;
    }
    response.status = 206;
    auto last = range.range.offset + range.range.length - 1;
    response.set_header("content-range",
                        fmt::format("bytes {}-{}/{}", range.range.offset, last, facts.size));
    return with_body(std::move(response), facts, range.range);
}

}  // namespace

Response serve_static(const Request& request, const fs::path& root) {
    std::error_code error;
    auto canonical_root = fs::weakly_canonical(root, error);
    if (error) not_found();
    auto original = resolve(request, canonical_root);
    auto compressed = resolve_inside(canonical_root, fs::path(original.native() + ".gz"));
    bool use_gzip = compressed && accepts_gzip(request) && !request.header("range");
    auto facts = facts_of(use_gzip ? *compressed : original);

    Response response;
    add_common_headers(response, original, facts);
    if (compressed) response.set_header("vary", "Accept-Encoding");
    if (not_modified(request, facts)) {
        response.status = 304;
        return response;
    }
    response.set_header("content-type", std::string(content_type_for(original)));
    if (use_gzip) {
        response.set_header("content-encoding", "gzip");
        return with_body(std::move(response), facts, {0, facts.size});
    }
    response.set_header("accept-ranges", "bytes");
    return ranged(request, std::move(response), facts);
}

}  // namespace wangju::http
