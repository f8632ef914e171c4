// Turns a Response into the Beast message that carries it: the headers the handler set (a value
// with a line break is dropped), then a string body or a range of a file.
#include "http/outgoing_message.h"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace wangju::http {
namespace {

bool is_bodiless_status(int status) {
    return status == 204 || status == 304 || status < 200;
}

// Header values with line breaks would let a handler's data forge headers; they are dropped.
template <class Message>
void copy_headers(const Response& response, Message& message) {
    for (const auto& [name, value] : response.headers) {
        if (name == "content-length" || name == "transfer-encoding") continue;
        if (value.find_first_of("\r\n") != std::string::npos) {
            spdlog::error("header {} dropped: its value holds a line break", name);
            continue;
        }
        message.insert(name, value);
    }
    if (message.find(bhttp::field::server) == message.end())
        message.set(bhttp::field::server, "wangju");
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

Outgoing to_beast(const Response& response, bool head, unsigned version) {
    if (response.file && !response.file->content && !head && !is_bodiless_status(response.status))
        return file_message(response, version);
    StringMessage message{static_cast<bhttp::status>(response.status), version};
    copy_headers(response, message);
    if (is_bodiless_status(response.status))
        return Outgoing{std::move(message), response.status, 0};
    std::uint64_t length = response.file ? response.file->length : response.body.size();
    if (head) {
        message.content_length(length);
        return Outgoing{std::move(message), response.status, 0};
    }
    if (response.file) {
        message.body().assign(*response.file->content, response.file->offset,
                              response.file->length);
    } else {
        message.body() = response.body;
    }
    message.prepare_payload();
    return Outgoing{std::move(message), response.status, length};
}

}  // namespace wangju::http
