// The judge's pages: /judge (the queue of every round they sit on, with progress) and
// /judge/assignments/{id} (the work as the round shows it, the rubric's form, a conflict
// declaration). Both work on a phone and without JavaScript.
#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "web/judging/judging_json.h"
#include "web/judging/judging_pages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"

namespace wangju::web::judging {
namespace {

using Json = nlohmann::json;

std::string score_text(double value) {
    return fmt::format("{:.2f}", value);
}

std::string done_text(const http::Request& r) {
    static const std::map<std::string, std::string> texts = {
        {"scored", "评分已保存。"},
        {"all_scored", "评分已保存。本轮分配给您的作品已全部评完。"},
        {"declared", "已申请回避,该作品已改派其他评委。"},
        {"declared_pending", "已申请回避,评审管理员将改派该作品。"}};
    auto key = r.query("done");
    if (!key) return "";
    auto it = texts.find(*key);
    return it == texts.end() ? "" : it->second;
}

AssignmentId id_of(const http::Request& r) {
    try {
        std::size_t used = 0;
        const auto& text = r.params.at("id");
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return AssignmentId{id};
    } catch (const std::exception&) {
    }
    throw_not_found("评审任务不存在");
}

http::Response get_queue(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto queue = judge_queue(web, user);
    Json rounds = Json::array();
    std::map<std::int64_t, std::size_t> index;
    for (const auto& e : queue) {
        auto [it, added] = index.emplace(e.round.id.value, rounds.size());
        if (added) {
            rounds.push_back({{"id", e.round.id.value},
                              {"name", e.round.name},
                              {"track_name", e.track.name},
                              {"kind_label", label_zh(e.round.kind)},
                              {"state_label", label_zh(e.round.state)},
                              {"assigned", 0},
                              {"scored", 0},
                              {"entries", Json::array()}});
        }
        Json& round = rounds[it->second];
        round["assigned"] = round["assigned"].get<int>() + 1;
        if (e.assignment.scored()) round["scored"] = round["scored"].get<int>() + 1;
        std::string result;
        if (e.assignment.verdict)
            result = std::string(label_zh(*e.assignment.verdict));
        else if (e.assignment.total)
            result = score_text(*e.assignment.total);
        round["entries"].push_back({{"id", e.assignment.id.value},
                                    {"title", e.work.content.title},
                                    {"scored", e.assignment.scored()},
                                    {"result", result},
                                    {"open", e.round.state == RoundState::open}});
    }
    for (auto& round : rounds) {
        round["missing"] = round["assigned"].get<int>() - round["scored"].get<int>();
    }
    // Reminders addressed to this judge, newest first.
    Json reminders = Json::array();
    for (const auto& n : web.inbox.notices(user.unit.id, user.user.id, 20)) {
        if (n.user == user.user.id && !n.read_at) reminders.push_back(store::to_json(n));
    }
    Json data{{"rounds", rounds},
              {"has_rounds", !rounds.empty()},
              {"reminders", reminders},
              {"done", done_text(r)}};
    return show_page(r, web, &user, "我的评审任务", "judging_queue", data);
}

Json criteria_json(const QueueEntry& e, const FormFields* form, const Error* error) {
    Json list = Json::array();
    for (const auto& c : e.round.rubric.criteria) {
        std::string value;
        if (form)
            value = form_value(*form, "score." + c.key);
        else if (auto it = e.assignment.values.find(c.key); it != e.assignment.values.end())
            value = fmt::format("{:g}", it->second);
        std::string message;
        if (error) {
            if (auto it = error->fields().find("scores." + c.key); it != error->fields().end())
                message = it->second;
        }
        list.push_back({{"key", c.key},
                        {"name", c.name},
                        {"description", c.description},
                        {"min", fmt::format("{:g}", c.scale_min)},
                        {"max", fmt::format("{:g}", c.scale_max)},
                        {"weight", fmt::format("{:g}", c.weight)},
                        {"value", value},
                        {"error", message}});
    }
    return list;
}

http::Response score_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                          AssignmentId id, const FormFields* form, const Error* error) {
    const QueueEntry e = judge_entry(web, user, id);
    Json data = judge_entry_json(web, e);
    for (auto& f : data["work"]["files"]) {
        const auto kind = f["kind"].get<std::string>();
        f["is_video"] = kind == "video";
        f["is_audio"] = kind == "audio";
        f["is_image"] = kind == "image";
    }
    const bool qualifying = e.round.kind == RoundKind::qualifying;
    const bool open = e.round.state == RoundState::open;
    data["round"]["full_score"] = fmt::format("{:g}", e.round.rubric.full_score());
    data["csrf"] = user.session.csrf_token;
    data["qualifying"] = qualifying;
    data["open"] = open;
    data["can_declare"] = open && !e.assignment.scored();
    data["criteria"] = qualifying ? Json::array() : criteria_json(e, form, error);
    const std::string verdict =
        form ? form_value(*form, "verdict")
             : (e.assignment.verdict ? std::string(to_string(*e.assignment.verdict)) : "");
    data["is_pass"] = verdict == "pass";
    data["is_fail"] = verdict == "fail";
    if (form) data["mine"]["comment"] = form_value(*form, "comment");
    if (e.assignment.scored_at) data["scored_at"] = works::local_time(*e.assignment.scored_at);
    if (e.assignment.total) data["total_text"] = score_text(*e.assignment.total);
    data["done"] = done_text(r);
    if (error) data["form_error"] = error_json(*error);
    return show_page(r, web, &user, e.work.content.title, "judging_score", data, error ? 400 : 200);
}

http::Response get_score(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return score_page(web, r, user, id_of(r), nullptr, nullptr);
}

// After saving: the next unscored work of the same round, or the queue when none is left.
std::string next_after(WebContext& web, const CurrentUser& user, const QueueEntry& saved) {
    for (const auto& e : judge_queue(web, user)) {
        if (e.round.id == saved.round.id && !e.assignment.scored() &&
            e.round.state == RoundState::open) {
            return fmt::format("/judge/assignments/{}?done=scored", e.assignment.id.value);
        }
    }
    return "/judge?done=all_scored";
}

http::Response post_score(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const AssignmentId id = id_of(r);
    const QueueEntry entry = judge_entry(web, user, id);
    auto form = r.form();
    try {
        ScoreForm score;
        score.comment = form_value(form, "comment");
        if (entry.round.kind == RoundKind::qualifying) {
            score.verdict = parse_verdict(form_value(form, "verdict"));
            if (!score.verdict) throw_invalid("请选择通过或不通过", {{"verdict", "请选择"}});
        } else {
            std::map<std::string, std::string> errors;
            for (const auto& c : entry.round.rubric.criteria) {
                const std::string text(trim(form_value(form, "score." + c.key)));
                try {
                    std::size_t used = 0;
                    const double v = std::stod(text, &used);
                    if (used != text.size()) throw std::invalid_argument(text);
                    score.values[c.key] = v;
                } catch (const std::exception&) {
                    errors["scores." + c.key] = text.empty() ? "请打分" : "应为数字";
                }
            }
            if (!errors.empty()) throw_invalid("请为每一项打分(填数字)", errors);
        }
        save_score(web, user, id, score, audit_context(r, user));
        return http::Response::redirect(next_after(web, user, entry));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return score_page(web, r, user, id, &form, &e);
    }
}

http::Response post_conflict(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const AssignmentId id = id_of(r);
    auto form = r.form();
    try {
        const bool reassigned =
            declare_conflict(web, user, id, form_value(form, "reason"), audit_context(r, user));
        return http::Response::redirect(reassigned ? "/judge?done=declared"
                                                   : "/judge?done=declared_pending");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return score_page(web, r, user, id, nullptr, &e);
    }
}

}  // namespace

void register_judge_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/judge", page_handler(web, get_queue));
    router.add("GET", "/judge/assignments/{id}", page_handler(web, get_score));
    router.add("POST", "/judge/assignments/{id}/score", page_handler(web, post_score));
    router.add("POST", "/judge/assignments/{id}/conflict", page_handler(web, post_conflict));
}

}  // namespace wangju::web::judging
