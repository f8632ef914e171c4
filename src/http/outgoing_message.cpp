// Turns a Response into the Beast message that carries it: the headers the handler set (a value
// with a line break is dropped), then a string body or a range of a file.
#include "http/outgoing_message.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace wangju::http {
namespace {

bool is_bodiless_status(int status) {
    return status == 204 || status == 304 || status < 200;
}

// Two searches for one character each (memchr, many bytes at a time); find_first_of would search
// the set once per character of the value, and a loop over the characters is as slow.
bool has_line_break(std::string_view value) {
    return value.find('\r') != std::string_view::npos || value.find('\n') != std::string_view::npos;
}

void append_number(std::string& out, std::uint64_t number) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append(digits, end);
}

// Header values with line breaks would let a handler's data forge headers; they are dropped.
template <class Message>
void copy_headers(const Response& response, Message& message) {
    for (const auto& [name, value] : response.headers) {
        if (name == "content-length" || name == "transfer-encoding") continue;
        if (has_line_break(value)) {
            spdlog::error("header {} dropped: its value holds a line break", name);
            continue;
        }
        message.insert(name, value);
    }
    if (message.find(bhttp::field::server) == message.end())
        message.set(bhttp::field::server, "wangju");
}

// The status line and the fields as Beast writes them: the handler's names as given (lower case),
// its own fields with Beast's spelling. The Connection field is the server's to set.
void write_head(const Response& response, unsigned version, std::string& out) {
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
    out.reserve(512);
    out.append("HTTP/");
    append_number(out, version / 10);
    out.push_back('.');
    append_number(out, version % 10);
    out.push_back(' ');
    append_number(out, static_cast<std::uint64_t>(response.status));
    out.push_back(' ');
    out.append(reason.data(), reason.size()).append("\r\n");
    bool has_server = false;
    for (const auto& [name, value] : response.headers) {
        if (name == "content-length" || name == "transfer-encoding" || name == "connection")
            continue;
        if (has_line_break(value) || has_line_break(name)) {
            spdlog::error("header {} dropped: it holds a line break", name);
            continue;
        }
        has_server = has_server || name == "server";
        out.append(name).append(": ").append(value).append("\r\n");
    }
    if (!has_server) out.append("Server: wangju\r\n");
}

Outgoing file_message(const Response& response, unsigned version) {
    const auto& file = *response.file;
    FileMessage message{static_cast<bhttp::status>(response.status), version};
    beast::error_code ec;
    if (file.opened) {
        // The message's file closes its own descriptor; the handler's stays with its holder.
        int fd = ::dup(file.opened->descriptor());
        if (fd < 0)
            ec.assign(errno, beast::system_category());
        else
            message.body().file.native_handle(fd);
    } else {
        message.body().file.open(file.path.c_str(), beast::file_mode::scan, ec);
    }
    if (ec)
        throw std::runtime_error(
            fmt::format("cannot open {}: {}", file.path.string(), ec.message()));
    message.body().offset = file.offset;
    message.body().length = file.length;
    copy_headers(response, message);
    message.content_length(file.length);
    return Outgoing{std::move(message), response.status, file.length};
}

}  // namespace

std::string_view MemoryMessage::head_end() const {
    if (version >= 11) return keeps_alive ? "\r\n" : "Connection: close\r\n\r\n";
    return keeps_alive ? "Connection: keep-alive\r\n\r\n" : "\r\n";
}

Outgoing to_beast(Response response, bool head, unsigned version) {
    const bool bodiless = is_bodiless_status(response.status);
    if (response.file && !response.file->content && !head && !bodiless)
        return file_message(response, version);
    MemoryMessage message;
    message.version = version;
    write_head(response, version, message.head);
    if (bodiless) return Outgoing{std::move(message), response.status, 0};
    const std::uint64_t length = response.file ? response.file->length : response.body.size();
    message.head.append("Content-Length: ");
    append_number(message.head, length);
    message.head.append("\r\n");
    if (head) return Outgoing{std::move(message), response.status, 0};
    if (response.file) {
        const auto& file = *response.file;
        if (file.offset > file.content->size() || file.length > file.content->size() - file.offset)
            throw std::runtime_error("a body part lies outside the bytes held in memory");
        message.shared = file.content;
        message.offset = static_cast<std::size_t>(file.offset);
        message.length = static_cast<std::size_t>(file.length);
    } else {
        message.body = std::move(response.body);
    }
    return Outgoing{std::move(message), response.status, length};
}

}  // namespace wangju::http
