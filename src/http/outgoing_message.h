// A Response as the message that carries it: a body in memory, or a range of an open file read
// piece by piece. Private to src/http, like every header that names Beast or Asio types.
#pragma once

#include "http/beast_pch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "http/message.h"

namespace wangju::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// Streams `length` bytes of an open file from `offset`. Beast's file_body always sends the
// whole file, which a 206 answer must not.
struct FileRangeBody {
    struct value_type {
        beast::file file;
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };

    static std::uint64_t size(const value_type& body) { return body.length; }

    class writer {
      public:
        using const_buffers_type = asio::const_buffer;

        template <bool is_request, class Fields>
        writer(bhttp::header<is_request, Fields>&, value_type& body)
            : body_(body), remain_(body.length) {}

        void init(beast::error_code& ec) { body_.file.seek(body_.offset, ec); }

        boost::optional<std::pair<const_buffers_type, bool>> get(beast::error_code& ec) {
            auto amount =
                static_cast<std::size_t>(std::min<std::uint64_t>(remain_, sizeof buffer_));
            ec = {};
            if (amount == 0) return boost::none;
            auto read = body_.file.read(buffer_, amount, ec);
            if (ec) return boost::none;
            if (read == 0) {
                ec = bhttp::error::short_read;
                return boost::none;
            }
            remain_ -= read;
            return {{const_buffers_type(buffer_, read), remain_ > 0}};
        }

      private:
        value_type& body_;
        std::uint64_t remain_;
        char buffer_[16 * 1024];
    };
};

// An answer whose body is in memory: its header block is written as one text, by the program
// rather than by Beast's serializer (which hands the socket a buffer per header field), and goes
// out with the body in one gathered write. The body is the answer's own text or a part of bytes
// shared with other answers (a static file held by StaticFiles), never copied.
struct MemoryMessage {
    std::string head;  // status line and fields, each ending in CRLF; Connection and the end follow
    std::string body;
    std::shared_ptr<const std::string> shared;  // when set, the body is this part of these bytes
    std::size_t offset = 0;
    std::size_t length = 0;
    unsigned version = 11;
    bool keeps_alive = true;

    // As Beast's message::keep_alive: HTTP/1.1 says Connection: close when the connection
    // closes, HTTP/1.0 says Connection: keep-alive when it stays open.
    void keep_alive(bool value) { keeps_alive = value; }
    std::string_view body_bytes() const {
        return shared ? std::string_view(*shared).substr(offset, length) : std::string_view(body);
    }
    // The header block's last lines, after `head`.
    std::string_view head_end() const;
};

using FileMessage = bhttp::response<FileRangeBody>;

struct Outgoing {
    std::variant<MemoryMessage, FileMessage> message;
    int status = 0;
    std::uint64_t body_bytes = 0;
};

// For HEAD, the headers are those of the GET answer, Content-Length included, without the body.
// The body is moved, not copied; bytes held in memory (FileBody::content) are shared.
// Throws when the response's file cannot be opened.
Outgoing to_beast(Response response, bool head, unsigned version);

}  // namespace wangju::http
