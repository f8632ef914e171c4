// The public vote's pages. For everyone: /public-votes (the votes), /public-votes/{id} (its works,
// each with a vote button), /public-votes/{id}/works/{work} (a work's vote page, the link people
// share); for voters: /voters/signup, and POST /public-votes/{id}/vote. Logging in is the site's
// /login. Voting needs the browser to solve the proof-of-work challenge, so it needs JavaScript;
// reading the works and totals does not.
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/vote_rules_text.h"
#include "store/connections.h"
#include "web/media_views.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/uploads/blob_routes.h"
#include "web/votes/vote_json.h"
#include "web/votes/vote_pages.h"
#include "web/votes/vote_service.h"
#include "web/works/works_service.h"

namespace wangju::web::votes {
namespace {

using Json = nlohmann::json;

WorkId work_of(const std::string& text) {
    long long id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        throw_not_found("作品不存在");
    }
    return WorkId{id};
}

std::string vote_url(PublicVoteId id) {
    return fmt::format("/public-votes/{}", id.value);
}

Json period_json(const PublicVote& v, Timestamp now) {
    return {{"starts", format_shanghai(v.starts_at)},
            {"ends", format_shanghai(v.ends_at)},
            {"phase", label_zh(phase_at(v, now))},
            {"open", phase_at(v, now) == VotePhase::open}};
}

Json rules_text(const PublicVote& v) {
    return vote_rule_lines(v.rules);
}

Json voter_json(const std::optional<CurrentVoter>& voter) {
    if (!voter) return nullptr;
    return {{"username", voter->voter.username}, {"csrf", voter->session.csrf_token}};
}

Json entry_card(const VoteEntry& e, const PublicVote& v) {
    const std::string files = vote_files_base(v.id);
    Json card = entry_json(e, files);
    card["url"] = fmt::format("/public-votes/{}/works/{}", v.id.value, e.work.id.value);
    card["has_total"] = e.total.has_value();
    if (auto cover = work_cover(e.work)) card["cover"] = files + cover->sha256 + "/preview";
    return card;
}

// The page of a vote, or of one of its works (`only`), with a message after a vote.
http::Response vote_page(WebContext& web, const http::Request& r, const PublicVote& vote,
                         std::optional<WorkId> only, Json message, int status = 200) {
    const auto user = current_user(web, r);
    const auto voter = current_voter(web, r);
    const Timestamp now = now_utc();
    const bool visible = totals_visible(vote, user, now);
    Json cards = Json::array();
    Json media = nullptr;
    std::string title = vote.name;
    for (const auto& e : vote_entries(web, vote, visible, false)) {
        if (only && e.work.id != *only) continue;
        cards.push_back(entry_card(e, vote));
        if (only) {
            title = e.work.content.title + " - " + vote.name;
            media = work_media_json(e.work, vote_files_base(vote.id));
        }
    }
    if (only && cards.empty()) throw_not_found("该作品不在本次投票中");
    const std::string here =
        only ? fmt::format("/public-votes/{}/works/{}", vote.id.value, only->value)
             : vote_url(vote.id);
    Json data{{"vote", {{"id", vote.id.value}, {"name", vote.name}, {"url", vote_url(vote.id)}}},
              {"period", period_json(vote, now)},
              {"rules", rules_text(vote)},
              {"works", cards},
              {"single", only.has_value()},
              {"media", media},
              {"totals_visible", visible},
              {"voter", voter_json(voter)},
              {"here", here},
              {"message", message},
              {"organiser", user && user->user.roles.has(Role::sysadmin)}};
    auto response = show_page(r, web, user ? &*user : nullptr, title, "votes_show", data, status);
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response get_index(WebContext& web, http::Request& r) {
    const auto user = current_user(web, r);
    const Timestamp now = now_utc();
    Json list = Json::array();
    for (const auto& v : web.public_votes.all()) {
        Json item{{"name", v.name}, {"url", vote_url(v.id)}, {"period", period_json(v, now)}};
        list.push_back(item);
    }
    Json data{{"votes", list},
              {"has_votes", !list.empty()},
              {"voter", voter_json(current_voter(web, r))}};
    auto response = show_page(r, web, user ? &*user : nullptr, "网络投票", "votes_index", data);
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response get_vote(WebContext& web, http::Request& r) {
    Json message = nullptr;
    if (r.query("done") == std::optional<std::string>("voted"))
        message = {{"text", "投票成功,感谢您的参与!"}, {"done", true}};
    return vote_page(web, r, load_vote(web, r.params.at("id")), std::nullopt, message);
}

http::Response get_work(WebContext& web, http::Request& r) {
    Json message = nullptr;
    if (r.query("done") == std::optional<std::string>("voted"))
        message = {{"text", "投票成功,感谢您的参与!"}, {"done", true}};
    return vote_page(web, r, load_vote(web, r.params.at("id")), work_of(r.params.at("work")),
                     message);
}

// POST /public-votes/{id}/vote: answered once the vote is stored (back to where the voter was,
// with a notice) or refused (the page again with the rule's message).
void post_vote(WebContext& web, http::Request& r, http::Reply reply) {
    const auto form = r.form();
    const auto held = held_vote(web, r.params.at("id"));
    const PublicVote& vote = held->vote;
    const auto voter = current_voter(web, r);
    if (!voter) {
        reply([id = vote.id] {
            return http::Response::redirect("/login?next=" + http::percent_encode(vote_url(id)));
        });
        return;
    }
    require_voter_csrf(r, *voter, form_value(form, "csrf"));
    const WorkId work = work_of(form_value(form, "work_id"));
    const std::string back = local_path_or(form_value(form, "back"), vote_url(vote.id));
    try {
        cast_vote(web, r, *voter, held, work, form_value(form, "altcha"),
                  [&web, &r, reply, held, work, back](std::optional<VoteId> stored,
                                                      std::optional<VoteRefusal> refusal) {
                      // Made later, on another thread: all but the request by value.
                      reply([&web, &r, stored, refusal, held, work, back] {
                          if (stored) {
                              const char* sep = back.find('?') == std::string::npos ? "?" : "&";
                              return http::Response::redirect(back + sep + "done=voted#work-" +
                                                              std::to_string(work.value));
                          }
                          if (!refusal)
                              throw Error(ErrorKind::unavailable, "投票暂时无法保存,请稍后再试")
                                  .with_retry_after(store::kUnavailableRetryAfterSeconds);
                          return vote_page(web, r, held->vote, work,
                                           {{"text", refusal->message}, {"done", false}},
                                           refusal->retry_at ? 429 : 409);
                      });
                  });
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input) throw;
        const std::string text = e.fields().count("altcha") ? e.fields().at("altcha") : e.message();
        reply([&web, &r, held, work, text] {
            return vote_page(web, r, held->vote, work, {{"text", text}, {"done", false}}, 400);
        });
    }
}

http::Response signup_page(WebContext& web, const http::Request& r, const std::string& next,
                           const std::string& username, const Error* error) {
    Json data{{"next", next}, {"username", username}};
    int status = 200;
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    auto response = show_page(r, web, nullptr, "注册投票账号", "voter_signup", data, status);
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response get_signup(WebContext& web, http::Request& r) {
    return signup_page(web, r,
                       local_path_or(r.query("next").value_or("/public-votes"), "/public-votes"),
                       "", nullptr);
}

http::Response post_signup(WebContext& web, http::Request& r) {
    const auto form = r.form();
    const auto next = local_path_or(form_value(form, "next"), "/public-votes");
    const auto username = form_value(form, "username");
    try {
        if (form_value(form, "password") != form_value(form, "password2")) {
            throw_invalid("两次输入的密码不一致", {{"password2", "两次输入的密码不一致"}});
        }
        auto login = register_voter(web, username, form_value(form, "password"),
                                    form_value(form, "altcha"), r);
        auto response = http::Response::redirect(next);
        response.set_cookie(voter_cookie(login.token, r.secure));
        return response;
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::conflict &&
            e.kind() != ErrorKind::too_many_requests) {
            throw;
        }
        return signup_page(web, r, next, username, &e);
    }
}

http::Response post_logout(WebContext& web, http::Request& r) {
    const auto form = r.form();
    if (auto voter = current_voter(web, r)) {
        require_voter_csrf(r, *voter, form_value(form, "csrf"));
        log_out_voter(web, r);
    }
    auto response = http::Response::redirect("/public-votes");
    response.set_cookie(voter_cookie("", r.secure));
    return response;
}

// The files of the vote's works and their previews, for anyone.
http::Response vote_file(WebContext& web, http::Request& r, FileForm form) {
    const PublicVoteId id = load_vote(web, r.params.at("id")).id;
    return public_file(web, r, form, [&web, id](const std::string& sha256) {
        return shows_file(web, id, sha256);
    });
}

}  // namespace

std::optional<http::Response> voter_login(WebContext& web, const http::Request& r,
                                          const std::string& username, const std::string& password,
                                          const std::string& next) {
    if (!web.public_votes.find_voter_by_name(username)) return std::nullopt;
    auto login = log_in_voter(web, username, password, r);
    auto response = http::Response::redirect(next == "/" ? std::string("/public-votes") : next);
    response.set_cookie(voter_cookie(login.token, r.secure));
    response.set_header("cache-control", "no-store");
    return response;
}

void register_vote_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/public-votes", page_handler(web, get_index));
    router.add("GET", "/public-votes/{id}", page_handler(web, get_vote));
    router.add("GET", "/public-votes/{id}/works/{work}", page_handler(web, get_work));
    router.add("GET", "/public-votes/{id}/files/{sha256}",
               [&web](http::Request& r) { return vote_file(web, r, FileForm::original); });
    router.add("GET", "/public-votes/{id}/files/{sha256}/preview",
               [&web](http::Request& r) { return vote_file(web, r, FileForm::preview); });
    router.add("GET", "/public-votes/{id}/files/{sha256}/thumbnails/{width}",
               [&web](http::Request& r) { return vote_file(web, r, FileForm::thumbnail); });
    router.add("GET", "/voters/signup", page_handler(web, get_signup));
    router.add("POST", "/voters/signup", page_handler(web, post_signup));
    router.add("POST", "/voters/logout", page_handler(web, post_logout));
    router.add_deferred("POST", "/public-votes/{id}/vote",
                        [&web](http::Request& r, http::Reply reply) { post_vote(web, r, reply); });
}

}  // namespace wangju::web::votes
