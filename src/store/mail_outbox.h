// E-mail waiting to be sent: a change that should reach people by mail (a judge's reminder, an
// award notice) writes the message here; the server's outbox task sends what is pending through
// its mailer, outside any transaction, and records the outcome. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "store/database.h"

namespace wangju::store {

struct OutgoingMail {
    std::int64_t id = 0;
    std::vector<std::string> to;  // checked addresses
    std::string subject;
    std::string body;  // plain text, lines ending in '\n'
    int attempts = 0;
};

class MailOutbox {
  public:
    static constexpr int max_attempts = 5;

    explicit MailOutbox(Database& database) : database_(database) {}

    // Stores a message to send; nothing when `mail.to` is empty. Audited as "mail.queue".
    void queue(const OutgoingMail& mail, const AuditContext& ctx);
    // The oldest pending messages, at most `limit`.
    std::vector<OutgoingMail> pending(std::size_t limit = 50);
    void mark_sent(std::int64_t id, Timestamp at, const AuditContext& ctx);
    // Counts a failed attempt; after max_attempts the message is given up ('failed').
    void mark_failed(std::int64_t id, const std::string& error, const AuditContext& ctx);
    std::size_t count_pending();

  private:
    Database& database_;
};

}  // namespace wangju::store
