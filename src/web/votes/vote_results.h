// A public vote's results as its organisers and the notaries read them: each work's valid, voided
// and restored votes and its rank, and the results table (投票结果) made of them, as bytes for a
// download and for the hash that a record for the notary states.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notary_record.h"
#include "export/official_table.h"
#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::votes {

// Every work of the vote, by rank (valid votes, ties sharing a rank), then title. Restored votes
// are those an organiser restored and nobody voided again since.
std::vector<NotaryVoteWork> vote_results(WebContext& web, const PublicVote& vote);

// `date` ("YYYY-MM-DD") is the table's 填报日期. With `created` (seconds since 1970) the XLSX
// states that creation time, so that the same data and date give the same bytes.
// `results` are vote_results(web, vote).
std::string vote_results_table_bytes(WebContext& web, const PublicVote& vote,
                                     const std::vector<NotaryVoteWork>& results,
                                     tables::TableFormat format, const std::string& date,
                                     std::optional<long long> created = {});

// GET /api/v1/public-votes/{id}/results.xlsx|csv, for the organisers.
void register_vote_tables(http::Router& router, WebContext& web);

}  // namespace wangju::web::votes
