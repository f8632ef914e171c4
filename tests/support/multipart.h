// Request bodies as a browser's file form sends them, a file small enough to send in one, and the
// base64 that tus metadata and checksums are written in.
#pragma once

#include <string>
#include <vector>

namespace wangju::testing {

// A multipart/form-data body; each part is {name, filename (may be empty), bytes}.
struct Part {
    std::string name, filename, bytes;
};
std::string multipart_body(const std::vector<Part>& parts);
inline const char* multipart_type = "multipart/form-data; boundary=XyZboundary42";

// The smallest valid PNG (1x1 pixel).
std::string tiny_png();

// `raw` in standard base64 with padding.
std::string base64(const std::string& raw);

}  // namespace wangju::testing
