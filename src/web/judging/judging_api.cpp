// The JSON API of judging (/api/v1/campaigns/{id}/judging, /api/v1/judging/..., /api/v1/rounds/...,
// /api/v1/assignments/..., /api/v1/me/assignments). Handlers parse, call judging_service and
// answer.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "domain/error.h"
#include "domain/text.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/judging/judging_json.h"
#include "web/judging/judging_routes.h"
#include "web/works/works_service.h"

namespace wangju::web::judging {
namespace {

using Json = nlohmann::json;

int integer_field(const Json& body, const char* field, const char* label) {
    const auto& v = field_of(body, field);
    if (!v.is_number_integer())
        throw_invalid(std::string(label) + "应为整数", {{field, "应为整数"}});
    return v.get<int>();
}

double number_field(const Json& body, const char* field, const char* label) {
    const auto& v = field_of(body, field);
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
        throw_invalid(std::string(label) + "应为数字", {{field, "应为数字"}});
    }
    return v.get<double>();
}

bool bool_field(const Json& body, const char* field) {
    const auto& v = field_of(body, field);
    if (!v.is_boolean()) throw_invalid("格式错误", {{field, "应为 true 或 false"}});
    return v.get<bool>();
}

Advance advance_of(const Json& body) {
    const auto& a = body["advance"];
    if (!a.is_object()) throw_invalid("晋级规则格式错误", {{"advance", "应为对象 {rule, value}"}});
    auto rule = parse_advance_rule(a.value("rule", ""));
    if (!rule) {
        throw_invalid("晋级规则应为 all、passed、top_n、top_percent 或 min_score",
                      {{"advance", "规则无效"}});
    }
    Advance advance{*rule, 0};
    if (a.contains("value")) {
        if (!a["value"].is_number()) throw_invalid("晋级条件应为数字", {{"advance", "应为数字"}});
        advance.value = a["value"].get<double>();
    }
    return advance;
}

RankBasis rank_by_of(const Json& body) {
    const auto text = optional_string(body, "rank_by");
    if (text == "raw") return RankBasis::raw;
    if (text == "normalised") return RankBasis::normalised;
    throw_invalid("排名依据应为 raw 或 normalised", {{"rank_by", "应为 raw 或 normalised"}});
}

std::vector<std::string> usernames_of(const Json& body) {
    const auto& v = field_of(body, "panel");
    if (!v.is_array()) throw_invalid("评委组应为账号列表", {{"panel", "应为账号列表"}});
    std::vector<std::string> out;
    for (const auto& u : v) {
        if (!u.is_string()) throw_invalid("评委组应为账号列表", {{"panel", "应为账号列表"}});
        out.push_back(u.get<std::string>());
    }
    return out;
}

RoundChanges changes_of(const Json& body) {
    RoundChanges c;
    if (body.contains("name")) c.name = required_string(body, "name", "轮次名称");
    if (body.contains("blind")) c.blind = bool_field(body, "blind");
    if (body.contains("judges_per_work"))
        c.judges_per_work = integer_field(body, "judges_per_work", "每件作品的评委人数");
    if (body.contains("rubric")) c.rubric = rubric_from_json(body["rubric"]);
    if (body.contains("advance")) c.advance = advance_of(body);
    if (body.contains("rank_by")) c.rank_by = rank_by_of(body);
    if (body.contains("disagreement_share"))
        c.disagreement_share = number_field(body, "disagreement_share", "分歧提示线");
    if (body.contains("panel")) c.panel = usernames_of(body);
    if (body.contains("state")) {
        auto state = parse_round_state(optional_string(body, "state"));
        if (!state) {
            throw_invalid("状态应为 open、closed 或 published",
                          {{"state", "应为 open、closed 或 published"}});
        }
        c.state = state;
    }
    if (body.contains("force")) c.force_close = bool_field(body, "force");
    return c;
}

AssignmentId assignment_id(const http::Request& r) {
    try {
        std::size_t used = 0;
        const auto& text = r.params.at("id");
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return AssignmentId{id};
    } catch (const std::exception&) {
    }
    throw_not_found("评审任务不存在");
}

http::Response get_judgings(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    if (!user.user.roles.has(Role::unit_admin) && !user.user.roles.has(Role::sysadmin)) {
        throw_forbidden("只有单位管理员或系统管理员可以管理评审");
    }
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& j : judgings_run_by(web, user, campaign)) list.push_back(judging_json(web, j));
    return http::Response::json({{"campaign_id", campaign.id.value}, {"judgings", list}});
}

// "award_cap_percent": a whole percent, or null for no cap.
std::optional<int> award_cap_of(const Json& body) {
    if (body["award_cap_percent"].is_null()) return std::nullopt;
    return integer_field(body, "award_cap_percent", "获奖比例上限");
}

http::Response post_judging(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_judging_opener(user);
    auto body = checked_body(r, user);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    NewJudging form;
    form.unit_code = optional_string(body, "unit");
    form.track_code = required_string(body, "track", "子项目");
    if (body.contains("vote_weight"))
        form.vote_weight = integer_field(body, "vote_weight", "投票权重");
    if (body.contains("tiers")) form.tiers = tiers_from_json(body["tiers"]);
    // The API sets a cap only when asked (the page offers the usual 30% filled in).
    form.award_cap_percent.reset();
    if (body.contains("award_cap_percent")) form.award_cap_percent = award_cap_of(body);
    auto judging = open_judging(web, user, campaign, form, audit_context(r, user));
    return http::Response::json(judging_json(web, judging), 201)
        .set_header("location", "/api/v1/judging/" + std::to_string(judging.id.value));
}

http::Response get_judging(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Judging judging = load_judging(web, r.params.at("id"));
    return http::Response::json(judging_json(web, administered_judging(web, user, judging.id)));
}

http::Response patch_judging(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const Judging judging = load_judging(web, r.params.at("id"));
    JudgingChanges changes;
    if (body.contains("vote_weight")) {
        changes.vote_weight = integer_field(body, "vote_weight", "投票权重");
    }
    if (body.contains("tiers")) changes.tiers = tiers_from_json(body["tiers"]);
    if (body.contains("award_cap_percent")) changes.award_cap_percent = award_cap_of(body);
    auto saved = update_judging(web, user, judging.id, changes, audit_context(r, user));
    return http::Response::json(judging_json(web, saved));
}

http::Response get_rounds(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Judging judging =
        administered_judging(web, user, load_judging(web, r.params.at("id")).id);
    Json list = Json::array();
    for (const auto& round : web.judgings.rounds(judging.id))
        list.push_back(round_json(web, round));
    return http::Response::json({{"rounds", list}});
}

http::Response post_round(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Judging judging =
        administered_judging(web, user, load_judging(web, r.params.at("id")).id);
    auto body = checked_body(r, user);
    Round round;
    round.judging = judging.id;
    auto kind = parse_round_kind(required_string(body, "kind", "轮次类型"));
    if (!kind) {
        throw_invalid("轮次类型应为 qualifying、scored 或 final",
                      {{"kind", "应为 qualifying、scored 或 final"}});
    }
    round.kind = *kind;
    round.name = required_string(body, "name", "轮次名称");
    if (body.contains("blind")) round.blind = bool_field(body, "blind");
    if (body.contains("judges_per_work"))
        round.judges_per_work = integer_field(body, "judges_per_work", "每件作品的评委人数");
    if (body.contains("rubric")) round.rubric = rubric_from_json(body["rubric"]);
    if (body.contains("advance")) round.advance = advance_of(body);
    if (body.contains("rank_by")) round.rank_by = rank_by_of(body);
    if (body.contains("disagreement_share"))
        round.disagreement_share = number_field(body, "disagreement_share", "分歧提示线");
    auto created = add_round(web, user, round, audit_context(r, user));
    if (body.contains("panel")) {
        RoundChanges panel;
        panel.panel = usernames_of(body);
        created = change_round(web, user, created.id, panel, audit_context(r, user));
    }
    return http::Response::json(round_json(web, created), 201)
        .set_header("location", "/api/v1/rounds/" + std::to_string(created.id.value));
}

http::Response get_round(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto [round, judging] = administered_round(web, user, load_round(web, r.params.at("id")).id);
    return http::Response::json(round_json(web, round));
}

http::Response patch_round(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const Round round = load_round(web, r.params.at("id"));
    auto saved = change_round(web, user, round.id, changes_of(body), audit_context(r, user));
    return http::Response::json(round_json(web, saved));
}

http::Response post_assign(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const Round round = load_round(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& a : assign(web, user, round.id, audit_context(r, user)))
        list.push_back(assignment_json(web, a));
    return http::Response::json({{"assignments", list}});
}

http::Response get_assignments(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto [round, judging] = administered_round(web, user, load_round(web, r.params.at("id")).id);
    Json list = Json::array();
    for (const auto& a : web.judgings.assignments(round.id))
        list.push_back(assignment_json(web, a));
    return http::Response::json({{"assignments", list}});
}

http::Response post_move(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    administered_assignment(web, user, assignment_id(r));
    auto body = checked_body(r, user);
    auto moved = move_assignment(web, user, assignment_id(r),
                                 required_string(body, "judge", "评委"), audit_context(r, user));
    return http::Response::json(assignment_json(web, moved));
}

http::Response get_progress(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Round round = load_round(web, r.params.at("id"));
    return http::Response::json({{"judges", progress_json(round_progress(web, user, round.id))}});
}

http::Response post_remind(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const Round round = load_round(web, r.params.at("id"));
    return http::Response::json(
        {{"reminded", remind_judges(web, user, round.id, audit_context(r, user))}});
}

http::Response get_results(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Round round = load_round(web, r.params.at("id"));
    return http::Response::json(results_json(round_results_view(web, user, round.id)));
}

http::Response post_recommend(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Round round = administered_round(web, user, load_round(web, r.params.at("id")).id).first;
    auto body = checked_body(r, user);
    const int count = integer_field(body, "count", "推荐数量");
    auto outcome = recommend_top(web, user, round.id, count, audit_context(r, user));
    Json ids = Json::array();
    for (auto w : outcome.recommended) ids.push_back(w.value);
    return http::Response::json(
        {{"recommended", ids},
         {"stopped_by", outcome.stopped_by ? Json(*outcome.stopped_by) : Json(nullptr)}});
}

http::Response get_my_assignments(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    Json list = Json::array();
    for (const auto& e : judge_queue(web, user)) list.push_back(judge_entry_json(web, e));
    return http::Response::json({{"assignments", list}});
}

http::Response get_assignment(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return http::Response::json(judge_entry_json(web, judge_entry(web, user, assignment_id(r))));
}

http::Response put_score(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    ScoreForm form;
    if (body.contains("scores")) {
        const auto& scores = body["scores"];
        if (!scores.is_object()) throw_invalid("评分格式错误", {{"scores", "应为 {评分项: 分数}"}});
        for (const auto& [k, v] : scores.items()) {
            if (!v.is_number()) throw_invalid("分数应为数字", {{"scores." + k, "应为数字"}});
            form.values[k] = v.get<double>();
        }
    }
    if (body.contains("verdict")) {
        form.verdict = parse_verdict(optional_string(body, "verdict"));
        if (!form.verdict)
            throw_invalid("结论应为 pass 或 fail", {{"verdict", "应为 pass 或 fail"}});
    }
    form.comment = optional_string(body, "comment");
    auto saved = save_score(web, user, assignment_id(r), form, audit_context(r, user));
    return http::Response::json(own_scores_json(saved));
}

http::Response post_declare(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const bool reassigned = declare_conflict(
        web, user, assignment_id(r), optional_string(body, "reason"), audit_context(r, user));
    return http::Response::json({{"declared", true}, {"reassigned", reassigned}});
}

http::Response post_conflict(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Judging judging =
        administered_judging(web, user, load_judging(web, r.params.at("id")).id);
    auto body = checked_body(r, user);
    std::optional<std::int64_t> work;
    if (body.contains("work_id")) {
        if (!body["work_id"].is_number_integer())
            throw_invalid("作品编号应为整数", {{"work_id", "应为整数"}});
        work = body["work_id"].get<std::int64_t>();
    }
    auto record = record_conflict(web, user, judging.id, required_string(body, "judge", "评委"),
                                  work, optional_string(body, "unit"),
                                  optional_string(body, "reason"), audit_context(r, user));
    return http::Response::json({{"id", record.id}}, 201);
}

http::Response get_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Judging judging = load_judging(web, r.params.at("id"));
    return http::Response::json(awards_json(awards_view(web, user, judging.id)));
}

// Every part of the body is read and checked before anything is stored, so that bad input
// leaves the judging as it was.
http::Response put_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const Judging judging = load_judging(web, r.params.at("id"));
    const auto ctx = audit_context(r, user);
    std::optional<std::vector<AwardTier>> tiers;
    if (body.contains("tiers")) tiers = tiers_from_json(body["tiers"]);
    std::optional<bool> confirm;
    if (body.contains("confirm")) confirm = bool_field(body, "confirm");
    std::vector<std::tuple<std::int64_t, std::optional<std::string>, std::string>> moves;
    if (body.contains("moves")) {
        if (!body["moves"].is_array()) throw_invalid("调整格式错误", {{"moves", "应为列表"}});
        const AwardsView view = awards_view(web, user, judging.id);
        const auto& known = tiers ? *tiers : view.judging.tiers;
        for (const auto& m : body["moves"]) {
            if (!m.is_object() || !m.contains("work_id") || !m["work_id"].is_number_integer()) {
                throw_invalid("调整格式错误", {{"moves", "每项应有 work_id、tier 和 reason"}});
            }
            const auto work = m["work_id"].get<std::int64_t>();
            std::optional<std::string> tier;
            if (m.contains("tier") && !m["tier"].is_null()) tier = optional_string(m, "tier");
            const std::string reason(trim(optional_string(m, "reason")));
            if (reason.empty()) throw_invalid("调整奖项须写明理由", {{"reason", "请写明调整理由"}});
            if (tier && std::none_of(known.begin(), known.end(),
                                     [&](const AwardTier& t) { return t.name == *tier; })) {
                throw_invalid("奖项“" + *tier + "”不存在", {{"tier", "没有这一奖项"}});
            }
            if (std::none_of(view.rows.begin(), view.rows.end(),
                             [&](const AwardRow& row) { return row.work.id.value == work; })) {
                throw_invalid("作品不在本评审的排名中", {{"work_id", "作品不在排名中"}});
            }
            moves.emplace_back(work, tier, reason);
        }
    }
    if (tiers) {
        JudgingChanges changes;
        changes.tiers = std::move(tiers);
        update_judging(web, user, judging.id, changes, ctx);
    }
    for (const auto& [work, tier, reason] : moves)
        move_award(web, user, judging.id, work, tier, reason, ctx);
    if (confirm) {
        if (*confirm)
            confirm_awards(web, user, judging.id, ctx);
        else
            unconfirm_awards(web, user, judging.id, ctx);
    }
    return http::Response::json(awards_json(awards_view(web, user, judging.id)));
}

http::Response post_publish(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const Judging judging = load_judging(web, r.params.at("id"));
    std::optional<Timestamp> at;
    if (body.contains("publish_at") && !body["publish_at"].is_null()) {
        at = parse_utc(optional_string(body, "publish_at"));
        if (!at) {
            throw_invalid("发布时间格式应为 YYYY-MM-DDTHH:MM:SSZ",
                          {{"publish_at", "格式应为 YYYY-MM-DDTHH:MM:SSZ"}});
        }
    }
    publish_awards(web, user, judging.id, at, audit_context(r, user));
    return http::Response::json(awards_json(awards_view(web, user, judging.id)));
}

}  // namespace

void register_judging_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("GET", "/api/v1/campaigns/{id}/judging", bind(get_judgings));
    router.add("POST", "/api/v1/campaigns/{id}/judging", bind(post_judging));
    router.add("GET", "/api/v1/judging/{id}", bind(get_judging));
    router.add("PATCH", "/api/v1/judging/{id}", bind(patch_judging));
    router.add("GET", "/api/v1/judging/{id}/rounds", bind(get_rounds));
    router.add("POST", "/api/v1/judging/{id}/rounds", bind(post_round));
    router.add("POST", "/api/v1/judging/{id}/conflicts", bind(post_conflict));
    router.add("GET", "/api/v1/judging/{id}/awards", bind(get_awards));
    router.add("PUT", "/api/v1/judging/{id}/awards", bind(put_awards));
    router.add("POST", "/api/v1/judging/{id}/awards/publish", bind(post_publish));
    router.add("GET", "/api/v1/rounds/{id}", bind(get_round));
    router.add("PATCH", "/api/v1/rounds/{id}", bind(patch_round));
    router.add("POST", "/api/v1/rounds/{id}/assign", bind(post_assign));
    router.add("GET", "/api/v1/rounds/{id}/assignments", bind(get_assignments));
    router.add("GET", "/api/v1/rounds/{id}/progress", bind(get_progress));
    router.add("POST", "/api/v1/rounds/{id}/remind", bind(post_remind));
    router.add("GET", "/api/v1/rounds/{id}/results", bind(get_results));
    router.add("POST", "/api/v1/rounds/{id}/recommend", bind(post_recommend));
    router.add("GET", "/api/v1/me/assignments", bind(get_my_assignments));
    router.add("GET", "/api/v1/assignments/{id}", bind(get_assignment));
    router.add("PUT", "/api/v1/assignments/{id}/score", bind(put_score));
    router.add("POST", "/api/v1/assignments/{id}/conflict", bind(post_declare));
    router.add("POST", "/api/v1/assignments/{id}/move", bind(post_move));
}

}  // namespace wangju::web::judging
