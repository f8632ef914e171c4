// One JSON line per answered request. The path is logged without its query string, which may
// hold secrets (tokens in links).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace wangju::http {

struct AccessRecord {
    std::string request_id;
    std::string client;
    std::string method;
    std::string path;
    std::string route;
    int status = 0;
    std::uint64_t bytes = 0;  // of the body sent
    double duration_ms = 0;
    std::string user_agent;
};

class AccessLog {
  public:
    // "-": standard output; "": nowhere; anything else: a file, appended to. Throws when the
    // file cannot be opened.
    explicit AccessLog(const std::string& destination);
    ~AccessLog();
    // Thread-safe. Each line is handed to the kernel at once (no fsync): it costs a write to the
    // page cache, never a wait for the disk.
    void write(const AccessRecord& record);
    // False when the log goes nowhere: a record need not be made.
    bool enabled() const { return logger_ != nullptr; }

  private:
    std::shared_ptr<spdlog::logger> logger_;
};

std::string format_access_record(const AccessRecord& record);

}  // namespace wangju::http
