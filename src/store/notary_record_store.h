// Issued records for the notary (domain/notary_record.h), of judging rounds and of public votes, in
// the database. Built on the shared
// Database with its contract: thread-safe; a change commits together with its audit event or not
// at all.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/notary_record.h"
#include "domain/public_vote.h"
#include "store/database.h"

namespace wangju::store {

struct NotaryRecord {
    NotaryRecordId id;
    std::string code;
    // What the record is of: exactly one of the two.
    std::optional<RoundId> round;
    std::optional<PublicVoteId> vote;
    Timestamp issued_at{};
    std::optional<UserId> issued_by;
    std::string results_sha256;  // of the results table (XLSX) issued with the record
    std::int64_t audit_seq = 0;  // the newest audit event when the record was issued
    std::string audit_hash;
    std::string snapshot;  // notary_snapshot(...).dump()
};

class NotaryRecordStore {
  public:
    explicit NotaryRecordStore(Database& database) : database_(database) {}

    // Stores `record` (its round or vote, issue time and issuer, results hash and snapshot) with a new
    // code and the audit log's head as it is before this issue, audited as notary_record.issue.
    // `finish` runs inside the transaction with the stored record (the caller makes the PDF
    // there); when it throws, nothing is stored.
    NotaryRecord issue(const NotaryRecord& record,
                       const std::function<void(const NotaryRecord&)>& finish,
                       const AuditContext& ctx);
    std::vector<NotaryRecord> all();                    // by id
    std::vector<NotaryRecord> of_round(RoundId round);      // by id
    std::vector<NotaryRecord> of_vote(PublicVoteId vote);  // by id
    // The hash of audit event `seq`, none when there is no such event.
    std::optional<std::string> audit_hash_at(std::int64_t seq);

    // The objections to the judging's winners notices as the record states them (no phones), and
    // the notices' titles, oldest first.
    std::vector<NotaryObjection> notice_objections(JudgingId judging);
    std::vector<std::string> notice_titles(JudgingId judging);
    // The same for the shortlist notices of a vote.
    std::vector<NotaryObjection> notice_objections(PublicVoteId vote);
    std::vector<std::string> notice_titles(PublicVoteId vote);

  private:
    // `source_column`: "judging_id" or "public_vote_id" of announcements.
    std::vector<NotaryObjection> objections_of(const char* source_column, std::int64_t source);
    std::vector<std::string> titles_of(const char* source_column, std::int64_t source);

    Database& database_;
};

}  // namespace wangju::store
