// Letters of the chairman's mailbox in the database. Built on the shared Database with its
// contract: thread-safe; every change commits together with its audit event or not at all.
// Phone numbers and addresses are sealed with the SecretBox given at construction before they
// reach the database; the writer's secret is kept only as its SHA-256 digest. Audit events name
// the letter by its code and never carry the secret, the phone, the address or the body.
//
// Permissions are not checked here: callers ask domain/letter.h `may` first.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/letter.h"
#include "domain/secret_box.h"
#include "store/database.h"

namespace wangju::store {

// An attachment's facts; its bytes live in a file named `stored_name` in the attachments folder.
struct LetterAttachment {
    int position = 0;  // 1, 2, 3 in the order sent
    std::string filename;
    std::string content_type;
    std::int64_t size_bytes = 0;
    std::string stored_name;
};

struct SubmittedLetter {
    Letter letter;
    std::string secret;  // given to the writer once; not stored
};

class LetterStore {
  public:
    LetterStore(Database& database, SecretBox box) : database_(database), box_(std::move(box)) {}

    // Stores a checked letter with a new tracking code, a new secret and its due date (as a simple
    // letter; accepting it as complex moves the date). Attachments' files must already exist.
    // `sent_at` is now unless given (the demo back-dates its letters).
    SubmittedLetter submit(const NewLetter& letter, const std::vector<LetterAttachment>& files,
                           const DueRules& rules, const AuditContext& ctx,
                           std::optional<Timestamp> sent_at = std::nullopt);

    // The letter of `code` without any audit: for permission checks and lists, never to show a
    // staff member the full letter (use read_for_staff).
    std::optional<Letter> find(const std::string& code);
    // The letter when `secret` is its secret (compared in constant time), else nothing: a wrong
    // secret and an unknown code look the same.
    std::optional<Letter> find_for_writer(const std::string& code, const std::string& secret);
    // The full letter for a staff member; appends a "letter.read" event.
    Letter read_for_staff(const std::string& code, const AuditContext& ctx);

    std::vector<LetterAttachment> attachments(LetterId letter);

    // Letters addressed to `root` or a unit below it, newest first; `state` filters.
    std::vector<Letter> letters_in_subtree(const Unit& root, std::optional<LetterState> state);
    // Letters assigned to `handler`, newest first.
    std::vector<Letter> letters_handled_by(UserId handler);
    // Published letters (来信选登), most recently published first.
    std::vector<Letter> published();

    // State changes. Each throws Error(not_found) for an unknown code and Error(conflict) when
    // domain/letter.h `state_after` refuses the action.
    Letter assign(const std::string& code, UserId handler, const AuditContext& ctx);
    Letter accept(const std::string& code, LetterComplexity complexity, const DueRules& rules,
                  const AuditContext& ctx);
    Letter reject(const std::string& code, const std::string& reason, const AuditContext& ctx);
    Letter reply(const std::string& code, const std::string& reply, const AuditContext& ctx);
    Letter close(const std::string& code, const AuditContext& ctx);
    Letter publish(const std::string& code, const std::string& public_body,
                   const AuditContext& ctx);
    Letter rate(const std::string& code, int rating, const std::string& comment,
                const AuditContext& ctx);

    std::size_t count();

  private:
    using Apply = std::function<void(soci::session&, Letter&)>;
    Letter change(const std::string& code, LetterAction action, const char* event,
                  const AuditContext& ctx, const Apply& apply);

    Database& database_;
    SecretBox box_;
};

// What the audit log records of a letter: no personal data, no body, no secret.
nlohmann::json audit_json(const Letter& letter);

}  // namespace wangju::store
