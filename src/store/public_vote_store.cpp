// PublicVoteStore: public votes, voters and their sessions, votes read back, voidings.
#include "store/public_vote_store.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "store/altcha_spent.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

constexpr const char* kVoteColumns =
    "SELECT id, campaign_id, name, tracks, starts_at, ends_at, rules, created_by, created_at "
    "FROM public_votes ";
constexpr const char* kVoterColumns =
    "SELECT id, username, password_hash, registered_at, disabled FROM voters ";

struct VoteRow {
    long long id = 0, campaign_id = 0;
    std::string name, tracks, starts_at, ends_at, rules;
    long long created_by = 0;
    std::string created_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(name), soci::into(tracks),
            soci::into(starts_at), soci::into(ends_at), soci::into(rules), soci::into(created_by),
            soci::into(created_at);
    }
    PublicVote vote() const {
        PublicVote v;
        v.id = PublicVoteId{id};
        v.campaign = CampaignId{campaign_id};
        v.name = name;
        for (const auto& t : Json::parse(tracks)) v.tracks.push_back(t.get<std::string>());
        v.starts_at = timestamp_from(starts_at);
        v.ends_at = timestamp_from(ends_at);
        apply_rules_json(Json::parse(rules), v.rules, v.fraud);
        v.created_by = UserId{created_by};
        v.created_at = timestamp_from(created_at);
        return v;
    }
};

struct VoterRow {
    long long id = 0;
    std::string username, password_hash, registered_at;
    int disabled = 0;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(username), soci::into(password_hash),
            soci::into(registered_at), soci::into(disabled);
    }
    Voter voter() const {
        return {VoterId{id}, username, password_hash, timestamp_from(registered_at), disabled != 0};
    }
};

struct SessionRow {
    std::string token_hash;
    long long voter_id = 0;
    std::string csrf_token, created_at, last_seen_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(token_hash), soci::into(voter_id), soci::into(csrf_token),
            soci::into(created_at), soci::into(last_seen_at);
    }
};

struct SessionVoterRow {
    SessionRow session;
    VoterRow voter;

    void bind(soci::details::prepare_temp_type& p) {
        session.bind(p);
        voter.bind(p);
    }
};

struct DayVoteRow {
    long long vote = 0, voter = 0, work = 0;
    std::string address;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(vote), soci::into(voter), soci::into(work), soci::into(address);
    }
};

struct CountRow {
    long long key = 0, n = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(key), soci::into(n); }
};

struct EvidenceRow {
    long long id = 0, work = 0, voter = 0;
    std::string address, cast_at, registered_at;
    int solve_ms = 0, voided = 0;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(work), soci::into(voter), soci::into(address),
            soci::into(cast_at), soci::into(registered_at), soci::into(solve_ms),
            soci::into(voided);
    }
};

struct CastRow {
    long long id = 0, vote = 0, work = 0, voter = 0;
    std::string address, cast_at;
    int solve_ms = 0, voided = 0;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(vote), soci::into(work), soci::into(voter),
            soci::into(address), soci::into(cast_at), soci::into(solve_ms), soci::into(voided);
    }
};

struct DayRow {
    long long day = 0, counted = 0, voided = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(day), soci::into(counted), soci::into(voided);
    }
};

struct VoidingRow {
    long long id = 0;
    std::string action, reason;
    NullableText flag_id;
    std::string vote_ids;
    long long acted_by = 0;
    std::string acted_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(action), soci::into(reason),
            soci::into(flag_id.value, flag_id.indicator), soci::into(vote_ids),
            soci::into(acted_by), soci::into(acted_at);
    }
};

struct RuleCountRow {
    std::string rule;
    long long n = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(rule), soci::into(n); }
};

std::string vote_object(PublicVoteId id) {
    return fmt::format("public_vote:{}", id.value);
}

Json tracks_json(const std::vector<std::string>& tracks) {
    return Json(tracks);
}

Json vote_audit(const PublicVote& v, const std::vector<WorkId>& works) {
    Json ids = Json::array();
    for (auto w : works) ids.push_back(w.value);
    return {{"name", v.name},
            {"tracks", v.tracks},
            {"starts_at", format_utc(v.starts_at)},
            {"ends_at", format_utc(v.ends_at)},
            {"rules", rules_json(v.rules, v.fraud)},
            {"works", ids}};
}

std::optional<PublicVote> vote_in(soci::session& s, PublicVoteId id) {
    auto row =
        fetch_one<VoteRow>(s, std::string(kVoteColumns) + "WHERE id = :id", soci::use(id.value));
    if (!row) return std::nullopt;
    return row->vote();
}

std::vector<WorkId> works_in(soci::session& s, PublicVoteId id) {
    std::vector<WorkId> out;
    for (auto w : fetch_values<long long>(
             s, "SELECT work_id FROM public_vote_works WHERE public_vote_id = :v ORDER BY work_id",
             soci::use(id.value)))
        out.push_back(WorkId{w});
    return out;
}

void save_works(soci::session& s, PublicVoteId id, const std::vector<WorkId>& works) {
    s << "DELETE FROM public_vote_works WHERE public_vote_id = :v", soci::use(id.value);
    for (auto w : works) {
        s << "INSERT INTO public_vote_works (public_vote_id, work_id) VALUES (:v, :w)",
            soci::use(id.value), soci::use(w.value);
    }
}

std::vector<WorkId> unique_works(std::vector<WorkId> works) {
    std::sort(works.begin(), works.end());
    works.erase(std::unique(works.begin(), works.end()), works.end());
    return works;
}

// "1,2,3" for an IN list of ids the caller made numbers.
std::string id_list(const std::vector<VoteId>& ids) {
    std::string out;
    for (auto id : ids) {
        if (!out.empty()) out += ',';
        out += std::to_string(id.value);
    }
    return out;
}

}  // namespace

// ---- votes

PublicVote PublicVoteStore::create(const PublicVote& vote, const std::vector<WorkId>& works,
                                   const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const std::string tracks = tracks_json(vote.tracks).dump();
        const std::string rules = rules_json(vote.rules, vote.fraud).dump();
        const std::string starts = stored(vote.starts_at), ends = stored(vote.ends_at);
        const std::string now = stored(now_utc());
        long long id = 0;
        s << "INSERT INTO public_votes (campaign_id, name, tracks, starts_at, ends_at, rules, "
             "created_by, created_at) VALUES (:c, :n, :t, :s, :e, :r, :by, :now) RETURNING id",
            soci::use(vote.campaign.value), soci::use(vote.name), soci::use(tracks),
            soci::use(starts), soci::use(ends), soci::use(rules), soci::use(vote.created_by.value),
            soci::use(now), soci::into(id);
        const auto list = unique_works(works);
        save_works(s, PublicVoteId{id}, list);
        auto created = *vote_in(s, PublicVoteId{id});
        append_event(s, ctx, "public_vote.create", vote_object(created.id), nullptr,
                     vote_audit(created, list));
        return created;
    });
}

PublicVote PublicVoteStore::update(const PublicVote& vote,
                                   const std::optional<std::vector<WorkId>>& works, Timestamp now,
                                   const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto before = vote_in(s, vote.id);
        if (!before) throw_not_found("投票不存在");
        check_rules_editable(*before, now);
        const auto old_works = works_in(s, vote.id);
        const std::string tracks = tracks_json(vote.tracks).dump();
        const std::string rules = rules_json(vote.rules, vote.fraud).dump();
        const std::string starts = stored(vote.starts_at), ends = stored(vote.ends_at);
        s << "UPDATE public_votes SET name = :n, tracks = :t, starts_at = :s, ends_at = :e, "
             "rules = :r WHERE id = :id",
            soci::use(vote.name), soci::use(tracks), soci::use(starts), soci::use(ends),
            soci::use(rules), soci::use(vote.id.value);
        if (works) save_works(s, vote.id, unique_works(*works));
        auto saved = *vote_in(s, vote.id);
        append_event(s, ctx, "public_vote.update", vote_object(vote.id),
                     vote_audit(*before, old_works), vote_audit(saved, works_in(s, vote.id)));
        return saved;
    });
}

std::optional<PublicVote> PublicVoteStore::find(PublicVoteId id) {
    return database_.read([&](soci::session& s) { return vote_in(s, id); });
}

std::vector<PublicVote> PublicVoteStore::of_campaign(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<PublicVote> out;
        for (const auto& row : fetch_all<VoteRow>(
                 s, std::string(kVoteColumns) + "WHERE campaign_id = :c ORDER BY starts_at, id",
                 soci::use(campaign.value)))
            out.push_back(row.vote());
        return out;
    });
}

std::vector<PublicVote> PublicVoteStore::all() {
    return database_.read([&](soci::session& s) {
        std::vector<PublicVote> out;
        for (const auto& row : fetch_all<VoteRow>(s, std::string(kVoteColumns) + "ORDER BY id"))
            out.push_back(row.vote());
        return out;
    });
}

std::vector<WorkId> PublicVoteStore::works(PublicVoteId id) {
    return database_.read([&](soci::session& s) { return works_in(s, id); });
}

bool PublicVoteStore::holds(PublicVoteId id, WorkId work) {
    return database_.read([&](soci::session& s) {
        return !fetch_values<long long>(s,
                                        "SELECT work_id FROM public_vote_works WHERE "
                                        "public_vote_id = :v AND work_id = :w",
                                        soci::use(id.value), soci::use(work.value))
                    .empty();
    });
}

std::vector<PublicVoteId> PublicVoteStore::votes_holding(WorkId work) {
    return database_.read([&](soci::session& s) {
        std::vector<PublicVoteId> out;
        for (auto id : fetch_values<long long>(
                 s, "SELECT public_vote_id FROM public_vote_works WHERE work_id = :w ORDER BY 1",
                 soci::use(work.value)))
            out.push_back(PublicVoteId{id});
        return out;
    });
}

// ---- voters

Voter PublicVoteStore::add_voter(const std::string& username, const std::string& password_hash,
                                 const std::string& address, const std::string& spent_key,
                                 Timestamp challenge_expires, Timestamp registered_at,
                                 const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        spend_altcha_challenge(s, spent_key, challenge_expires);
        const auto taken = fetch_values<long long>(s, "SELECT id FROM users WHERE username = :u",
                                                   soci::use(username));
        const auto taken_voter = fetch_values<long long>(
            s, "SELECT id FROM voters WHERE username = :u", soci::use(username));
        if (!taken.empty() || !taken_voter.empty()) {
            throw Error(ErrorKind::conflict, "该用户名已被使用,请换一个",
                        {{"username", "已被使用"}});
        }
        const std::string now = stored(registered_at);
        long long id = 0;
        s << "INSERT INTO voters (username, password_hash, registered_at, registered_address, "
             "disabled) VALUES (:u, :h, :now, :a, 0) RETURNING id",
            soci::use(username), soci::use(password_hash), soci::use(now), soci::use(address),
            soci::into(id);
        append_event(s, ctx, "voter.register", fmt::format("voter:{}", id), nullptr,
                     {{"username", username}});
        return Voter{VoterId{id}, username, password_hash, timestamp_from(now), false};
    });
}

std::optional<Voter> PublicVoteStore::find_voter_by_name(const std::string& username) {
    return database_.read([&](soci::session& s) -> std::optional<Voter> {
        auto row = fetch_one<VoterRow>(s, std::string(kVoterColumns) + "WHERE username = :u",
                                       soci::use(username));
        if (!row) return std::nullopt;
        return row->voter();
    });
}

std::vector<Voter> PublicVoteStore::voters(int limit, int offset) {
    return database_.read([&](soci::session& s) {
        std::vector<Voter> out;
        for (const auto& row : fetch_all<VoterRow>(
                 s, std::string(kVoterColumns) + "ORDER BY id DESC LIMIT :l OFFSET :o",
                 soci::use(limit), soci::use(offset)))
            out.push_back(row.voter());
        return out;
    });
}

long long PublicVoteStore::voter_count() {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        s << "SELECT count(*) FROM voters", soci::into(n);
        return n;
    });
}

void PublicVoteStore::add_voter_session(const VoterSession& session) {
    database_.write([&](soci::session& s) {
        const std::string created = stored(session.created_at), seen = stored(session.last_seen_at);
        s << "INSERT INTO voter_sessions (token_hash, voter_id, csrf_token, created_at, "
             "last_seen_at) VALUES (:t, :v, :c, :cr, :seen)",
            soci::use(session.token_hash), soci::use(session.voter.value),
            soci::use(session.csrf_token), soci::use(created), soci::use(seen);
    });
}

std::optional<std::pair<VoterSession, Voter>> PublicVoteStore::session_with_voter(
    const std::string& token_hash) {
    return database_.read_keyed([&](soci::session& s)
                                    -> std::optional<std::pair<VoterSession, Voter>> {
        auto row = fetch_one_kept<SessionVoterRow>(
            s, database_.connections().prepared(s),
            "SELECT s.token_hash, s.voter_id, s.csrf_token, s.created_at, s.last_seen_at, v.id, "
            "v.username, '' AS password_hash, v.registered_at, v.disabled FROM voter_sessions s "
            "JOIN voters v ON v.id = s.voter_id WHERE s.token_hash = :t",
            token_hash);
        if (!row) return std::nullopt;
        const auto& session = row->session;
        return std::pair{
            VoterSession{session.token_hash, VoterId{session.voter_id}, session.csrf_token,
                         timestamp_from(session.created_at), timestamp_from(session.last_seen_at)},
            row->voter.voter()};
    });
}

void PublicVoteStore::delete_voter_session(const std::string& token_hash) {
    database_.write([&](soci::session& s) {
        s << "DELETE FROM voter_sessions WHERE token_hash = :t", soci::use(token_hash);
    });
}

// ---- stored votes

std::vector<DayVote> PublicVoteStore::votes_of_day(std::int64_t day) {
    return database_.read([&](soci::session& s) {
        std::vector<DayVote> out;
        for (const auto& row : fetch_all<DayVoteRow>(
                 s,
                 "SELECT public_vote_id, voter_id, work_id, client_address FROM votes "
                 "WHERE day = :d",
                 soci::use(day)))
            out.push_back(
                {PublicVoteId{row.vote}, VoterId{row.voter}, WorkId{row.work}, row.address});
        return out;
    });
}

std::map<WorkId, long long> PublicVoteStore::totals(PublicVoteId id) {
    return totals_with_last_vote(id).per_work;
}

PublicVoteStore::TotalsRead PublicVoteStore::totals_with_last_vote(PublicVoteId id) {
    return database_.read([&](soci::session& s) {
        TotalsRead out;
        // One statement, so both parts see the same committed votes. Work ids start at 1: the
        // row with work 0 carries the last vote's id.
        for (const auto& row : fetch_all<CountRow>(
                 s,
                 "SELECT work_id, count(*) FROM votes WHERE public_vote_id = :v AND voided = 0 "
                 "GROUP BY work_id "
                 "UNION ALL SELECT 0, coalesce(max(id), 0) FROM votes WHERE public_vote_id = :w",
                 soci::use(id.value), soci::use(id.value))) {
            if (row.key == 0) {
                out.last_vote = row.n;
            } else {
                out.per_work[WorkId{row.key}] = row.n;
            }
        }
        return out;
    });
}

long long PublicVoteStore::count(PublicVoteId id, bool voided) {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        const int flag = voided ? 1 : 0;
        s << "SELECT count(*) FROM votes WHERE public_vote_id = :v AND voided = :f",
            soci::use(id.value), soci::use(flag), soci::into(n);
        return n;
    });
}

std::vector<VoteEvidence> PublicVoteStore::evidence(PublicVoteId id) {
    return database_.read([&](soci::session& s) {
        std::vector<VoteEvidence> out;
        for (const auto& row : fetch_all<EvidenceRow>(
                 s,
                 "SELECT v.id, v.work_id, v.voter_id, v.client_address, v.cast_at, "
                 "r.registered_at, v.solve_ms, v.voided FROM votes v JOIN voters r ON r.id = "
                 "v.voter_id WHERE v.public_vote_id = :v ORDER BY v.id",
                 soci::use(id.value)))
            out.push_back({VoteId{row.id}, WorkId{row.work}, VoterId{row.voter}, row.address,
                           timestamp_from(row.cast_at), timestamp_from(row.registered_at),
                           row.solve_ms, row.voided != 0});
        return out;
    });
}

std::vector<CastVote> PublicVoteStore::votes_by_id(PublicVoteId id,
                                                   const std::vector<VoteId>& ids) {
    if (ids.empty()) return {};
    return database_.read([&](soci::session& s) {
        std::vector<CastVote> out;
        for (const auto& row : fetch_all<CastRow>(
                 s,
                 "SELECT id, public_vote_id, work_id, voter_id, client_address, cast_at, "
                 "solve_ms, voided FROM votes WHERE public_vote_id = :v AND id IN (" +
                     id_list(ids) + ") ORDER BY id",
                 soci::use(id.value)))
            out.push_back({VoteId{row.id}, PublicVoteId{row.vote}, WorkId{row.work},
                           VoterId{row.voter}, row.address, timestamp_from(row.cast_at),
                           row.solve_ms, row.voided != 0});
        return out;
    });
}

std::vector<std::tuple<std::int64_t, long long, long long>> PublicVoteStore::per_day(
    PublicVoteId id) {
    return database_.read([&](soci::session& s) {
        std::vector<std::tuple<std::int64_t, long long, long long>> out;
        for (const auto& row : fetch_all<DayRow>(
                 s,
                 "SELECT day, sum(1 - voided), sum(voided) FROM votes WHERE public_vote_id = :v "
                 "GROUP BY day ORDER BY day",
                 soci::use(id.value)))
            out.emplace_back(row.day, row.counted, row.voided);
        return out;
    });
}

int PublicVoteStore::set_voided(PublicVoteId id, const std::vector<VoteId>& votes, bool voided,
                                const std::string& reason,
                                const std::optional<std::string>& flag_id,
                                const AuditContext& ctx) {
    if (votes.empty()) return 0;
    return database_.write([&](soci::session& s) {
        const int from = voided ? 0 : 1, to = voided ? 1 : 0;
        std::vector<VoteId> changed;
        for (auto v : fetch_values<long long>(s,
                                              "SELECT id FROM votes WHERE public_vote_id = :v AND "
                                              "voided = :f AND id IN (" +
                                                  id_list(votes) + ") ORDER BY id",
                                              soci::use(id.value), soci::use(from)))
            changed.push_back(VoteId{v});
        if (changed.empty()) return 0;
        s << "UPDATE votes SET voided = :t WHERE public_vote_id = :v AND id IN (" +
                 id_list(changed) + ")",
            soci::use(to), soci::use(id.value);
        Json ids = Json::array();
        for (auto v : changed) ids.push_back(v.value);
        const std::string action = voided ? "void" : "restore";
        const std::string list = ids.dump(), now = stored(now_utc());
        const long long by = ctx.actor ? ctx.actor->value : 0;
        NullableText flag(flag_id);
        s << "INSERT INTO vote_voidings (public_vote_id, action, reason, flag_id, vote_ids, "
             "acted_by, acted_at) VALUES (:v, :a, :r, :f, :ids, :by, :now)",
            soci::use(id.value), soci::use(action), soci::use(reason),
            soci::use(flag.value, flag.indicator), soci::use(list), soci::use(by), soci::use(now);
        Json after{{"action", action}, {"reason", reason}, {"votes", ids}};
        if (flag_id) after["flag_id"] = *flag_id;
        append_event(s, ctx, voided ? "public_vote.void" : "public_vote.restore", vote_object(id),
                     nullptr, after);
        return static_cast<int>(changed.size());
    });
}

std::vector<VoteVoiding> PublicVoteStore::voidings(PublicVoteId id) {
    return database_.read([&](soci::session& s) {
        std::vector<VoteVoiding> out;
        for (const auto& row : fetch_all<VoidingRow>(
                 s,
                 "SELECT id, action, reason, flag_id, vote_ids, acted_by, acted_at FROM "
                 "vote_voidings WHERE public_vote_id = :v ORDER BY id DESC",
                 soci::use(id.value))) {
            VoteVoiding v{row.id,
                          row.action == "restore",
                          row.reason,
                          row.flag_id.get(),
                          {},
                          UserId{row.acted_by},
                          timestamp_from(row.acted_at)};
            for (const auto& n : Json::parse(row.vote_ids))
                v.votes.push_back(VoteId{n.get<long long>()});
            out.push_back(std::move(v));
        }
        return out;
    });
}

std::map<std::string, long long> PublicVoteStore::refusals(PublicVoteId id) {
    return database_.read([&](soci::session& s) {
        std::map<std::string, long long> out;
        for (const auto& row : fetch_all<RuleCountRow>(
                 s,
                 "SELECT rule, sum(n) FROM vote_refusals WHERE public_vote_id = :v GROUP BY rule",
                 soci::use(id.value)))
            out[row.rule] = row.n;
        return out;
    });
}

void PublicVoteStore::sweep_spent(Timestamp now) {
    database_.write([&](soci::session& s) {
        const std::string at = stored(now);
        s << "DELETE FROM altcha_spent WHERE expires_at < :t", soci::use(at);
    });
}

}  // namespace wangju::store
