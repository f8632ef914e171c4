// E-mail over SMTP with libcurl: `--smtp-url smtp://host:port` (smtps:// for TLS from the start),
// `--smtp-from`, and optional credentials from a file.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "app/mailer.h"

namespace wangju::app {

struct SmtpSettings {
    std::string url;         // "smtp://mail.example.cn:25" or "smtps://mail.example.cn:465"
    std::string from;        // the sender's address
    std::string username{};  // empty: no authentication
    std::string password{};
    std::chrono::seconds timeout{30};
};

// Reads "USERNAME:PASSWORD" from the first line of `file` into `settings`; throws
// std::runtime_error naming the file when it cannot be read or has no ':'.
void read_smtp_credentials(const std::filesystem::path& file, SmtpSettings& settings);

// The message as MIME: a Subject of RFC 2047 encoded words, a UTF-8 text part in base64.
// With credentials, the connection must use TLS (STARTTLS or smtps://); without, STARTTLS is
// used when the server offers it.
class SmtpMailer : public Mailer {
  public:
    explicit SmtpMailer(SmtpSettings settings);
    void send(const MailMessage& message) override;

  private:
    SmtpSettings settings_;
};

// "=?UTF-8?B?...?= =?UTF-8?B?...?=": `text` as encoded words of at most 75 characters, cut
// between UTF-8 sequences (RFC 2047). Plain ASCII text is returned as it is.
std::string encoded_header_words(const std::string& text);

}  // namespace wangju::app
