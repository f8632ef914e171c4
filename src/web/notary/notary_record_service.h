// Records for the notary (公证记录) as the judging's admins (of a round) and the vote's organisers
// (of a public vote) issue them and `wangju check` checks them: the facts gathered from the
// judging or the vote, the hash of its results table made for the record's date, the stored
// record and its PDF.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/notary_record.h"
#include "store/notary_record_store.h"
#include "web/auth.h"

namespace wangju::web::notary {

// What round `id` decided, as one of its judging's admins sees it ("not found" for anyone else).
NotaryFacts notary_facts(WebContext& web, const CurrentUser& user, RoundId id);

// SHA-256 (hex) of the judging's results table (XLSX) dated `day`, made deterministically: the
// same data and day give the same bytes.
std::string results_sha256(WebContext& web, const CurrentUser& user, const Judging& judging,
                           Date day);

struct IssuedNotaryRecord {
    store::NotaryRecord record;
    std::string pdf;
};
// Issues a record of round `id` for one of its judging's admins: gathers the facts, hashes the
// results table, stores the record (audited as notary_record.issue) and makes its PDF in the
// same transaction, so that nothing is stored when any step fails.
IssuedNotaryRecord issue_notary_record(WebContext& web, const CurrentUser& user, RoundId id,
                                       const AuditContext& ctx);

// What public vote `id` came to, for its organisers.
NotaryVoteFacts vote_notary_facts(WebContext& web, const CurrentUser& user, PublicVoteId id);
// Issues a record of a vote that has ended, for its organisers, as issue_notary_record does.
IssuedNotaryRecord issue_vote_notary_record(WebContext& web, const CurrentUser& user,
                                            PublicVoteId id, const AuditContext& ctx);

// Rebuilds every stored record from the database as it is now, with the record's date, and
// compares the snapshot, the results table's hash and the audit event it names.
struct NotaryCheck {
    std::size_t confirmed = 0;
    std::vector<std::string> problems;  // one line per difference, in Chinese, naming the record
};
NotaryCheck check_notary_records(WebContext& web);

}  // namespace wangju::web::notary
