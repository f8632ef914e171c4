// The files under /static/: stylesheets, scripts, fonts, images of the pages.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>

#include "http/message.h"

namespace wangju::http {

// Answers a GET or HEAD for "/static/<rest>" from the file <root>/<rest>, with ETag,
// Last-Modified, conditional requests (304), a single byte range (206 or 416), a precompressed
// "<file>.gz" when the client accepts gzip, and cache lifetimes by name. The body is a FileBody
// for the server to stream. Throws Error(not_found) for anything that is not a regular file
// inside `root`, including every attempt to step outside it.
Response serve_static(const Request& request, const std::filesystem::path& root);

// serve_static with a memory of small files: each answer from the disk remembers the file's
// bytes and facts, and for `fresh_for` afterwards `cached` answers the same path from memory
// without a system call, so that the server can answer on its I/O thread. Assets change only on
// deployment; `fresh_for` bounds how long a changed file may still be served in its old version.
// Thread-safe.
class StaticFiles {
  public:
    struct Limits {
        std::chrono::milliseconds fresh_for{2000};
        std::uint64_t max_file_bytes = 1024 * 1024;        // larger files stream from the disk
        std::uint64_t max_total_bytes = 64 * 1024 * 1024;  // beyond this nothing more is kept
    };

    explicit StaticFiles(std::filesystem::path root) : StaticFiles(std::move(root), Limits{}) {}
    StaticFiles(std::filesystem::path root, Limits limits);
    ~StaticFiles();

    // The answer from memory, or empty when the path is not held or not fresh.
    std::optional<Response> cached(const Request& request) const;
    // The answer from the disk (as serve_static); remembers the file when it is small.
    Response serve(const Request& request);

    struct Entry;

  private:
    void forget(const std::string& path);

    std::filesystem::path root_;
    Limits limits_;
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<const Entry>, std::less<>> entries_;  // by request path
    std::uint64_t total_bytes_ = 0;
};

}  // namespace wangju::http
