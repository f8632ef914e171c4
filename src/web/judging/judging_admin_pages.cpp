// The judging admins' pages, without JavaScript: /campaigns/{id}/judging (the judgings they run
// and the form to open one), /judging/{id} (settings, rounds, conflicts), /rounds/{id} (panel,
// state, assignment, progress, results, recommending upward) and /judging/{id}/awards (the
// ranking, tiers, moves, confirmation and publication). Every form posts back and redirects; an
// error the page can show is drawn on it with the values sent.
#include <fmt/format.h>

#include <regex>

#include "domain/error.h"
#include "domain/text.h"
#include "web/judging/judging_json.h"
#include "web/judging/judging_pages.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"
#include "web/works/works_service.h"

namespace wangju::web::judging {
namespace {

using Json = nlohmann::json;

constexpr int kTierRows = 6;
constexpr int kCriterionRows = 6;
constexpr auto kBeijingOffset = std::chrono::hours(8);

std::string number_text(double v) {
    return fmt::format("{:.2f}", v);
}

std::string done_text(const http::Request& r) {
    static const std::map<std::string, std::string> texts = {
        {"opened", "评审已开启。"},
        {"saved", "设置已保存。"},
        {"round_added", "评审轮次已添加。"},
        {"conflict", "回避关系已记录。"},
        {"panel", "评委组已保存。"},
        {"state", "轮次状态已更新。"},
        {"assigned", "作品已分配给评委。"},
        {"moved", "已改派。"},
        {"reminded", "已向未完成评分的评委发送提醒。"},
        {"recommended", "已按名次向上级推荐。"},
        {"award_moved", "奖项已调整。"},
        {"confirmed", "获奖名单已确认。"},
        {"unconfirmed", "已撤销确认,可继续调整。"},
        {"published", "获奖名单已发布。"}};
    auto key = r.query("done");
    if (!key) return "";
    auto it = texts.find(*key);
    return it == texts.end() ? "" : it->second;
}

int int_of(const FormFields& form, const char* name, const char* label) {
    const std::string text(trim(form_value(form, name)));
    try {
        std::size_t used = 0;
        const long v = std::stol(text, &used);
        if (used == text.size() && v >= INT32_MIN && v <= INT32_MAX) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
    throw_invalid(std::string(label) + "应为整数", {{name, "应为整数"}});
}

double double_of(const std::string& text, const std::string& field, const std::string& label) {
    try {
        std::size_t used = 0;
        const double v = std::stod(std::string(trim(text)), &used);
        if (used == std::string(trim(text)).size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    throw_invalid(label + "应为数字", {{field, "应为数字"}});
}

// The award cap field: empty for no cap.
std::optional<int> cap_of(const FormFields& form) {
    if (trim(form_value(form, "award_cap_percent")).empty()) return std::nullopt;
    return int_of(form, "award_cap_percent", "获奖比例上限");
}

std::vector<AwardTier> tiers_of(const FormFields& form) {
    std::vector<AwardTier> tiers;
    for (int i = 1; i <= kTierRows; ++i) {
        const std::string name(trim(form_value(form, fmt::format("tier_name_{}", i))));
        const std::string count(trim(form_value(form, fmt::format("tier_count_{}", i))));
        if (name.empty() && count.empty()) continue;
        const auto field = fmt::format("tier_count_{}", i);
        tiers.push_back({name, int_of(form, field.c_str(), "奖项数量")});
    }
    return tiers;
}

Json tier_rows(const std::vector<AwardTier>& tiers) {
    Json rows = Json::array();
    for (int i = 1; i <= kTierRows; ++i) {
        const auto* t =
            i <= static_cast<int>(tiers.size()) ? &tiers[static_cast<std::size_t>(i - 1)] : nullptr;
        rows.push_back(
            {{"n", i}, {"name", t ? t->name : ""}, {"count", t ? std::to_string(t->count) : ""}});
    }
    return rows;
}

Rubric rubric_of(const FormFields& form) {
    Rubric rubric;
    for (int i = 1; i <= kCriterionRows; ++i) {
        auto value = [&](const char* part) {
            return std::string(trim(form_value(form, fmt::format("c{}_{}", i, part))));
        };
        if (value("name").empty() && value("weight").empty()) continue;
        Criterion c;
        c.key = fmt::format("c{}", rubric.criteria.size() + 1);
        c.name = value("name");
        c.description = value("description");
        c.weight = double_of(value("weight"), fmt::format("c{}_weight", i), "权重");
        c.scale_min =
            value("min").empty() ? 0 : double_of(value("min"), fmt::format("c{}_min", i), "最低分");
        c.scale_max = value("max").empty()
                          ? 10
                          : double_of(value("max"), fmt::format("c{}_max", i), "最高分");
        rubric.criteria.push_back(std::move(c));
    }
    return rubric;
}

Json criterion_rows(const Rubric& rubric) {
    Json rows = Json::array();
    for (int i = 1; i <= kCriterionRows; ++i) {
        const auto* c = i <= static_cast<int>(rubric.criteria.size())
                            ? &rubric.criteria[static_cast<std::size_t>(i - 1)]
                            : nullptr;
        rows.push_back({{"n", i},
                        {"name", c ? c->name : ""},
                        {"description", c ? c->description : ""},
                        {"weight", c ? fmt::format("{:g}", c->weight) : ""},
                        {"min", c ? fmt::format("{:g}", c->scale_min) : ""},
                        {"max", c ? fmt::format("{:g}", c->scale_max) : ""}});
    }
    return rows;
}

Advance advance_of(const FormFields& form) {
    auto rule = parse_advance_rule(form_value(form, "advance_rule"));
    if (!rule) throw_invalid("请选择晋级规则", {{"advance_rule", "请选择晋级规则"}});
    Advance a{*rule, 0};
    if (*rule == AdvanceRule::top_n || *rule == AdvanceRule::top_percent ||
        *rule == AdvanceRule::min_score) {
        a.value = double_of(form_value(form, "advance_value"), "advance_value", "晋级条件");
    }
    return a;
}

// A time typed in Beijing time into a datetime-local input ("2026-12-08T17:00").
std::optional<Timestamp> beijing_input(const std::string& text) {
    static const std::regex pattern(R"((\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}))");
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) return std::nullopt;
    auto t = parse_utc(match[1].str() + "T" + match[2].str() + ":00Z");
    if (!t) return std::nullopt;
    return *t - kBeijingOffset;
}

std::string round_url(RoundId id) {
    return fmt::format("/rounds/{}", id.value);
}
std::string judging_url(JudgingId id) {
    return fmt::format("/judging/{}", id.value);
}

// Runs `action` for a form of a page; an error the page can show is drawn on `page` again.
template <class Action, class Page>
http::Response form_action(WebContext& web, http::Request& r, Action action, Page page) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto form = r.form();
    try {
        return http::Response::redirect(action(user, form));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return page(user, &e, &form);
    }
}

Json with_error(Json data, const Error* error, const FormFields* form, const char* form_name) {
    if (!error) return data;
    data["form_error"] = error_json(*error);
    data["error_in"] = form_name;
    if (form) {
        Json values = Json::object();
        for (const auto& [k, v] : *form) {
            if (k != "csrf") values[k] = v;
        }
        data["sent"] = values;
    }
    return data;
}

// ---- /campaigns/{id}/judging

http::Response list_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const Campaign& campaign, const Error* error, const FormFields* form) {
    if (!user.user.roles.has(Role::unit_admin) && !user.user.roles.has(Role::sysadmin)) {
        throw_forbidden("只有单位管理员或系统管理员可以管理评审");
    }
    Json list = Json::array();
    for (const auto& j : judgings_run_by(web, user, campaign)) {
        const auto rounds = web.judgings.rounds(j.id);
        list.push_back(
            {{"id", j.id.value},
             {"unit", judging_unit(web, j).name},
             {"track", judging_track(web, j).name},
             {"rounds", rounds.size()},
             {"current", rounds.empty() ? "尚未设置轮次"
                                        : rounds.back().name + "(" +
                                              std::string(label_zh(rounds.back().state)) + ")"},
             {"awards", to_string(web.judgings.awards_status(j.id).state)}});
    }
    Json tracks = Json::array();
    for (const auto& t : web.works.tracks(campaign.id)) {
        tracks.push_back({{"code", t.code},
                          {"name", t.name},
                          {"selected", form && form_value(*form, "track") == t.code}});
    }
    Json data{{"campaign", to_json(campaign)},
              {"csrf", user.session.csrf_token},
              {"judgings", list},
              {"has_judgings", !list.empty()},
              {"tracks", tracks},
              {"unit_code", form ? form_value(*form, "unit") : user.unit.code},
              {"award_cap_percent", form ? form_value(*form, "award_cap_percent")
                                         : std::to_string(default_award_cap_percent)},
              {"tier_rows", tier_rows(form ? tiers_of(*form)
                                           : std::vector<AwardTier>{{"一等奖", 1},
                                                                    {"二等奖", 3},
                                                                    {"三等奖", 5},
                                                                    {"优秀奖", 20}})},
              {"done", done_text(r)}};
    return show_page(r, web, &user, "评审管理", "judging_list",
                     with_error(data, error, form, "open"), error ? 400 : 200);
}

http::Response get_list(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return list_page(web, r, user, campaign, nullptr, nullptr);
}

http::Response post_open(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return form_action(
        web, r,
        [&](const CurrentUser& user, const FormFields& form) {
            NewJudging j;
            j.unit_code = std::string(trim(form_value(form, "unit")));
            j.track_code = form_value(form, "track");
            j.tiers = tiers_of(form);
            j.award_cap_percent = cap_of(form);
            auto opened = open_judging(web, user, campaign, j, audit_context(r, user));
            return judging_url(opened.id) + "?done=opened";
        },
        [&](const CurrentUser& user, const Error* e, const FormFields* form) {
            // A bad tier count is reported without the tiers (they could not be read).
            return list_page(web, r, user, campaign, e,
                             e && e->fields().count("tiers") ? form : nullptr);
        });
}

// ---- /judging/{id}

http::Response judging_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                            JudgingId id, const Error* error, const FormFields* form,
                            const char* form_name) {
    const Judging judging = administered_judging(web, user, id);
    Json data = judging_json(web, judging);
    const Campaign campaign = works::load_campaign(web, judging.campaign.value);
    data["campaign"] = to_json(campaign);
    data["csrf"] = user.session.csrf_token;
    data["tier_rows"] = tier_rows(judging.tiers);
    data["criteria_rows"] = criterion_rows(Rubric{});
    const bool has_rounds = !data["rounds"].empty();
    data["has_rounds"] = has_rounds;
    data["first_round"] = !has_rounds;
    Json conflicts = Json::array();
    for (const auto& c : web.judgings.conflicts(id)) {
        auto judge = web.store.find_user(c.judge);
        std::string with;
        if (c.work) {
            auto w = web.works.find_work(*c.work);
            with = "作品“" + (w ? w->content.title : std::to_string(c.work->value)) + "”";
        } else if (c.unit) {
            auto u = web.store.find_unit(*c.unit);
            with = "单位“" + (u ? u->name : "") + "”";
        }
        conflicts.push_back({{"judge", judge ? judge->display_name : ""},
                             {"with", with},
                             {"reason", c.reason},
                             {"declared", c.recorded_by == c.judge},
                             {"at", works::local_time(c.recorded_at)}});
    }
    data["conflicts"] = conflicts;
    data["has_conflicts"] = !conflicts.empty();
    data["done"] = done_text(r);
    return show_page(r, web, &user, judging_track(web, judging).name + " 评审", "judging_show",
                     with_error(data, error, form, form_name), error ? 400 : 200);
}

JudgingId judging_id_of(WebContext& web, const http::Request& r) {
    return load_judging(web, r.params.at("id")).id;
}

http::Response get_judging(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return judging_page(web, r, user, judging_id_of(web, r), nullptr, nullptr, "");
}

template <class Action>
http::Response judging_form(WebContext& web, http::Request& r, const char* form_name,
                            Action action) {
    const JudgingId id = judging_id_of(web, r);
    return form_action(
        web, r,
        [&](const CurrentUser& user, const FormFields& form) { return action(user, id, form); },
        [&](const CurrentUser& user, const Error* e, const FormFields* form) {
            return judging_page(web, r, user, id, e, form, form_name);
        });
}

http::Response post_settings(WebContext& web, http::Request& r) {
    return judging_form(web, r, "settings",
                        [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
                            JudgingChanges changes;
                            changes.vote_weight = int_of(form, "vote_weight", "投票权重");
                            changes.tiers = tiers_of(form);
                            changes.award_cap_percent = cap_of(form);
                            update_judging(web, user, id, changes, audit_context(r, user));
                            return judging_url(id) + "?done=saved";
                        });
}

http::Response post_round(WebContext& web, http::Request& r) {
    return judging_form(
        web, r, "round", [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
            Round round;
            round.judging = id;
            auto kind = parse_round_kind(form_value(form, "kind"));
            if (!kind) throw_invalid("请选择轮次类型", {{"kind", "请选择轮次类型"}});
            round.kind = *kind;
            round.name = std::string(trim(form_value(form, "name")));
            round.blind = form_value(form, "blind") == "1";
            if (round.kind != RoundKind::final_ranking)
                round.judges_per_work = int_of(form, "judges_per_work", "每件作品的评委人数");
            round.advance = advance_of(form);
            if (round.kind == RoundKind::scored) round.rubric = rubric_of(form);
            round.rank_by =
                form_value(form, "rank_by") == "raw" ? RankBasis::raw : RankBasis::normalised;
            round.disagreement_share = double_of(form_value(form, "disagreement_percent"),
                                                 "disagreement_percent", "分歧提示线") /
                                       100.0;
            auto created = add_round(web, user, round, audit_context(r, user));
            return round_url(created.id) + "?done=round_added";
        });
}

http::Response post_conflict_record(WebContext& web, http::Request& r) {
    return judging_form(web, r, "conflict",
                        [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
                            std::optional<std::int64_t> work;
                            const std::string work_text(trim(form_value(form, "work_id")));
                            if (!work_text.empty()) work = int_of(form, "work_id", "作品编号");
                            record_conflict(web, user, id, form_value(form, "judge"), work,
                                            std::string(trim(form_value(form, "unit"))),
                                            form_value(form, "reason"), audit_context(r, user));
                            return judging_url(id) + "?done=conflict";
                        });
}

// ---- /rounds/{id}

Json round_results_rows(const RoundResultsView& view) {
    Json rows = Json::array();
    for (const auto& row : view.rows) {
        Json judges = Json::array();
        for (const auto& a : row.scores) {
            auto name = view.judge_names.find(a.judge.value);
            std::string value = "未评";
            if (a.verdict)
                value = std::string(label_zh(*a.verdict)) +
                        (a.comment.empty() ? "" : "(" + a.comment + ")");
            else if (a.total)
                value = number_text(*a.total);
            judges.push_back(
                {{"name", name == view.judge_names.end() ? "" : name->second}, {"value", value}});
        }
        rows.push_back({{"rank", row.result.rank},
                        {"tied", row.result.tied},
                        {"title", row.work.content.title},
                        {"work_id", row.work.id.value},
                        {"unit", row.unit.name},
                        {"raw", number_text(row.result.raw_mean)},
                        {"normalised", number_text(row.result.normalised_mean)},
                        {"spread", number_text(row.result.spread)},
                        {"disputed", row.result.disputed},
                        {"passed", row.passed},
                        {"judges", judges}});
    }
    return rows;
}

http::Response round_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                          RoundId id, const Error* error, const FormFields* form,
                          const char* form_name) {
    auto [round, judging] = administered_round(web, user, id);
    Json data = round_json(web, round);
    // Numbers as people write them: "40", "0–10", not "40.0".
    for (auto& c : data["rubric"]) {
        for (const char* key : {"min", "max", "weight"})
            c[key] = fmt::format("{:g}", c[key].get<double>());
    }
    data["full_score"] = fmt::format("{:g}", round.rubric.full_score());
    data["csrf"] = user.session.csrf_token;
    data["round_id"] = round.id.value;
    data["judging"] = {{"id", judging.id.value},
                       {"track", judging_track(web, judging).name},
                       {"unit", judging_unit(web, judging).name}};
    data["is_draft"] = round.state == RoundState::draft;
    data["is_open"] = round.state == RoundState::open;
    data["is_closed"] = round.state == RoundState::closed;
    data["is_published"] = round.state == RoundState::published;
    data["is_scored"] = round.kind == RoundKind::scored;
    data["is_qualifying"] = round.kind == RoundKind::qualifying;
    data["is_final"] = round.kind == RoundKind::final_ranking;
    data["criteria_rows"] = criterion_rows(round.rubric);
    data["rank_raw"] = round.rank_by == RankBasis::raw;
    data["disagreement_percent"] = fmt::format("{:g}", round.disagreement_share * 100);
    std::string panel_text;
    for (const auto& p : data["panel"]) panel_text += p["username"].get<std::string>() + "\n";
    data["panel_text"] = panel_text;
    if (round.state == RoundState::draft) {
        data["works_to_take"] = works_for_round(web, judging, round).size();
    }
    Json progress = progress_json(round_progress(web, user, id));
    for (auto& p : progress) {
        p["behind"] = p["scored"].get<int>() < p["assigned"].get<int>();
        p["last_active_text"] =
            p["last_active"].is_null()
                ? "—"
                : works::local_time(*parse_utc(p["last_active"].get<std::string>()));
    }
    data["progress"] = progress;
    data["has_progress"] = !progress.empty();
    // Assignments by work, each with the judges of the panel it may move to.
    Json by_work = Json::array();
    std::map<std::int64_t, std::size_t> index;
    for (const auto& a : web.judgings.assignments(id)) {
        const Json j = assignment_json(web, a);
        auto [it, added] = index.emplace(a.work.value, by_work.size());
        if (added)
            by_work.push_back({{"work_id", a.work.value},
                               {"title", j["work"]["title"]},
                               {"judges", Json::array()}});
        by_work[it->second]["judges"].push_back(
            {{"id", a.id.value},
             {"name", j["judge"]["name"]},
             {"scored", a.scored()},
             {"movable", !a.scored() && round.state == RoundState::open},
             {"panel", data["panel"]}});
    }
    data["assignments"] = by_work;
    data["has_assignments"] = !by_work.empty();
    if (round.state != RoundState::draft && round.kind != RoundKind::final_ranking) {
        const auto view = round_results_view(web, user, id);
        data["results"] = round_results_rows(view);
        data["has_results"] = !view.rows.empty();
    }
    const Unit unit = judging_unit(web, judging);
    data["can_recommend"] =
        round.kind == RoundKind::scored && round.state == RoundState::published &&
        may_decide_at(user.actor, unit) &&
        works::route_for(web, unit, judging.track).chain.size() > 0 && unit.parent.has_value();
    data["done"] = done_text(r);
    return show_page(r, web, &user, round.name, "judging_round",
                     with_error(data, error, form, form_name), error ? 400 : 200);
}

RoundId round_id_of(WebContext& web, const http::Request& r) {
    return load_round(web, r.params.at("id")).id;
}

http::Response get_round(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return round_page(web, r, user, round_id_of(web, r), nullptr, nullptr, "");
}

template <class Action>
http::Response round_form(WebContext& web, http::Request& r, const char* form_name, Action action) {
    const RoundId id = round_id_of(web, r);
    return form_action(
        web, r,
        [&](const CurrentUser& user, const FormFields& form) { return action(user, id, form); },
        [&](const CurrentUser& user, const Error* e, const FormFields* form) {
            return round_page(web, r, user, id, e, form, form_name);
        });
}

http::Response post_round_settings(WebContext& web, http::Request& r) {
    return round_form(
        web, r, "settings", [&](const CurrentUser& user, RoundId id, const FormFields& form) {
            auto round = load_round(web, std::to_string(id.value));
            RoundChanges c;
            c.name = form_value(form, "name");
            c.blind = form_value(form, "blind") == "1";
            if (round.kind != RoundKind::final_ranking)
                c.judges_per_work = int_of(form, "judges_per_work", "每件作品的评委人数");
            if (round.kind == RoundKind::scored) c.rubric = rubric_of(form);
            c.rank_by =
                form_value(form, "rank_by") == "raw" ? RankBasis::raw : RankBasis::normalised;
            c.disagreement_share = double_of(form_value(form, "disagreement_percent"),
                                             "disagreement_percent", "分歧提示线") /
                                   100.0;
            change_round(web, user, id, c, audit_context(r, user));
            return round_url(id) + "?done=saved";
        });
}

http::Response post_panel(WebContext& web, http::Request& r) {
    return round_form(
        web, r, "panel", [&](const CurrentUser& user, RoundId id, const FormFields& form) {
            RoundChanges c;
            std::vector<std::string> names;
            std::string text = form_value(form, "panel");
            for (char& ch : text) {
                if (ch == ',' || ch == '\r' || ch == ' ' || ch == '\t') ch = '\n';
            }
            std::size_t start = 0;
            while (start <= text.size()) {
                auto end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                const std::string name(trim(std::string_view(text).substr(start, end - start)));
                if (!name.empty()) names.push_back(name);
                start = end + 1;
            }
            c.panel = names;
            change_round(web, user, id, c, audit_context(r, user));
            return round_url(id) + "?done=panel";
        });
}

http::Response post_state(WebContext& web, http::Request& r) {
    return round_form(web, r, "state",
                      [&](const CurrentUser& user, RoundId id, const FormFields& form) {
                          RoundChanges c;
                          c.state = parse_round_state(form_value(form, "state"));
                          if (!c.state) throw_invalid("请选择操作", {{"state", "请选择操作"}});
                          c.force_close = form_value(form, "force") == "1";
                          change_round(web, user, id, c, audit_context(r, user));
                          return round_url(id) + "?done=state";
                      });
}

http::Response post_assign(WebContext& web, http::Request& r) {
    return round_form(web, r, "assign",
                      [&](const CurrentUser& user, RoundId id, const FormFields&) {
                          assign(web, user, id, audit_context(r, user));
                          return round_url(id) + "?done=assigned";
                      });
}

http::Response post_move(WebContext& web, http::Request& r) {
    return round_form(
        web, r, "move", [&](const CurrentUser& user, RoundId id, const FormFields& form) {
            move_assignment(web, user, AssignmentId{int_of(form, "assignment", "评审任务")},
                            form_value(form, "judge"), audit_context(r, user));
            return round_url(id) + "?done=moved";
        });
}

http::Response post_remind(WebContext& web, http::Request& r) {
    return round_form(web, r, "remind",
                      [&](const CurrentUser& user, RoundId id, const FormFields&) {
                          remind_judges(web, user, id, audit_context(r, user));
                          return round_url(id) + "?done=reminded";
                      });
}

http::Response post_recommend(WebContext& web, http::Request& r) {
    return round_form(
        web, r, "recommend", [&](const CurrentUser& user, RoundId id, const FormFields& form) {
            const auto outcome = recommend_top(web, user, id, int_of(form, "count", "推荐数量"),
                                               audit_context(r, user));
            if (outcome.stopped_by && outcome.recommended.empty())
                throw_conflict(*outcome.stopped_by);
            return round_url(id) + "?done=recommended";
        });
}

// ---- /judging/{id}/awards

http::Response awards_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                           JudgingId id, const Error* error, const FormFields* form,
                           const char* form_name) {
    const AwardsView view = awards_view(web, user, id);
    Json data = awards_json(view);
    data["csrf"] = user.session.csrf_token;
    data["track"] = judging_track(web, view.judging).name;
    data["unit"] = judging_unit(web, view.judging).name;
    data["is_draft"] = view.status.state == store::AwardsState::draft;
    data["is_confirmed"] = view.status.state == store::AwardsState::confirmed;
    data["is_published"] = view.status.state == store::AwardsState::published;
    data["publish_at_text"] =
        view.status.publish_at ? works::local_time(*view.status.publish_at) : "";
    data["vote_weight"] = view.judging.vote_weight;

    data["expert_weight"] = 100 - view.judging.vote_weight;
    for (auto& row : data["awards"]) {
        row["expert_text"] = number_text(row["expert"].get<double>());
        row["final_text"] = number_text(row["final"].get<double>());
        Json options = Json::array();
        for (const auto& t : view.judging.tiers) {
            options.push_back({{"name", t.name}, {"selected", row["tier"] == t.name}});
        }
        row["options"] = options;
        row["moved"] = row["tier"] != row["proposed_tier"];
    }
    data["has_awards"] = !data["awards"].empty();
    data["has_over_count"] = !view.over_count.empty();
    data["done"] = done_text(r);
    return show_page(r, web, &user, data["track"].get<std::string>() + " 获奖名单",
                     "judging_awards", with_error(data, error, form, form_name), error ? 400 : 200);
}

http::Response get_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return awards_page(web, r, user, judging_id_of(web, r), nullptr, nullptr, "");
}

template <class Action>
http::Response awards_form(WebContext& web, http::Request& r, const char* form_name,
                           Action action) {
    const JudgingId id = judging_id_of(web, r);
    return form_action(
        web, r,
        [&](const CurrentUser& user, const FormFields& form) { return action(user, id, form); },
        [&](const CurrentUser& user, const Error* e, const FormFields* form) {
            return awards_page(web, r, user, id, e, form, form_name);
        });
}

std::string awards_url(JudgingId id) {
    return judging_url(id) + "/awards";
}

http::Response post_award_move(WebContext& web, http::Request& r) {
    return awards_form(web, r, "move",
                       [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
                           const std::string tier = form_value(form, "tier");
                           move_award(web, user, id, int_of(form, "work_id", "作品编号"),
                                      tier.empty() ? std::nullopt : std::optional(tier),
                                      form_value(form, "reason"), audit_context(r, user));
                           return awards_url(id) + "?done=award_moved";
                       });
}

http::Response post_award_confirm(WebContext& web, http::Request& r) {
    return awards_form(web, r, "confirm",
                       [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
                           if (form_value(form, "confirm") == "0") {
                               unconfirm_awards(web, user, id, audit_context(r, user));
                               return awards_url(id) + "?done=unconfirmed";
                           }
                           confirm_awards(web, user, id, audit_context(r, user));
                           return awards_url(id) + "?done=confirmed";
                       });
}

http::Response post_award_publish(WebContext& web, http::Request& r) {
    return awards_form(
        web, r, "publish", [&](const CurrentUser& user, JudgingId id, const FormFields& form) {
            const std::string text(trim(form_value(form, "publish_at")));
            std::optional<Timestamp> at;
            if (!text.empty()) {
                at = beijing_input(text);
                if (!at) {
                    throw_invalid("发布时间应为北京时间的日期和时刻,如 2026-12-08T17:00",
                                  {{"publish_at", "格式应为 2026-12-08T17:00"}});
                }
            }
            publish_awards(web, user, id, at, audit_context(r, user));
            return awards_url(id) + "?done=published";
        });
}

}  // namespace

void register_judging_admin_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/judging", page_handler(web, get_list));
    router.add("POST", "/campaigns/{id}/judging", page_handler(web, post_open));
    router.add("GET", "/judging/{id}", page_handler(web, get_judging));
    router.add("POST", "/judging/{id}/settings", page_handler(web, post_settings));
    router.add("POST", "/judging/{id}/rounds", page_handler(web, post_round));
    router.add("POST", "/judging/{id}/conflicts", page_handler(web, post_conflict_record));
    router.add("GET", "/judging/{id}/awards", page_handler(web, get_awards));
    router.add("POST", "/judging/{id}/awards/move", page_handler(web, post_award_move));
    router.add("POST", "/judging/{id}/awards/confirm", page_handler(web, post_award_confirm));
    router.add("POST", "/judging/{id}/awards/publish", page_handler(web, post_award_publish));
    router.add("GET", "/rounds/{id}", page_handler(web, get_round));
    router.add("POST", "/rounds/{id}/settings", page_handler(web, post_round_settings));
    router.add("POST", "/rounds/{id}/panel", page_handler(web, post_panel));
    router.add("POST", "/rounds/{id}/state", page_handler(web, post_state));
    router.add("POST", "/rounds/{id}/assign", page_handler(web, post_assign));
    router.add("POST", "/rounds/{id}/move", page_handler(web, post_move));
    router.add("POST", "/rounds/{id}/remind", page_handler(web, post_remind));
    router.add("POST", "/rounds/{id}/recommend", page_handler(web, post_recommend));
}

}  // namespace wangju::web::judging
