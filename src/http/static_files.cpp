#include "http/static_files.h"

#include <algorithm>
#include <fstream>
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

struct FileFacts {
    fs::path path;
    std::uint64_t size = 0;
    std::chrono::system_clock::time_point modified;
    std::string etag;
    std::string last_modified;  // `modified` as an HTTP date

    // Size and modification time the same: the bytes read before are still the file's.
    bool same_version(const FileFacts& other) const {
        return etag == other.etag && path == other.path;
    }
};

// What is known of one requested path: its file, the precompressed variant if any, and, for
// small files, their bytes.
struct StaticFiles::Entry {
    fs::path original;
    FileFacts plain;
    std::optional<FileFacts> gz;
    // Headers that depend only on the file, made once rather than for every answer.
    std::string content_type;
    std::string cache_control;
    std::shared_ptr<const std::string> plain_bytes;
    std::shared_ptr<const std::string> gz_bytes;
    std::chrono::steady_clock::time_point checked_at;

    std::uint64_t size_in_memory() const {
        return (plain_bytes ? plain_bytes->size() : 0) + (gz_bytes ? gz_bytes->size() : 0);
    }
};

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
    facts.last_modified = format_http_date(facts.modified);
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

std::string cache_control_for(const fs::path& original) {
    return is_fingerprinted(original) ? "public, max-age=31536000, immutable"
                                      : "public, max-age=300";
}

void add_common_headers(Response& response, const StaticFiles::Entry& entry,
                        const FileFacts& facts) {
    response.headers.reserve(8);
    response.set_header("etag", facts.etag);
    response.set_header("last-modified", facts.last_modified);
    response.set_header("cache-control", entry.cache_control);
}

// If-Range names the version the client holds; for any other version the range is ignored.
bool range_applies(const Request& request, const FileFacts& facts) {
    auto if_range = request.header("if-range");
    return !if_range || *if_range == facts.etag;
}

Response with_body(Response response, const FileFacts& facts, ByteRange range,
                   const std::shared_ptr<const std::string>& bytes) {
    response.file = FileBody{facts.path, range.offset, range.length, bytes, nullptr};
    return response;
}

Response ranged(const Request& request, Response response, const FileFacts& facts,
                const std::shared_ptr<const std::string>& bytes) {
    auto range_header = request.header("range");
    if (!range_header || !range_applies(request, facts))
        return with_body(std::move(response), facts, {0, facts.size}, bytes);
    auto range = parse_range(*range_header, facts.size);
    switch (range.kind) {
        case RangeRequest::Kind::whole:
            return with_body(std::move(response), facts, {0, facts.size}, bytes);
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
    return with_body(std::move(response), facts, range.range, bytes);
}

bool use_gzip(const Request& request, const StaticFiles::Entry& entry) {
    return entry.gz && accepts_gzip(request) && !request.header("range");
}

Response answer(const Request& request, const StaticFiles::Entry& entry) {
    const bool gzip = use_gzip(request, entry);
    const FileFacts& facts = gzip ? *entry.gz : entry.plain;
    const auto& bytes = gzip ? entry.gz_bytes : entry.plain_bytes;
    Response response;
    add_common_headers(response, entry, facts);
    if (entry.gz) response.set_header("vary", "Accept-Encoding");
    if (not_modified(request, facts)) {
        response.status = 304;
        return response;
    }
    response.set_header("content-type", entry.content_type);
    if (gzip) {
        response.set_header("content-encoding", "gzip");
        return with_body(std::move(response), facts, {0, facts.size}, bytes);
    }
    response.set_header("accept-ranges", "bytes");
    return ranged(request, std::move(response), facts, bytes);
}

StaticFiles::Entry look_up(const Request& request, const fs::path& root) {
    std::error_code error;
    auto canonical_root = fs::weakly_canonical(root, error);
    if (error) not_found();
    StaticFiles::Entry entry;
    entry.original = resolve(request, canonical_root);
    entry.plain = facts_of(entry.original);
    if (auto compressed = resolve_inside(canonical_root, fs::path(entry.original.native() + ".gz")))
        entry.gz = facts_of(*compressed);
    entry.content_type = content_type_for(entry.original);
    entry.cache_control = cache_control_for(entry.original);
    entry.checked_at = std::chrono::steady_clock::now();
    return entry;
}

// The whole file, or null when it cannot be read as the size promised (it changed meanwhile).
std::shared_ptr<const std::string> read_whole(const FileFacts& facts) {
    std::ifstream in(facts.path, std::ios::binary);
    auto bytes = std::make_shared<std::string>(facts.size, '\0');
    if (!in.read(bytes->data(), static_cast<std::streamsize>(bytes->size())) ||
        in.peek() != std::char_traits<char>::eof())
        return nullptr;
    return bytes;
}

}  // namespace

Response serve_static(const Request& request, const fs::path& root) {
    return answer(request, look_up(request, root));
}

StaticFiles::StaticFiles(fs::path root, Limits limits) : root_(std::move(root)), limits_(limits) {}
StaticFiles::~StaticFiles() = default;

std::optional<Response> StaticFiles::cached(const Request& request) const {
    std::shared_ptr<const Entry> entry;
    {
        std::shared_lock lock(mutex_);
        auto found = entries_.find(request.path);
        if (found == entries_.end()) return std::nullopt;
        entry = found->second;
    }
    if (std::chrono::steady_clock::now() - entry->checked_at > limits_.fresh_for)
        return std::nullopt;
    if (!(use_gzip(request, *entry) ? entry->gz_bytes : entry->plain_bytes)) return std::nullopt;
    return answer(request, *entry);
}

Response StaticFiles::serve(const Request& request) {
    std::shared_ptr<Entry> entry;
    try {
        entry = std::make_shared<Entry>(look_up(request, root_));
    } catch (const Error&) {
        forget(request.path);
        throw;
    }
    std::shared_ptr<const Entry> before;
    {
        std::shared_lock lock(mutex_);
        if (auto found = entries_.find(request.path); found != entries_.end())
            before = found->second;
    }
    // A file unchanged since it was read (same size and modification time) is not read again.
    const auto bytes_of = [&](const FileFacts& facts, const std::optional<FileFacts>& known,
                              const std::shared_ptr<const std::string>& known_bytes) {
        if (facts.size > limits_.max_file_bytes) return std::shared_ptr<const std::string>();
        if (known && known_bytes && known->same_version(facts)) return known_bytes;
        return read_whole(facts);
    };
    entry->plain_bytes =
        bytes_of(entry->plain, before ? std::optional(before->plain) : std::nullopt,
                 before ? before->plain_bytes : nullptr);
    if (entry->gz)
        entry->gz_bytes = bytes_of(*entry->gz, before ? before->gz : std::nullopt,
                                   before ? before->gz_bytes : nullptr);
    const std::uint64_t bytes = (entry->plain_bytes ? entry->plain_bytes->size() : 0) +
                                (entry->gz_bytes ? entry->gz_bytes->size() : 0);
    {
        std::unique_lock lock(mutex_);
        auto found = entries_.find(request.path);
        const std::uint64_t replaced = found == entries_.end() ? 0 : found->second->size_in_memory();
        if (bytes > 0 && total_bytes_ - replaced + bytes <= limits_.max_total_bytes) {
            total_bytes_ = total_bytes_ - replaced + bytes;
            entries_.insert_or_assign(request.path, entry);
        } else if (found != entries_.end()) {
            total_bytes_ -= replaced;
            entries_.erase(found);
        }
    }
    return answer(request, *entry);
}

void StaticFiles::forget(const std::string& path) {
    std::unique_lock lock(mutex_);
    auto found = entries_.find(path);
    if (found == entries_.end()) return;
    total_bytes_ -= found->second->size_in_memory();
    entries_.erase(found);
}

}  // namespace wangju::http
