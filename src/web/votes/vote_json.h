// The public vote in the API's JSON.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "web/votes/vote_service.h"

namespace wangju::web::votes {

// A vote as the person behind the request may see it: never a count while totals are hidden from
// them; organisers also get the counts of votes, voided votes and refused attempts.
nlohmann::json vote_json(WebContext& web, const PublicVote& vote,
                         const std::optional<CurrentUser>& user, Timestamp now);
nlohmann::json vote_summary_json(WebContext& web, const PublicVote& vote);
// A work of a vote, with its files (served under `files_base`), and "total" and "rank" only when
// given.
nlohmann::json entry_json(const VoteEntry& entry, const std::string& files_base);
nlohmann::json flag_json(const VoteFlag& flag);
// 429 for a daily limit (with Retry-After), 409 outside the period or for a spent challenge:
// {"error": {"code", "message", "fields"}, "rule", "retry_at"}.
http::Response refusal_response(const VoteRefusal& refusal);

}  // namespace wangju::web::votes
