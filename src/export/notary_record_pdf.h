// The record for the notary (公证记录) as a PDF: A4 portrait, as many pages as it takes, the
// record's code on every page. Plain text drawn with pango (Noto Sans CJK), no markup.
#pragma once

#include <cstdint>
#include <string>

#include "domain/notary_record.h"

namespace wangju::tables {

struct NotaryRecordDocument {
    NotaryFacts facts;
    std::string code;
    std::string issued_at;  // "2023-06-21 16:30" (Beijing time)
    std::string issued_by;  // the admin's display name
    std::string results_sha256;
    std::int64_t audit_seq = 0;
    std::string audit_hash;
};

// Throws std::runtime_error when cairo cannot write the PDF.
std::string notary_record_pdf(const NotaryRecordDocument& document);

}  // namespace wangju::tables
