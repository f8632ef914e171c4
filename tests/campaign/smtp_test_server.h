// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd) on a free loopback port, with
// its Mailbox handler writing every message it accepts to a Maildir. Stopped when destroyed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace wangju::testing {

class SmtpTestServer {
  public:
    // Starts the server and returns once it accepts connections; throws when it does not within
    // a few seconds.
    explicit SmtpTestServer(const std::filesystem::path& maildir);
    ~SmtpTestServer();
    SmtpTestServer(const SmtpTestServer&) = delete;
    SmtpTestServer& operator=(const SmtpTestServer&) = delete;

    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    // The raw text of every message received, oldest first.
    std::vector<std::string> messages() const;

  private:
    std::filesystem::path maildir_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

// A loopback port that nothing listens on at the moment of the call.
unsigned short unused_port();

// A header of a raw message, with RFC 2047 encoded words decoded ("" when absent).
std::string mail_header(const std::string& message, const std::string& name);
// The text of the first part sent as base64, decoded.
std::string mail_text(const std::string& message);

}  // namespace wangju::testing
