// The JSON API of the public vote (/api/v1/campaigns/{id}/public-votes, /api/v1/public-votes/...,
// /api/v1/altcha/challenge, /api/v1/voters). Handlers parse, call vote_service and answer.
#include <fmt/format.h>
#include <simdjson.h>

#include "domain/error.h"
#include "store/connections.h"
#include "web/api_body.h"
#include "web/votes/vote_json.h"
#include "web/votes/vote_routes.h"
#include "web/votes/vote_service.h"
#include "web/works/works_service.h"

namespace wangju::web::votes {
namespace {

using Json = nlohmann::json;

// Nothing of a vote's figures may be kept by a cache: totals can be hidden, and change by the
// second when shown.
http::Response uncached(http::Response response) {
    response.set_header("cache-control", "no-store");
    return response;
}

std::vector<VoteId> vote_ids_of(const Json& body) {
    const auto& v = field_of(body, "vote_ids");
    if (!v.is_array()) throw_invalid("vote_ids 应为编号列表", {{"vote_ids", "应为编号列表"}});
    std::vector<VoteId> out;
    for (const auto& id : v) {
        if (!id.is_number_integer() || id.get<long long>() <= 0)
            throw_invalid("vote_ids 应为编号列表", {{"vote_ids", "应为编号列表"}});
        out.push_back(VoteId{id.get<long long>()});
    }
    return out;
}

http::Response get_votes(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const auto user = current_user(web, r);
    const Timestamp now = now_utc();
    Json list = Json::array();
    for (const auto& v : web.public_votes.of_campaign(campaign.id))
        list.push_back(vote_json(web, v, user, now));
    return uncached(
        http::Response::json({{"campaign_id", campaign.id.value}, {"public_votes", list}}));
}

http::Response post_vote(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    require_organiser(user);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    PublicVote vote;
    vote.campaign = campaign.id;
    for (const char* field : {"name", "tracks", "starts_at", "ends_at"}) {
        if (!body.contains(field)) throw_invalid(fmt::format("缺少 {}", field), {{field, "必填"}});
    }
    apply_vote_json(body, vote);
    std::vector<WorkId> works;
    if (body.contains("works")) works = work_ids_of(body);
    auto created = create_vote(web, user, vote, works, audit_context(r, user));
    return http::Response::json(vote_json(web, created, user, now_utc()), 201)
        .set_header("location", "/api/v1/public-votes/" + std::to_string(created.id.value));
}

http::Response get_vote(WebContext& web, http::Request& r) {
    const auto vote = load_vote(web, r.params.at("id"));
    return uncached(http::Response::json(vote_json(web, vote, current_user(web, r), now_utc())));
}

http::Response patch_vote(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const auto vote = load_vote(web, r.params.at("id"));
    auto saved = update_vote(web, user, vote, body, audit_context(r, user));
    return http::Response::json(vote_json(web, saved, user, now_utc()));
}

http::Response get_works(WebContext& web, http::Request& r) {
    const auto vote = load_vote(web, r.params.at("id"));
    const auto user = current_user(web, r);
    const bool visible = totals_visible(vote, user, now_utc());
    Json list = Json::array();
    for (const auto& e : vote_entries(web, vote, visible, false)) list.push_back(entry_json(e, vote_files_base(vote.id)));
    return uncached(http::Response::json(
        {{"public_vote_id", vote.id.value}, {"totals_visible", visible}, {"works", list}}));
}

http::Response get_results(WebContext& web, http::Request& r) {
    const auto vote = load_vote(web, r.params.at("id"));
    const auto user = current_user(web, r);
    if (!totals_visible(vote, user, now_utc())) throw_forbidden("本次投票的票数尚未公布");
    Json list = Json::array();
    for (const auto& e : vote_entries(web, vote, true, true)) list.push_back(entry_json(e, vote_files_base(vote.id)));
    Json out{{"public_vote_id", vote.id.value}, {"works", list}};
    if (user && user->user.roles.has(Role::sysadmin)) out["summary"] = vote_summary_json(web, vote);
    return uncached(http::Response::json(out));
}

http::Response get_flags(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_organiser(user);
    const auto vote = load_vote(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& f : vote_flags(web, vote)) list.push_back(flag_json(f));
    return uncached(http::Response::json({{"public_vote_id", vote.id.value}, {"flags", list}}));
}

http::Response post_void(WebContext& web, http::Request& r, bool restore) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    require_organiser(user);
    const auto vote = load_vote(web, r.params.at("id"));
    std::vector<VoteId> ids;
    std::optional<std::string> flag;
    if (body.contains("flag_id")) {
        if (!body["flag_id"].is_string())
            throw_invalid("flag_id 应为文字", {{"flag_id", "应为文字"}});
        flag = body["flag_id"].get<std::string>();
    } else {
        ids = vote_ids_of(body);
    }
    const auto& reason = body["reason"];
    if (!reason.is_string()) throw_invalid("请填写理由", {{"reason", "必填"}});
    const int changed = void_votes(web, user, vote, ids, flag, reason.get<std::string>(), restore,
                                   audit_context(r, user));
    return uncached(http::Response::json({{"changed", changed},
                                          {"counted", web.public_votes.count(vote.id, false)},
                                          {"voided", web.public_votes.count(vote.id, true)}}));
}

http::Response get_challenge(WebContext& web, http::Request&) {
    return uncached(http::Response::json(make_altcha_challenge(web.altcha, altcha_now())));
}

http::Response login_answer(const VoterLogin& login, const http::Request& r, int status) {
    auto response = http::Response::json(
        {{"voter", {{"id", login.voter.id.value}, {"username", login.voter.username}}},
         {"csrf_token", login.csrf_token}},
        status);
    response.set_cookie(voter_cookie(login.token, r.secure));
    return uncached(std::move(response));
}

http::Response post_voter(WebContext& web, http::Request& r) {
    auto body = json_object_body(r);
    auto text = [&](const char* field) {
        const auto& v = body[field];
        return v.is_string() ? v.get<std::string>() : std::string();
    };
    auto login = register_voter(web, text("username"), text("password"), text("altcha"), r);
    return login_answer(login, r, 201);
}

http::Response post_voter_session(WebContext& web, http::Request& r) {
    auto body = json_object_body(r);
    auto text = [&](const char* field) {
        const auto& v = body[field];
        return v.is_string() ? v.get<std::string>() : std::string();
    };
    return login_answer(log_in_voter(web, text("username"), text("password"), r), r, 200);
}

http::Response delete_voter_session(WebContext& web, http::Request& r) {
    if (auto voter = current_voter(web, r)) require_voter_csrf(r, *voter);
    log_out_voter(web, r);
    http::Response response;
    response.status = 204;
    response.set_cookie(voter_cookie("", r.secure));
    return response;
}

http::Response get_voters(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_organiser(user);
    Json list = Json::array();
    for (const auto& v : web.public_votes.voters(100, 0))
        list.push_back({{"id", v.id.value},
                        {"username", v.username},
                        {"registered_at", format_utc(v.registered_at)},
                        {"disabled", v.disabled}});
    return uncached(
        http::Response::json({{"count", web.public_votes.voter_count()}, {"voters", list}}));
}

// POST /api/v1/public-votes/{id}/votes: answered once the vote is stored or refused.
void post_ballot(WebContext& web, http::Request& r, http::Reply reply) {
    const auto voter = require_voter(web, r);
    require_voter_csrf(r, voter);
    const auto vote = held_vote(web, r.params.at("id"));
    // The crowd's request: its body is read with simdjson, about ten times faster than
    // nlohmann-json builds a tree of it, and as strictly validated.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element body;
    if (const auto error = parser.parse(r.body).get(body)) {
        // simdjson tells a malformed number and one too large to hold (1e400) alike.
        throw_invalid(error == simdjson::NUMBER_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE
                          ? "请求内容中有无效或超出范围的数字"
                          : "请求内容不是有效的JSON");
    }
    if (!body.is_object()) throw_invalid("请求内容应为JSON对象");
    std::int64_t work = 0;
    if (body["work_id"].get(work) || work <= 0) {
        throw_invalid("请选择作品", {{"work_id", "应为作品编号"}});
    }
    std::string_view altcha;
    const std::string payload(body["altcha"].get(altcha) ? std::string_view() : altcha);
    const WorkId work_id{work};
    cast_vote(
        web, r, voter, vote, work_id, payload,
        [reply, vote_id = vote->vote.id, work_id](std::optional<VoteId> stored,
                                                  std::optional<VoteRefusal> refusal) {
            // The answer is made later, on another thread: everything by value.
            reply([stored, refusal, vote_id, work_id]() {
                if (stored) {
                    return http::Response::json({{"id", stored->value},
                                                 {"public_vote_id", vote_id.value},
                                                 {"work_id", work_id.value}},
                                                201);
                }
                if (!refusal) {
                    throw Error(ErrorKind::unavailable, "投票暂时无法保存,请稍后再试")
                        .with_retry_after(store::kUnavailableRetryAfterSeconds);
                }
                return refusal_response(*refusal);
            });
        });
}

}  // namespace

void register_vote_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("GET", "/api/v1/campaigns/{id}/public-votes", bind(get_votes));
    router.add("POST", "/api/v1/campaigns/{id}/public-votes", bind(post_vote));
    router.add("GET", "/api/v1/public-votes/{id}", bind(get_vote));
    router.add("PATCH", "/api/v1/public-votes/{id}", bind(patch_vote));
    router.add("GET", "/api/v1/public-votes/{id}/works", bind(get_works));
    router.add("GET", "/api/v1/public-votes/{id}/results", bind(get_results));
    router.add("GET", "/api/v1/public-votes/{id}/flags", bind(get_flags));
    router.add("POST", "/api/v1/public-votes/{id}/void",
               [&web](http::Request& r) { return post_void(web, r, false); });
    router.add("POST", "/api/v1/public-votes/{id}/restore",
               [&web](http::Request& r) { return post_void(web, r, true); });
    router.add("GET", "/api/v1/altcha/challenge", bind(get_challenge));
    router.add("POST", "/api/v1/voters", bind(post_voter));
    router.add("GET", "/api/v1/voters", bind(get_voters));
    router.add("POST", "/api/v1/voters/session", bind(post_voter_session));
    router.add("DELETE", "/api/v1/voters/session", bind(delete_voter_session));
    // Its answers are a few fields of JSON, made from the outcome alone.
    router.add_deferred(
        "POST", "/api/v1/public-votes/{id}/votes",
        [&web](http::Request& r, http::Reply reply) { post_ballot(web, r, reply); },
        http::RouteOptions{
            .answer_on_io_thread = true,
            .start_here = [&web](const http::Request& r) { return ballot_held(web, r); }});
}

}  // namespace wangju::web::votes
