// The Range request header (RFC 9110 section 14), for static files.
#pragma once

#include <cstdint>
#include <string_view>

namespace wangju::http {

struct ByteRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct RangeRequest {
    enum class Kind {
        whole,          // no usable Range: answer 200 with the whole file
        partial,        // answer 206 with `range`
        unsatisfiable,  // answer 416 with "Content-Range: bytes */size"
    };
    Kind kind = Kind::whole;
    ByteRange range;
};

// Parses "bytes=a-b", "bytes=a-" and "bytes=-n" against a file of `size` bytes. A header that is
// malformed, names another unit, or lists several ranges yields `whole`: the RFC lets a server
// ignore Range, and multipart/byteranges answers are not worth their complexity here.
RangeRequest parse_range(std::string_view header, std::uint64_t size);

}  // namespace wangju::http
