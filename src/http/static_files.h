// The files under /static/: stylesheets, scripts, fonts, images of the pages.
#pragma once

#include <filesystem>

#include "http/message.h"

namespace wangju::http {

// Answers a GET or HEAD for "/static/<rest>" from the file <root>/<rest>, with ETag,
// Last-Modified, conditional requests (304), a single byte range (206 or 416), a precompressed
// "<file>.gz" when the client accepts gzip, and cache lifetimes by name. The body is a FileBody
// for the server to stream. Throws Error(not_found) for anything that is not a regular file
// inside `root`, including every attempt to step outside it.
Response serve_static(const Request& request, const std::filesystem::path& root);

}  // namespace wangju::http
