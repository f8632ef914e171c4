// Sending e-mail: the message the program writes and the interface that sends it (SmtpMailer in
// app/smtp_mailer.h).
#pragma once

#include <string>
#include <vector>

namespace wangju::app {

struct MailMessage {
    std::vector<std::string> to;  // checked addresses (check_email)
    std::string subject;          // UTF-8; encoded for the header by the sender
    std::string body;             // UTF-8 plain text, lines ending in '\n'
};

class Mailer {
  public:
    virtual ~Mailer() = default;
    // Returns once the server accepted the message; throws std::runtime_error with the reason
    // when it did not. May be called from one thread at a time.
    virtual void send(const MailMessage& message) = 0;
};

}  // namespace wangju::app
