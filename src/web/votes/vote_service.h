// The public vote as its users act on it: the organisers (system admins) set a vote up over the
// finalists of tracks, watch the flags, void and restore votes and read the results; voters sign
// up, log in and vote; everyone sees the vote's works, and its totals when the rules show them.
// The API and the pages both call these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/router.h"
#include "store/public_vote_store.h"
#include "web/auth.h"
#include "web/votes/vote_cache.h"

namespace wangju::web::votes {

inline constexpr const char* voter_cookie_name = "wangju_voter";

PublicVote load_vote(WebContext& web, const std::string& id_text);
// The vote with its works as the vote path holds them (web/votes/vote_cache.h).
std::shared_ptr<const HeldVote> held_vote(WebContext& web, const std::string& id_text);

// Organising a vote: system admins only (Error(forbidden) for anyone else).
void require_organiser(const CurrentUser& user);

// The works that may stand in a vote over `tracks`: the campaign's entries (recommended to the top)
// in those tracks.
std::vector<Work> eligible_works(WebContext& web, const Campaign& campaign,
                                 const std::vector<std::string>& tracks);

// Creates a vote; `works` empty means every eligible work. Each work must be eligible
// (Error(invalid_input) naming it), each track must exist.
PublicVote create_vote(WebContext& web, const CurrentUser& user, PublicVote vote,
                       const std::vector<WorkId>& works, const AuditContext& ctx);
// Applies `patch` (name, tracks, starts_at, ends_at, rules, works) before the vote opens.
PublicVote update_vote(WebContext& web, const CurrentUser& user, const PublicVote& vote,
                       const nlohmann::json& patch, const AuditContext& ctx);
// Reads name, tracks, starts_at, ends_at, rules of a JSON body over `vote`.
void apply_vote_json(const nlohmann::json& body, PublicVote& vote);
std::vector<WorkId> work_ids_of(const nlohmann::json& body);

// Whether the person behind the request may see totals now: the rules say so, or a system admin.
bool totals_visible(const PublicVote& vote, const std::optional<CurrentUser>& user, Timestamp now);

// One work of a vote as the public sees it, with its total when visible.
struct VoteEntry {
    Work work;
    std::string track_name;
    std::string unit_name;
    std::optional<long long> total;
    std::optional<int> rank;  // competition rank by total, when visible
};
// The works of a vote; ordered by track and title, or by total when visible and `by_total`.
std::vector<VoteEntry> vote_entries(WebContext& web, const PublicVote& vote, bool show_totals,
                                    bool by_total);

// Where the files of a vote's works are served, for anyone: the base + SHA-256 (+ "/preview").
std::string vote_files_base(PublicVoteId id);
// Whether the vote shows the stored file `sha256`: a file of one of its works.
bool shows_file(WebContext& web, PublicVoteId vote, const std::string& sha256);

// Voters.
struct CurrentVoter {
    store::Voter voter;
    store::VoterSession session;
};
std::optional<CurrentVoter> current_voter(WebContext& web, const http::Request& request);
CurrentVoter require_voter(WebContext& web, const http::Request& request);
// Whether a ballot sent to the vote the request's path names ({id}) can be taken from what is held
// in memory alone: that vote, and the voter's open session with a voter not disabled. Reads
// nothing, so that the ballot may be taken on the connection's I/O thread (where a hold that ends
// in the microseconds between costs one read).
bool ballot_held(WebContext& web, const http::Request& request);
void require_voter_csrf(const http::Request& request, const CurrentVoter& voter,
                        std::string_view sent = {});

struct VoterLogin {
    std::string token;
    std::string csrf_token;
    store::Voter voter;
};
// Sign-up: the username and password rules of every account, a fresh proof-of-work solution, and
// at most so many sign-ups per address per hour. Logs the new voter in.
VoterLogin register_voter(WebContext& web, const std::string& username, const std::string& password,
                          const std::string& altcha, const http::Request& request);
// Error(unauthenticated) for a wrong name or password, as the staff login says it.
VoterLogin log_in_voter(WebContext& web, const std::string& username, const std::string& password,
                        const http::Request& request);
void log_out_voter(WebContext& web, const http::Request& request);
http::Cookie voter_cookie(const std::string& token, bool secure);

// Casts a vote and answers through `reply` once it is stored or refused: 201 with the vote, 429
// for a daily limit, 409 outside the period or for a spent challenge, with the rule and the time
// the voter may vote again. Throws (before handing on) for bad input.
void cast_vote(WebContext& web, http::Request& request, const CurrentVoter& voter,
               const std::shared_ptr<const HeldVote>& vote, WorkId work, const std::string& altcha,
               std::function<void(std::optional<VoteId>, std::optional<VoteRefusal>)> answer);

// Flags of a vote, for organisers.
std::vector<VoteFlag> vote_flags(WebContext& web, const PublicVote& vote);
// Voids or restores votes (by id, or every vote of a flag); returns how many changed.
int void_votes(WebContext& web, const CurrentUser& user, const PublicVote& vote,
               std::vector<VoteId> ids, const std::optional<std::string>& flag_id,
               const std::string& reason, bool restore, const AuditContext& ctx);

}  // namespace wangju::web::votes
