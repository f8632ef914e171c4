#include "web/votes/vote_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "domain/judging_scores.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "domain/vote_fraud.h"
#include "web/works/works_service.h"

namespace wangju::web::votes {

namespace {

using Json = nlohmann::json;

Timestamp time_field(const Json& body, const char* field, const char* label) {
    const auto& v = body[field];
    auto at = v.is_string() ? parse_utc(v.get<std::string>()) : std::nullopt;
    if (!at) {
        throw_invalid(fmt::format("{}格式应为 2023-10-01T00:00:00Z", label),
                      {{field, "时间格式错误"}});
    }
    return *at;
}

std::vector<std::string> tracks_of(const Json& body) {
    const auto& v = body["tracks"];
    if (!v.is_array()) throw_invalid("子项目应为代码列表", {{"tracks", "应为代码列表"}});
    std::vector<std::string> out;
    for (const auto& t : v) {
        if (!t.is_string()) throw_invalid("子项目应为代码列表", {{"tracks", "应为代码列表"}});
        out.push_back(t.get<std::string>());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Every work must be eligible; names the first that is not.
void check_works(WebContext& web, const PublicVote& vote, const std::vector<WorkId>& works) {
    const Campaign campaign = works::load_campaign(web, vote.campaign.value);
    std::set<WorkId> allowed;
    for (const auto& w : eligible_works(web, campaign, vote.tracks)) allowed.insert(w.id);
    for (auto id : works) {
        if (!allowed.count(id)) {
            throw_invalid(fmt::format("作品 {} 不是所选子项目的参赛作品,不能参加投票", id.value),
                          {{"works", fmt::format("作品 {} 不能参加投票", id.value)}});
        }
    }
}

void check_tracks(WebContext& web, const PublicVote& vote) {
    for (const auto& code : vote.tracks) {
        if (!web.works.find_track_by_code(vote.campaign, code)) {
            throw_invalid(fmt::format("子项目 {} 不存在", code), {{"tracks", "子项目不存在"}});
        }
    }
}

std::vector<WorkId> all_eligible(WebContext& web, const PublicVote& vote) {
    const Campaign campaign = works::load_campaign(web, vote.campaign.value);
    std::vector<WorkId> out;
    for (const auto& w : eligible_works(web, campaign, vote.tracks)) out.push_back(w.id);
    return out;
}

VoterLogin start_session(WebContext& web, const store::Voter& voter) {
    VoterLogin login{random_token(), random_token(), voter};
    const Timestamp now = now_utc();
    const store::VoterSession session{sha256_hex(login.token), voter.id, login.csrf_token, now,
                                      now};
    web.public_votes.add_voter_session(session);
    store::Voter held = voter;
    held.password_hash.clear();  // as a session read from the database: never needed there
    web.vote_taker.cache().hold_session(session.token_hash, {std::move(held), session});
    return login;
}

// The vote a URL segment names, if it is a positive number.
std::optional<PublicVoteId> parse_vote_id(const std::string& id_text) {
    long long id = 0;
    const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) return std::nullopt;
    return PublicVoteId{id};
}

// The vote a URL segment names; "not found" unless it is a positive number.
PublicVoteId vote_id_of(const std::string& id_text) {
    if (auto id = parse_vote_id(id_text)) return *id;
    throw_not_found("投票不存在");
}

// Whether a session is still open at `now`: used within the idle time and younger than its
// lifetime. A closed one is deleted when next used.
bool session_open(const WebContext& web, const store::VoterSession& session, Timestamp now) {
    return now - session.last_seen_at <= web.config.session_idle &&
           now - session.created_at <= web.config.session_lifetime;
}

}  // namespace

PublicVote load_vote(WebContext& web, const std::string& id_text) {
    if (auto vote = web.public_votes.find(vote_id_of(id_text))) return *vote;
    throw_not_found("投票不存在");
}

std::shared_ptr<const HeldVote> held_vote(WebContext& web, const std::string& id_text) {
    if (auto held = web.vote_taker.cache().vote(vote_id_of(id_text))) return held;
    throw_not_found("投票不存在");
}

void require_organiser(const CurrentUser& user) {
    if (!user.user.roles.has(Role::sysadmin)) throw_forbidden("只有系统管理员可以组织网络投票");
}

std::vector<Work> eligible_works(WebContext& web, const Campaign& campaign,
                                 const std::vector<std::string>& tracks) {
    std::set<TrackId> wanted;
    for (const auto& code : tracks) {
        if (auto t = web.works.find_track_by_code(campaign.id, code)) wanted.insert(t->id);
    }
    std::vector<Work> out;
    for (const auto& brief : web.works.works_in_subtree(campaign.id, "/")) {
        if (brief.state != WorkState::entry || !wanted.count(brief.track)) continue;
        if (auto work = web.works.find_work(brief.id)) out.push_back(*work);
    }
    return out;
}

void apply_vote_json(const Json& body, PublicVote& vote) {
    if (body.contains("name")) {
        const auto& v = body["name"];
        if (!v.is_string()) throw_invalid("投票名称应为文字", {{"name", "应为文字"}});
        vote.name = v.get<std::string>();
    }
    if (body.contains("tracks")) vote.tracks = tracks_of(body);
    if (body.contains("starts_at")) vote.starts_at = time_field(body, "starts_at", "开始时间");
    if (body.contains("ends_at")) vote.ends_at = time_field(body, "ends_at", "结束时间");
    if (body.contains("rules")) apply_rules_json(body["rules"], vote.rules, vote.fraud);
}

std::vector<WorkId> work_ids_of(const Json& body) {
    const auto& v = body["works"];
    if (!v.is_array()) throw_invalid("作品应为编号列表", {{"works", "应为编号列表"}});
    std::vector<WorkId> out;
    for (const auto& id : v) {
        if (!id.is_number_integer() || id.get<long long>() <= 0) {
            throw_invalid("作品应为编号列表", {{"works", "应为编号列表"}});
        }
        out.push_back(WorkId{id.get<long long>()});
    }
    return out;
}

PublicVote create_vote(WebContext& web, const CurrentUser& user, PublicVote vote,
                       const std::vector<WorkId>& works, const AuditContext& ctx) {
    require_organiser(user);
    check_vote_settings(vote);
    check_tracks(web, vote);
    std::vector<WorkId> list = works.empty() ? all_eligible(web, vote) : works;
    check_works(web, vote, list);
    vote.created_by = user.user.id;
    auto created = web.public_votes.create(vote, list, ctx);
    web.vote_taker.cache().forget_vote(created.id);
    return created;
}

PublicVote update_vote(WebContext& web, const CurrentUser& user, const PublicVote& vote,
                       const Json& patch, const AuditContext& ctx) {
    require_organiser(user);
    check_rules_editable(vote, now_utc());
    PublicVote changed = vote;
    apply_vote_json(patch, changed);
    check_vote_settings(changed);
    check_tracks(web, changed);
    std::optional<std::vector<WorkId>> works;
    if (patch.contains("works")) {
        works = work_ids_of(patch);
        if (works->empty()) works = all_eligible(web, changed);
    } else if (changed.tracks != vote.tracks) {
        works = all_eligible(web, changed);
    }
    check_works(web, changed, works ? *works : web.public_votes.works(vote.id));
    auto saved = web.public_votes.update(changed, works, now_utc(), ctx);
    web.vote_taker.cache().forget_vote(vote.id);
    return saved;
}

bool totals_visible(const PublicVote& vote, const std::optional<CurrentUser>& user, Timestamp now) {
    if (user && user->user.roles.has(Role::sysadmin)) return true;
    return totals_public(vote.rules, now);
}

std::vector<VoteEntry> vote_entries(WebContext& web, const PublicVote& vote, bool show_totals,
                                    bool by_total) {
    std::map<TrackId, Track> tracks;
    for (const auto& t : web.works.tracks(vote.campaign)) tracks[t.id] = t;
    const auto totals =
        show_totals ? web.vote_taker.totals(vote.id) : std::map<WorkId, long long>{};
    std::vector<VoteEntry> out;
    for (auto id : web.public_votes.works(vote.id)) {
        auto work = web.works.find_work(id);
        if (!work) continue;
        VoteEntry e{*work, tracks.count(work->track) ? tracks[work->track].name : "", "", {}, {}};
        if (auto unit = web.store.find_unit(work->unit)) e.unit_name = unit->name;
        if (show_totals) {
            auto it = totals.find(id);
            e.total = it == totals.end() ? 0 : it->second;
        }
        out.push_back(std::move(e));
    }
    if (show_totals) {
        std::vector<double> values;
        for (const auto& e : out) values.push_back(static_cast<double>(*e.total));
        const auto ranks = competition_ranks(values);
        for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = ranks[i];
    }
    std::stable_sort(out.begin(), out.end(), [&](const VoteEntry& a, const VoteEntry& b) {
        if (show_totals && by_total) return *a.rank < *b.rank;
        if (a.work.track != b.work.track)
            return tracks[a.work.track].number < tracks[b.work.track].number;
        return a.work.id < b.work.id;
    });
    return out;
}

std::string vote_files_base(PublicVoteId id) {
    return "/public-votes/" + std::to_string(id.value) + "/files/";
}

bool shows_file(WebContext& web, PublicVoteId vote, const std::string& sha256) {
    for (const auto& work : web.works.works_holding(sha256)) {
        if (web.public_votes.holds(vote, work)) return true;
    }
    return false;
}

std::optional<CurrentVoter> current_voter(WebContext& web, const http::Request& request) {
    auto token = request.cookie(voter_cookie_name);
    if (!token || token->size() != 64) return std::nullopt;
    const std::string hash = sha256_hex(*token);
    auto& cache = web.vote_taker.cache();
    auto held = cache.session(hash);
    if (!held) return std::nullopt;
    const Timestamp now = now_utc();
    if (!session_open(web, held->session, now)) {
        web.public_votes.delete_voter_session(hash);
        cache.forget_session(hash);
        return std::nullopt;
    }
    if (held->voter.disabled) return std::nullopt;
    if (now - held->session.last_seen_at >= std::chrono::seconds(60)) {
        web.vote_taker.touch_session(hash, now);
        held->session.last_seen_at = now;
    }
    return CurrentVoter{std::move(held->voter), std::move(held->session)};
}

bool ballot_held(WebContext& web, const http::Request& request) {
    const auto token = request.cookie(voter_cookie_name);
    const auto id = request.params.find("id");
    if (!token || token->size() != 64 || id == request.params.end()) return false;
    const auto vote = parse_vote_id(id->second);
    if (!vote) return false;
    auto& cache = web.vote_taker.cache();
    const Timestamp now = now_utc();
    return cache.holds_vote(*vote) &&
           cache.holds_session(sha256_hex(*token), [&](const HeldSession& held) {
               return !held.voter.disabled && session_open(web, held.session, now);
           });
}

CurrentVoter require_voter(WebContext& web, const http::Request& request) {
    auto voter = current_voter(web, request);
    if (!voter) throw Error(ErrorKind::unauthenticated, "请先登录或注册投票账号");
    return *voter;
}

void require_voter_csrf(const http::Request& request, const CurrentVoter& voter,
                        std::string_view sent) {
    std::string token(sent);
    if (token.empty()) token = std::string(request.header("x-csrf-token").value_or(""));
    if (token.empty() || !equal_constant_time(token, voter.session.csrf_token)) {
        throw Error(ErrorKind::csrf_failed, "页面已过期,请刷新后重试");
    }
}

VoterLogin register_voter(WebContext& web, const std::string& username, const std::string& password,
                          const std::string& altcha, const http::Request& request) {
    refuse_cross_site_login(request);
    std::map<std::string, std::string> problems;
    if (auto p = check_username(username); !p.empty()) problems["username"] = p;
    if (auto p = check_password_policy(password, username); !p.empty()) problems["password"] = p;
    if (!problems.empty()) throw_invalid(problems.begin()->second, problems);
    const auto proof = verify_altcha(web.altcha, altcha, now_utc());
    int retry = 0;
    if (!web.signups_by_address.allow(request.client_address, &retry)) {
        throw Error(ErrorKind::too_many_requests, "该网络地址注册过于频繁,请稍后再试")
            .with_retry_after(retry);
    }
    auto voter = web.public_votes.add_voter(
        username, hash_password(password), request.client_address, proof.spent_key,
        proof.expires_at, now_utc(), {std::nullopt, request.client_address});
    return start_session(web, voter);
}

VoterLogin log_in_voter(WebContext& web, const std::string& username, const std::string& password,
                        const http::Request& request) {
    refuse_cross_site_login(request);
    int retry = 0;
    if (!web.login_failures_by_address.would_allow(request.client_address, &retry)) {
        throw Error(ErrorKind::too_many_requests, "登录失败次数过多,请稍后再试")
            .with_retry_after(retry);
    }
    auto voter = web.public_votes.find_voter_by_name(username);
    if (!voter || voter->disabled || !verify_password(voter->password_hash, password)) {
        web.login_failures_by_address.allow(request.client_address);
        throw Error(ErrorKind::unauthenticated, "用户名或密码错误");
    }
    return start_session(web, *voter);
}

void log_out_voter(WebContext& web, const http::Request& request) {
    if (auto voter = current_voter(web, request)) {
        web.public_votes.delete_voter_session(voter->session.token_hash);
        web.vote_taker.cache().forget_session(voter->session.token_hash);
    }
}

http::Cookie voter_cookie(const std::string& token, bool secure) {
    http::Cookie cookie;
    cookie.name = voter_cookie_name;
    cookie.value = token;
    cookie.secure = secure;
    if (token.empty()) cookie.max_age = 0;
    return cookie;
}

void cast_vote(WebContext& web, http::Request& request, const CurrentVoter& voter,
               const std::shared_ptr<const HeldVote>& vote, WorkId work, const std::string& altcha,
               std::function<void(std::optional<VoteId>, std::optional<VoteRefusal>)> answer) {
    if (!vote->holds(work)) {
        throw_invalid("该作品不在本次投票中", {{"work_id", "不在本次投票中"}});
    }
    const Timestamp now = now_utc();
    const auto proof = verify_altcha(web.altcha, altcha, now);
    Ballot ballot{std::shared_ptr<const PublicVote>(vote, &vote->vote), voter.voter.id, work,
                  request.client_address, proof, now};
    web.vote_taker.cast(ballot, [answer = std::move(answer)](CastOutcome outcome) {
        if (outcome.failed) {
            answer(std::nullopt, std::nullopt);
            return;
        }
        answer(outcome.stored, outcome.refusal);
    });
}

std::vector<VoteFlag> vote_flags(WebContext& web, const PublicVote& vote) {
    return find_flags(web.public_votes.evidence(vote.id), vote.fraud);
}

int void_votes(WebContext& web, const CurrentUser& user, const PublicVote& vote,
               std::vector<VoteId> ids, const std::optional<std::string>& flag_id,
               const std::string& reason, bool restore, const AuditContext& ctx) {
    require_organiser(user);
    if (reason.empty()) throw_invalid("请填写理由", {{"reason", "必填"}});
    if (reason.size() > 2000) throw_invalid("理由过长", {{"reason", "最多 2000 字节"}});
    if (flag_id) {
        const auto flags = vote_flags(web, vote);
        auto it = std::find_if(flags.begin(), flags.end(),
                               [&](const VoteFlag& f) { return f.id == *flag_id; });
        if (it == flags.end()) throw_not_found("该疑似刷票线索不存在");
        ids = it->votes;
    }
    if (ids.empty()) throw_invalid("请选择要处理的投票", {{"vote_ids", "至少一票"}});
    if (ids.size() > 100'000) throw_invalid("一次最多处理 100000 票", {{"vote_ids", "过多"}});
    const int changed = web.public_votes.set_voided(vote.id, ids, !restore, reason, flag_id, ctx);
    web.vote_taker.forget_totals(vote.id);
    return changed;
}

}  // namespace wangju::web::votes
