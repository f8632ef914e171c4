// A Response as the Beast message that carries it: a string body, or a range of an open file read
// piece by piece. Private to src/http, like every header that names Beast or Asio types.
#pragma once

#include "http/beast_pch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
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

using StringMessage = bhttp::response<bhttp::string_body>;
using FileMessage = bhttp::response<FileRangeBody>;

struct Outgoing {
    std::variant<StringMessage, FileMessage> message;
    int status = 0;
    std::uint64_t body_bytes = 0;
};

// For HEAD, the headers are those of the GET answer, Content-Length included, without the body.
// Throws when the response's file cannot be opened.
Outgoing to_beast(const Response& response, bool head, unsigned version);

}  // namespace wangju::http
