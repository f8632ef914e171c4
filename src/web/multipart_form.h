// multipart/form-data bodies (RFC 7578), as browsers send forms with a file input.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wangju::web {

struct UploadedFile {
    std::string field;         // the input's name
    std::string filename;      // as the browser sent it; never used as a path
    std::string content_type;  // as the browser sent it; not trusted
    std::string bytes;
};

struct MultipartForm {
    std::multimap<std::string, std::string> fields;  // parts without a filename
    std::vector<UploadedFile> files;                 // parts with a filename
};

struct MultipartLimits {
    std::size_t max_parts = 50;
    std::size_t max_part_header_bytes = 8 * 1024;
    std::size_t max_field_bytes = 64 * 1024;  // a plain field; files are bounded by the body
};

// Parses a whole body that the router has already bounded in size. Throws Error(invalid_input)
// with a Chinese message when the content type is not multipart/form-data with a boundary, or
// the body is malformed or exceeds the limits.
MultipartForm parse_multipart(std::string_view content_type_header, std::string_view body,
                              const MultipartLimits& limits = {});

}  // namespace wangju::web
