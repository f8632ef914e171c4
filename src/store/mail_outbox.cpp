#include "store/mail_outbox.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

struct MailRow {
    long long id = 0;
    std::string recipients, subject, body;
    int attempts = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(recipients), soci::into(subject), soci::into(body),
            soci::into(attempts);
    }
};

}  // namespace

void MailOutbox::queue(const OutgoingMail& mail, const AuditContext& ctx) {
    if (mail.to.empty()) return;
    database_.write([&](soci::session& s) {
        const std::string to = nlohmann::json(mail.to).dump();
        const std::string now = stored(now_utc());
        long long id = 0;
        s << "INSERT INTO mail_outbox (recipients, subject, body, created_at, state, attempts, "
             "last_error, sent_at) VALUES (:to, :subject, :body, :at, 'pending', 0, '', NULL) "
             "RETURNING id",
            soci::use(to), soci::use(mail.subject), soci::use(mail.body), soci::use(now),
            soci::into(id);
        append_event(s, ctx, "mail.queue", fmt::format("mail:{}", id), nullptr,
                     {{"to", mail.to}, {"subject", mail.subject}});
    });
}

std::vector<OutgoingMail> MailOutbox::pending(std::size_t limit) {
    return database_.read([&](soci::session& s) {
        const long long n = static_cast<long long>(limit);
        std::vector<OutgoingMail> out;
        for (const auto& r :
             fetch_all<MailRow>(s,
                                "SELECT id, recipients, subject, body, attempts FROM mail_outbox "
                                "WHERE state = 'pending' ORDER BY id LIMIT :n",
                                soci::use(n))) {
            out.push_back({r.id,
                           nlohmann::json::parse(r.recipients).get<std::vector<std::string>>(),
                           r.subject, r.body, r.attempts});
        }
        return out;
    });
}

void MailOutbox::mark_sent(std::int64_t id, Timestamp at, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string text = stored(at);
        const long long key = id;
        s << "UPDATE mail_outbox SET state = 'sent', attempts = attempts + 1, sent_at = :at "
             "WHERE id = :id",
            soci::use(text), soci::use(key);
        append_event(s, ctx, "mail.sent", fmt::format("mail:{}", id), nullptr, {{"at", text}});
    });
}

void MailOutbox::mark_failed(std::int64_t id, const std::string& error, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const long long key = id;
        const int limit = max_attempts;
        s << "UPDATE mail_outbox SET attempts = attempts + 1, last_error = :e, state = CASE WHEN "
             "attempts + 1 >= :limit THEN 'failed' ELSE 'pending' END WHERE id = :id",
            soci::use(error), soci::use(limit), soci::use(key);
        append_event(s, ctx, "mail.failed", fmt::format("mail:{}", id), nullptr,
                     {{"error", error}});
    });
}

std::size_t MailOutbox::count_pending() {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        s << "SELECT count(*) FROM mail_outbox WHERE state = 'pending'", soci::into(n);
        return static_cast<std::size_t>(n);
    });
}

}  // namespace wangju::store
