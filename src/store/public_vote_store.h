// Public votes, their works, voters and their sessions, the stored votes with their voidings, and
// spent proof-of-work challenges. Built on the shared Database with its contract: thread-safe; a
// change commits together with its audit event or not at all.
//
// Votes themselves are written by VoteWriter (store/vote_writer.h), many in one transaction.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/public_vote.h"
#include "domain/vote_fraud.h"
#include "store/database.h"

namespace wangju::store {

struct Voter {
    VoterId id;
    std::string username;
    std::string password_hash;
    Timestamp registered_at{};
    bool disabled = false;
};

struct VoterSession {
    std::string token_hash;
    VoterId voter;
    std::string csrf_token;
    Timestamp created_at{};
    Timestamp last_seen_at{};
};

struct VoteVoiding {
    std::int64_t id = 0;
    bool restore = false;
    std::string reason;
    std::optional<std::string> flag_id;
    std::vector<VoteId> votes;
    UserId acted_by;
    Timestamp acted_at{};
};

// One counted vote of a day, as the in-memory counters need it.
struct DayVote {
    PublicVoteId vote;
    VoterId voter;
    WorkId work;
    std::string address;
};

class PublicVoteStore {
  public:
    explicit PublicVoteStore(Database& database) : database_(database) {}

    PublicVote create(const PublicVote& vote, const std::vector<WorkId>& works,
                      const AuditContext& ctx);
    // Saves name, tracks, period, rules and (when given) the works. Refused with Error(conflict)
    // once the stored vote has opened (checked inside the transaction).
    PublicVote update(const PublicVote& vote, const std::optional<std::vector<WorkId>>& works,
                      Timestamp now, const AuditContext& ctx);
    std::optional<PublicVote> find(PublicVoteId id);
    std::vector<PublicVote> of_campaign(CampaignId campaign);
    std::vector<PublicVote> all();
    std::vector<WorkId> works(PublicVoteId id);
    bool holds(PublicVoteId id, WorkId work);
    // The votes that hold a work.
    std::vector<PublicVoteId> votes_holding(WorkId work);

    // Voters. Names are unique over voters and staff accounts alike; Error(conflict) when taken.
    // The sign-up's proof-of-work solution (`spent_key`) is spent in the same transaction
    // (Error(invalid_input) when it was spent before).
    Voter add_voter(const std::string& username, const std::string& password_hash,
                    const std::string& address, const std::string& spent_key,
                    Timestamp challenge_expires, Timestamp registered_at, const AuditContext& ctx);
    std::optional<Voter> find_voter_by_name(const std::string& username);
    std::vector<Voter> voters(int limit, int offset);
    long long voter_count();

    void add_voter_session(const VoterSession& session);
    // The session and its voter, read in one statement (the path of a vote whose session is not
    // held in memory). The voter comes without its password hash, which a session never needs.
    std::optional<std::pair<VoterSession, Voter>> session_with_voter(const std::string& token_hash);
    void delete_voter_session(const std::string& token_hash);

    // Stored votes.
    std::vector<DayVote> votes_of_day(std::int64_t day);
    // Non-voided votes per work (works without votes are absent).
    std::map<WorkId, long long> totals(PublicVoteId id);
    // The same, read in one statement with the id of the last vote stored in the vote by then, so
    // that a vote stored later is known not to be counted in them.
    struct TotalsRead {
        std::map<WorkId, long long> per_work;
        std::int64_t last_vote = 0;
    };
    TotalsRead totals_with_last_vote(PublicVoteId id);
    long long count(PublicVoteId id, bool voided);
    std::vector<VoteEvidence> evidence(PublicVoteId id);
    std::vector<CastVote> votes_by_id(PublicVoteId id, const std::vector<VoteId>& ids);
    // Votes per vote day (Asia/Shanghai), non-voided and voided.
    std::vector<std::tuple<std::int64_t, long long, long long>> per_day(PublicVoteId id);
    // Sets `voided` on the given votes of the vote (ids of other votes are ignored) with the
    // reason, records the voiding and an audit event; returns how many changed.
    int set_voided(PublicVoteId id, const std::vector<VoteId>& votes, bool voided,
                   const std::string& reason, const std::optional<std::string>& flag_id,
                   const AuditContext& ctx);
    std::vector<VoteVoiding> voidings(PublicVoteId id);
    // Refused attempts per rule, over the whole vote.
    std::map<std::string, long long> refusals(PublicVoteId id);

    // Forgets spent challenges that have expired anyway.
    void sweep_spent(Timestamp now);

  private:
    Database& database_;
};

}  // namespace wangju::store
