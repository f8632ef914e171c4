// Records for the notary (公证记录), of a judging round or of a public vote, as PDFs: A4 portrait, as many pages as it takes, the
// record's code on every page. Plain text drawn with pango (Noto Sans CJK), no markup.
#pragma once

#include <cstdint>
#include <string>

#include "domain/notary_record.h"

namespace wangju::tables {

// How a record was issued, as every record states it.
struct NotaryRecordIssue {
    std::string code;
    std::string issued_at;  // "2023-06-21 16:30" (Beijing time)
    std::string issued_by;  // the admin's display name
    std::string results_sha256;
    std::int64_t audit_seq = 0;
    std::string audit_hash;
};

// Throw std::runtime_error when cairo cannot write the PDF.
std::string notary_record_pdf(const NotaryFacts& facts, const NotaryRecordIssue& issue);
std::string vote_notary_record_pdf(const NotaryVoteFacts& facts, const NotaryRecordIssue& issue);

}  // namespace wangju::tables
