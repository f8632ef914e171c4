#include "web/judging/judging_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/judging_assignment.h"
#include "domain/text.h"
#include "web/user_admin.h"
#include "web/works/works_service.h"

namespace wangju::web::judging {
namespace {

// Every work of the judging's track that reached its unit and waits there.
std::vector<WorkId> works_reaching(WebContext& web, const Judging& judging) {
    std::vector<WorkId> out;
    for (const auto& w : web.works.works_at(judging.unit, judging.campaign)) {
        if (w.track == judging.track && w.position == judging.unit &&
            (w.state == WorkState::pending || w.state == WorkState::entry))
            out.push_back(w.id);
    }
    return out;
}

std::int64_t parse_id(const std::string& text, const char* what) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        throw_not_found(std::string(what) + "不存在");
    }
    return id;
}

Unit unit_by_id(WebContext& web, UnitId id) {
    auto unit = web.store.find_unit(id);
    if (!unit) throw_not_found("单位不存在");
    return *unit;
}

User user_by_id(WebContext& web, UserId id) {
    auto user = web.store.find_user(id);
    if (!user) throw_not_found("用户不存在");
    return *user;
}

Work work_by_id(WebContext& web, WorkId id) {
    auto work = web.works.find_work(id);
    if (!work) throw_not_found("作品不存在");
    return *work;
}

User judge_by_username(WebContext& web, const std::string& username, const char* field) {
    auto user = web.store.find_user_by_username(trim(username));
    if (!user || user->disabled) {
        throw_invalid("评委账号“" + username + "”不存在",
                      {{field, "账号“" + username + "”不存在"}});
    }
    if (!may_sit_on_panel(*user)) {
        throw_invalid("账号“" + username + "”没有评委角色",
                      {{field, "“" + username + "”不是评委"}});
    }
    return *user;
}

PanelJudge panel_judge(WebContext& web, const User& user) {
    const Unit unit = unit_by_id(web, user.unit);
    return {user.id, user.display_name, unit.id, unit.path};
}

WorkForConflicts conflict_facts(WebContext& web, const Work& work) {
    WorkForConflicts facts;
    facts.work = work.id;
    facts.owner = work.owner;
    facts.authors = work.content.authors;
    facts.unit_path = unit_by_id(web, work.unit).path;
    facts.path_units = works::reach_of(web, work).units;
    return facts;
}

std::vector<DeclaredConflict> declared_conflicts(WebContext& web, JudgingId judging) {
    std::vector<DeclaredConflict> out;
    for (const auto& c : web.judgings.conflicts(judging)) {
        DeclaredConflict d;
        d.judge = c.judge;
        d.work = c.work;
        if (c.unit) d.unit_path = unit_by_id(web, *c.unit).path;
        d.reason = c.reason;
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<Round> previous_round(WebContext& web, const Round& round) {
    std::optional<Round> previous;
    for (auto& r : web.judgings.rounds(round.judging)) {
        if (r.seq < round.seq) previous = r;
    }
    return previous;
}

std::optional<Round> last_round(WebContext& web, JudgingId judging) {
    auto rounds = web.judgings.rounds(judging);
    if (rounds.empty()) return std::nullopt;
    return rounds.back();
}

std::vector<JudgeScore> judge_scores(const std::vector<store::Assignment>& assignments) {
    std::vector<JudgeScore> scores;
    for (const auto& a : assignments) {
        if (a.scored() && a.total) scores.push_back({a.work, a.judge, *a.total});
    }
    return scores;
}

RoundScoring scoring_of(const Round& round) {
    return {round.rubric.full_score(), round.disagreement_share, round.rank_by};
}

std::vector<WorkResult> scored_results(WebContext& web, const Round& round) {
    return round_results(judge_scores(web.judgings.assignments(round.id)), scoring_of(round));
}

// The last scored round at or before `round` (a final ranking reads it).
std::optional<Round> last_scored_round(WebContext& web, JudgingId judging, int up_to_seq) {
    std::optional<Round> found;
    for (auto& r : web.judgings.rounds(judging)) {
        if (r.seq <= up_to_seq && r.kind == RoundKind::scored) found = r;
    }
    return found;
}

std::size_t characters_of(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? decoded->size() : text.size();
}

// Queues an e-mail when the server sends mail (SMTP set up) and someone has an address.
void queue_mail(WebContext& web, std::vector<std::string> to, const std::string& subject,
                const std::string& body, const std::string& path, const AuditContext& ctx) {
    if (!web.config.mail_enabled || to.empty()) return;
    std::string url = web.config.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    web.outbox.queue({0, std::move(to), subject, body + "\n\n" + url + path + "\n", 0}, ctx);
}

void require_admin_of(WebContext& web, const CurrentUser& user, const Judging& judging) {
    if (!may_run_judging(user.actor, judging_unit(web, judging))) throw_not_found("评审不存在");
}

}  // namespace

Judging load_judging(WebContext& web, const std::string& id_text) {
    auto judging = web.judgings.find_judging(JudgingId{parse_id(id_text, "评审")});
    if (!judging) throw_not_found("评审不存在");
    return *judging;
}

Round load_round(WebContext& web, const std::string& id_text) {
    auto round = web.judgings.find_round(RoundId{parse_id(id_text, "评审轮次")});
    if (!round) throw_not_found("评审轮次不存在");
    return *round;
}

Unit judging_unit(WebContext& web, const Judging& judging) {
    return unit_by_id(web, judging.unit);
}

Track judging_track(WebContext& web, const Judging& judging) {
    auto track = web.works.find_track(judging.track);
    if (!track) throw_not_found("子项目不存在");
    return *track;
}

std::vector<PublicVote> public_votes_of_track(WebContext& web, CampaignId campaign,
                                              const Track& track) {
    std::vector<PublicVote> out;
    for (auto& v : web.public_votes.of_campaign(campaign)) {
        if (std::find(v.tracks.begin(), v.tracks.end(), track.code) != v.tracks.end())
            out.push_back(std::move(v));
    }
    return out;
}

std::map<WorkId, long long> public_vote_totals(WebContext& web, CampaignId campaign,
                                               const Track& track, Timestamp now) {
    std::map<WorkId, long long> totals;
    for (const auto& v : public_votes_of_track(web, campaign, track)) {
        if (!totals_public(v.rules, now)) continue;
        for (const auto& [work, n] : web.public_votes.totals(v.id)) totals[work] += n;
    }
    return totals;
}

Judging administered_judging(WebContext& web, const CurrentUser& user, JudgingId id) {
    auto judging = web.judgings.find_judging(id);
    if (!judging) throw_not_found("评审不存在");
    require_admin_of(web, user, *judging);
    return *judging;
}

std::pair<Round, Judging> administered_round(WebContext& web, const CurrentUser& user, RoundId id) {
    auto round = web.judgings.find_round(id);
    if (!round) throw_not_found("评审轮次不存在");
    return {*round, administered_judging(web, user, round->judging)};
}

Judging open_judging(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                     const NewJudging& form, const AuditContext& ctx) {
    Unit unit = user.unit;
    if (!form.unit_code.empty() && form.unit_code != user.unit.code) {
        auto other = web.store.find_unit_by_code(form.unit_code);
        if (!other) throw_invalid("单位不存在", {{"unit", "单位“" + form.unit_code + "”不存在"}});
        unit = *other;
    }
    if (!may_run_judging(user.actor, unit))
        throw_forbidden("只有本单位管理员或系统管理员可以开启评审");
    auto track = web.works.find_track_by_code(campaign.id, form.track_code);
    if (!track) {
        throw_invalid("子项目不存在", {{"track", "子项目“" + form.track_code + "”不存在"}});
    }
    if (!setting_for(web.works.levels(track->id), chain_level_of(unit.kind))) {
        throw_invalid("本单位所在层级不参与该子项目的推荐,不能评审",
                      {{"unit", "该层级不参与本子项目"}});
    }
    check_vote_weight(form.vote_weight, !public_votes_of_track(web, campaign.id, *track).empty());
    check_award_tiers(form.tiers);
    if (form.award_cap_percent) check_award_cap_percent(*form.award_cap_percent);
    Judging judging;
    judging.campaign = campaign.id;
    judging.unit = unit.id;
    judging.track = track->id;
    judging.vote_weight = form.vote_weight;
    judging.tiers = form.tiers;
    judging.award_cap_percent = form.award_cap_percent;
    check_award_cap(judging.award_cap_percent, eligible_entries(web, judging),
                    award_places(judging.tiers), "tiers");
    return web.judgings.create_judging(judging, user.user.id, ctx);
}

std::vector<Judging> judgings_run_by(WebContext& web, const CurrentUser& user,
                                     const Campaign& campaign) {
    std::vector<Judging> out;
    for (auto& j : web.judgings.judgings_of(campaign.id)) {
        if (may_run_judging(user.actor, judging_unit(web, j))) out.push_back(std::move(j));
    }
    return out;
}

Judging update_judging(WebContext& web, const CurrentUser& user, JudgingId id,
                       const JudgingChanges& changes, const AuditContext& ctx) {
    Judging judging = administered_judging(web, user, id);
    judging.vote_weight = changes.vote_weight.value_or(judging.vote_weight);
    check_vote_weight(judging.vote_weight,
                      !public_votes_of_track(web, judging.campaign, judging_track(web, judging)).empty());
    judging.tiers = changes.tiers.value_or(judging.tiers);
    check_award_tiers(judging.tiers);
    if (changes.award_cap_percent) judging.award_cap_percent = *changes.award_cap_percent;
    if (judging.award_cap_percent) check_award_cap_percent(*judging.award_cap_percent);
    check_award_cap(judging.award_cap_percent, eligible_entries(web, judging),
                    award_places(judging.tiers), "tiers");
    return web.judgings.update_judging(id, judging.vote_weight, judging.tiers,
                                       judging.award_cap_percent, ctx);
}

int eligible_entries(WebContext& web, const Judging& judging) {
    const auto rounds = web.judgings.rounds(judging.id);
    if (!rounds.empty() && rounds.front().state != RoundState::draft) {
        return static_cast<int>(web.judgings.round_works(rounds.front().id).size());
    }
    return static_cast<int>(works_reaching(web, judging).size());
}

Round add_round(WebContext& web, const CurrentUser& user, Round round, const AuditContext& ctx) {
    const Judging judging = administered_judging(web, user, round.judging);
    const auto last = last_round(web, judging.id);
    if (round.kind == RoundKind::final_ranking) {
        round.judges_per_work = 0;
        if (!last_scored_round(web, judging.id, last ? last->seq : 0)) {
            throw_invalid("终评须在评分轮次之后", {{"kind", "请先设评分轮次"}});
        }
    }
    check_round_settings(round);
    check_advance(round.advance, last ? std::optional(last->kind) : std::nullopt);
    return web.judgings.create_round(round, ctx);
}

std::vector<WorkId> works_for_round(WebContext& web, const Judging& judging, const Round& round) {
    if (round.state != RoundState::draft) return web.judgings.round_works(round.id);
    const auto previous = previous_round(web, round);
    if (!previous) return works_reaching(web, judging);
    const auto entered = web.judgings.round_works(previous->id);
    const std::set<WorkId> in_previous(entered.begin(), entered.end());
    std::vector<WorkId> out;
    if (previous->kind == RoundKind::qualifying) {
        std::vector<QualifyingVerdict> verdicts;
        for (const auto& a : web.judgings.assignments(previous->id)) {
            if (a.verdict) verdicts.push_back({a.work, *a.verdict});
        }
        out = qualifying_passes(verdicts);
    } else if (previous->kind == RoundKind::scored) {
        out = advancing_from_scores(scored_results(web, *previous), round.advance);
    }
    std::erase_if(out, [&](WorkId w) { return !in_previous.count(w); });
    return out;
}

Round change_round(WebContext& web, const CurrentUser& user, RoundId id,
                   const RoundChanges& changes, const AuditContext& ctx) {
    auto [round, judging] = administered_round(web, user, id);
    const bool settings = changes.name || changes.blind || changes.judges_per_work ||
                          changes.rubric || changes.advance || changes.rank_by ||
                          changes.disagreement_share;
    if (settings) {
        Round next = round;
        if (changes.name) next.name = std::string(trim(*changes.name));
        if (changes.blind) next.blind = *changes.blind;
        if (changes.judges_per_work) next.judges_per_work = *changes.judges_per_work;
        if (changes.rubric) next.rubric = *changes.rubric;
        if (changes.advance) next.advance = *changes.advance;
        if (changes.rank_by) next.rank_by = *changes.rank_by;
        if (changes.disagreement_share) next.disagreement_share = *changes.disagreement_share;
        check_round_settings(next);
        const auto previous = previous_round(web, round);
        check_advance(next.advance, previous ? std::optional(previous->kind) : std::nullopt);
        if (round.state != RoundState::draft) throw_conflict("评审轮次已开始,不能再修改设置");
        round = web.judgings.update_round(next, ctx);
    }
    if (changes.panel) {
        if (round.kind == RoundKind::final_ranking) {
            throw_invalid("终评不设评委组", {{"panel", "终评由评分与投票合成,不设评委"}});
        }
        std::vector<UserId> judges;
        for (std::size_t i = 0; i < changes.panel->size(); ++i) {
            judges.push_back(judge_by_username(web, (*changes.panel)[i], "panel").id);
        }
        web.judgings.set_panel(id, judges, ctx);
    }
    if (changes.state && *changes.state != round.state) {
        switch (*changes.state) {
            case RoundState::open:
                if (round.state == RoundState::closed) {
                    round = web.judgings.reopen_round(id, ctx);
                } else {
                    if (round.kind != RoundKind::final_ranking && web.judgings.panel(id).empty()) {
                        throw_conflict("请先选定评委组");
                    }
                    round = web.judgings.open_round(id, works_for_round(web, judging, round), ctx);
                }
                break;
            case RoundState::closed:
                round = web.judgings.close_round(id, changes.force_close, ctx);
                break;
            case RoundState::published:
                round = web.judgings.publish_round(id, ctx);
                break;
            case RoundState::draft:
                throw_conflict("评审轮次不能回到未开始状态");
        }
    }
    return round;
}

std::vector<store::Assignment> assign(WebContext& web, const CurrentUser& user, RoundId id,
                                      const AuditContext& ctx) {
    auto [round, judging] = administered_round(web, user, id);
    if (round.kind == RoundKind::final_ranking) throw_conflict("终评不分配评委");
    if (round.state != RoundState::open) throw_conflict("评审轮次开始后才能分配作品");
    std::vector<PanelJudge> judges;
    for (auto j : web.judgings.panel(id)) judges.push_back(panel_judge(web, user_by_id(web, j)));
    std::vector<WorkForConflicts> works;
    for (auto w : web.judgings.round_works(id))
        works.push_back(conflict_facts(web, work_by_id(web, w)));
    // A scored assignment stays even when a conflict was recorded after it: the admins decide.
    std::vector<std::pair<WorkId, UserId>> existing;
    std::set<std::pair<WorkId, UserId>> scored;
    for (const auto& a : web.judgings.assignments(id)) {
        existing.emplace_back(a.work, a.judge);
        if (a.scored()) scored.emplace(a.work, a.judge);
    }
    auto plan = assign_round(judges, works, declared_conflicts(web, judging.id),
                             round.judges_per_work, existing);
    if (!plan.unassignable.empty()) {
        std::map<std::string, std::string> fields;
        for (const auto& u : plan.unassignable) {
            const Work work = work_by_id(web, u.work);
            fields[fmt::format("work.{}", work.id.value)] =
                fmt::format("“{}”:只有 {} 位评委与该作品无回避关系,每件作品需要 {} 位",
                            work.content.title, u.eligible_judges, u.needed);
        }
        throw Error(
            ErrorKind::conflict,
            fmt::format("有 {} 件作品无法分到足够的评委,未作任何分配", plan.unassignable.size()),
            fields);
    }
    std::erase_if(plan.dropped, [&](const auto& pair) { return scored.count(pair) > 0; });
    if (plan.added.empty() && plan.dropped.empty()) return web.judgings.assignments(id);
    return web.judgings.add_assignments(id, plan.added, ctx, plan.dropped);
}

store::Assignment administered_assignment(WebContext& web, const CurrentUser& user,
                                          AssignmentId id) {
    auto assignment = web.judgings.find_assignment(id);
    if (!assignment) throw_not_found("评审任务不存在");
    administered_round(web, user, assignment->round);
    return *assignment;
}

void require_judging_opener(const CurrentUser& user) {
    if (!may_run_judging(user.actor, user.unit))
        throw_forbidden("只有本单位管理员或系统管理员可以开启评审");
}

store::Assignment move_assignment(WebContext& web, const CurrentUser& user, AssignmentId id,
                                  const std::string& to_username, const AuditContext& ctx) {
    auto assignment = web.judgings.find_assignment(id);
    if (!assignment) throw_not_found("评审任务不存在");
    auto [round, judging] = administered_round(web, user, assignment->round);
    const User to = judge_by_username(web, to_username, "judge");
    const Work work = work_by_id(web, assignment->work);
    if (auto why = conflict_between(panel_judge(web, to), conflict_facts(web, work),
                                    declared_conflicts(web, judging.id))) {
        throw_invalid("不能改派:" + *why, {{"judge", *why}});
    }
    return web.judgings.move_assignment(id, to.id, ctx);
}

std::vector<QueueEntry> judge_queue(WebContext& web, const CurrentUser& user) {
    if (!user.user.roles.has(Role::judge)) throw_forbidden("只有评委可以查看评审任务");
    std::map<std::int64_t, std::optional<Round>> rounds;
    std::map<std::int64_t, Judging> judgings;
    std::map<std::int64_t, Track> tracks;
    std::vector<QueueEntry> out;
    for (auto& a : web.judgings.assignments_of_judge(user.user.id)) {
        auto& round = rounds[a.round.value];
        if (!round) round = web.judgings.find_round(a.round);
        if (!round || round->state == RoundState::draft) continue;
        if (!judgings.count(round->judging.value)) {
            judgings[round->judging.value] = *web.judgings.find_judging(round->judging);
        }
        const Judging& judging = judgings[round->judging.value];
        if (!tracks.count(judging.track.value)) {
            tracks[judging.track.value] = judging_track(web, judging);
        }
        out.push_back({a, *round, judging, tracks[judging.track.value], work_by_id(web, a.work)});
    }
    return out;
}

QueueEntry judge_entry(WebContext& web, const CurrentUser& user, AssignmentId id) {
    auto a = web.judgings.find_assignment(id);
    if (!a || !may_score(user.actor, a->judge)) throw_not_found("评审任务不存在");
    auto round = web.judgings.find_round(a->round);
    if (!round || round->state == RoundState::draft) throw_not_found("评审任务不存在");
    auto judging = web.judgings.find_judging(round->judging);
    return {*a, *round, *judging, judging_track(web, *judging), work_by_id(web, a->work)};
}

store::Assignment save_score(WebContext& web, const CurrentUser& user, AssignmentId id,
                             const ScoreForm& form, const AuditContext& ctx) {
    const QueueEntry entry = judge_entry(web, user, id);
    store::ScoreSheet sheet;
    sheet.comment = std::string(trim(form.comment));
    if (characters_of(sheet.comment) > 2000) {
        throw_invalid("评语不能超过 2000 字", {{"comment", "不能超过 2000 字"}});
    }
    if (entry.round.kind == RoundKind::qualifying) {
        if (!form.verdict) throw_invalid("请选择通过或不通过", {{"verdict", "请选择"}});
        if (*form.verdict == Verdict::fail && sheet.comment.empty()) {
            throw_invalid("不通过须写明原因", {{"comment", "请写明不通过的原因"}});
        }
        sheet.verdict = form.verdict;
    } else if (entry.round.kind == RoundKind::scored) {
        sheet.total = rubric_total(entry.round.rubric, form.values);
        sheet.values = form.values;
    } else {
        throw_conflict("终评不由评委打分");
    }
    return web.judgings.save_score(id, sheet, ctx);
}

bool declare_conflict(WebContext& web, const CurrentUser& user, AssignmentId id,
                      const std::string& reason, const AuditContext& ctx) {
    const QueueEntry entry = judge_entry(web, user, id);
    const std::string why(trim(reason));
    if (why.empty()) throw_invalid("请写明回避原因", {{"reason", "请写明回避原因"}});
    if (entry.assignment.scored()) throw_conflict("您已为该作品评分,如需回避请联系评审管理员");
    if (entry.round.state != RoundState::open) throw_conflict("评审轮次未在进行中");
    store::ConflictRecord record;
    record.judging = entry.judging.id;
    record.judge = user.user.id;
    record.work = entry.work.id;
    record.reason = why;
    record.recorded_by = user.user.id;
    web.judgings.add_conflict(record, ctx);
    web.judgings.remove_assignment(id, ctx);
    // Another judge of the panel takes the work when one is free of conflicts; otherwise the
    // admins see the work short of judges and assign by hand.
    const auto declared = declared_conflicts(web, entry.judging.id);
    const auto facts = conflict_facts(web, entry.work);
    std::set<UserId> on_work;
    for (const auto& a : web.judgings.assignments(entry.round.id)) {
        if (a.work == entry.work.id) on_work.insert(a.judge);
    }
    std::map<UserId, int> loads;
    for (const auto& a : web.judgings.assignments(entry.round.id)) ++loads[a.judge];
    std::optional<UserId> best;
    for (auto j : web.judgings.panel(entry.round.id)) {
        if (on_work.count(j) || j == user.user.id) continue;
        if (conflict_between(panel_judge(web, user_by_id(web, j)), facts, declared)) continue;
        if (!best || loads[j] < loads[*best]) best = j;
    }
    if (!best) return false;
    web.judgings.add_assignments(entry.round.id, {{entry.work.id, *best}}, ctx);
    return true;
}

store::ConflictRecord record_conflict(WebContext& web, const CurrentUser& user, JudgingId id,
                                      const std::string& judge_username,
                                      std::optional<std::int64_t> work_id,
                                      const std::string& unit_code, const std::string& reason,
                                      const AuditContext& ctx) {
    const Judging judging = administered_judging(web, user, id);
    const User judge = judge_by_username(web, judge_username, "judge");
    store::ConflictRecord record;
    record.judging = judging.id;
    record.judge = judge.id;
    record.reason = std::string(trim(reason));
    if (record.reason.empty()) throw_invalid("请写明回避原因", {{"reason", "请写明回避原因"}});
    if (work_id) {
        auto work = web.works.find_work(WorkId{*work_id});
        if (!work || work->track != judging.track) {
            throw_invalid("作品不在本评审中", {{"work_id", "作品不在本评审中"}});
        }
        record.work = work->id;
    } else if (!unit_code.empty()) {
        auto unit = web.store.find_unit_by_code(unit_code);
        if (!unit) throw_invalid("单位不存在", {{"unit", "单位“" + unit_code + "”不存在"}});
        record.unit = unit->id;
    } else {
        throw_invalid("请指明回避的作品或单位", {{"work_id", "请指明作品或单位"}});
    }
    record.recorded_by = user.user.id;
    return web.judgings.add_conflict(record, ctx);
}

std::vector<JudgeProgress> round_progress(WebContext& web, const CurrentUser& user, RoundId id) {
    administered_round(web, user, id);
    std::map<UserId, JudgeProgress> by_judge;
    for (auto j : web.judgings.panel(id)) {
        User u = user_by_id(web, j);
        by_judge[j] = {u, unit_by_id(web, u.unit), 0, 0, std::nullopt};
    }
    for (const auto& a : web.judgings.assignments(id)) {
        auto it = by_judge.find(a.judge);
        if (it == by_judge.end()) continue;
        ++it->second.assigned;
        if (a.scored()) {
            ++it->second.scored;
            if (!it->second.last_active || *a.scored_at > *it->second.last_active)
                it->second.last_active = a.scored_at;
        }
    }
    std::vector<JudgeProgress> out;
    for (auto& [_, p] : by_judge) out.push_back(std::move(p));
    return out;
}

int remind_judges(WebContext& web, const CurrentUser& user, RoundId id, const AuditContext& ctx) {
    auto [round, judging] = administered_round(web, user, id);
    if (round.state != RoundState::open) throw_conflict("评审轮次未在进行中");
    const Track track = judging_track(web, judging);
    int reminded = 0;
    for (const auto& p : round_progress(web, user, id)) {
        if (p.scored >= p.assigned) continue;
        store::InboxNotice notice;
        notice.unit = p.unit.id;
        notice.user = p.judge.id;
        notice.title = fmt::format("评审提醒:您尚有 {} 件作品未评", p.assigned - p.scored);
        notice.body =
            fmt::format("“{}”{}中,{}评委已评 {} 件,共 {} 件。请尽快完成评分。", track.name,
                        round.name, p.judge.display_name, p.scored, p.assigned);
        notice.link = "/judge";
        notice.created_at = now_utc();
        const auto key = fmt::format("judging-remind:{}:{}:{}", id.value, p.judge.id.value,
                                     format_utc(now_utc()));
        if (!web.inbox.notify(notice, key, ctx)) continue;
        ++reminded;
        if (p.judge.email)
            queue_mail(web, {*p.judge.email}, notice.title, notice.body, "/judge", ctx);
    }
    return reminded;
}

RoundResultsView round_results_view(WebContext& web, const CurrentUser& user, RoundId id) {
    auto [round, judging] = administered_round(web, user, id);
    RoundResultsView view{round, judging, {}, {}};
    const auto assignments = web.judgings.assignments(id);
    for (auto j : web.judgings.panel(id))
        view.judge_names[j.value] = user_by_id(web, j).display_name;
    std::map<WorkId, std::vector<store::Assignment>> by_work;
    for (const auto& a : assignments) {
        by_work[a.work].push_back(a);
        if (!view.judge_names.count(a.judge.value))
            view.judge_names[a.judge.value] = user_by_id(web, a.judge).display_name;
    }
    auto row_of = [&](WorkId id) {
        RoundResultRow row;
        row.work = work_by_id(web, id);
        row.unit = unit_by_id(web, row.work.unit);
        row.scores = by_work[id];
        return row;
    };
    if (round.kind == RoundKind::scored) {
        for (const auto& r : round_results(judge_scores(assignments), scoring_of(round))) {
            RoundResultRow row = row_of(r.work);
            row.result = r;
            view.rows.push_back(std::move(row));
        }
    } else if (round.kind == RoundKind::qualifying) {
        std::vector<QualifyingVerdict> verdicts;
        for (const auto& a : assignments) {
            if (a.verdict) verdicts.push_back({a.work, *a.verdict});
        }
        const auto passes = qualifying_passes(verdicts);
        for (auto w : web.judgings.round_works(id)) {
            RoundResultRow row = row_of(w);
            row.passed = std::find(passes.begin(), passes.end(), w) != passes.end();
            view.rows.push_back(std::move(row));
        }
    }
    return view;
}

namespace {

struct Ranking {
    std::optional<Round> round;
    std::vector<FinalResult> results;
};

// The ranking the awards follow: the final ranking over the last scored round with the public
// votes of the track, counted once their totals are public (public_vote_totals).
Ranking ranking_of(WebContext& web, const Judging& judging) {
    Ranking ranking;
    auto rounds = web.judgings.rounds(judging.id);
    for (auto& r : rounds) {
        if (r.kind == RoundKind::scored && r.state != RoundState::draft) ranking.round = r;
    }
    if (!ranking.round) return ranking;
    // A final ranking that has started ranks only the works it took from the scored round.
    std::optional<std::set<WorkId>> finalists;
    for (auto& r : rounds) {
        if (r.kind == RoundKind::final_ranking && r.state != RoundState::draft) {
            const auto taken = web.judgings.round_works(r.id);
            finalists.emplace(taken.begin(), taken.end());
        }
    }
    const auto votes =
        public_vote_totals(web, judging.campaign, judging_track(web, judging), now_utc());
    std::vector<FinalInput> inputs;
    for (const auto& r : scored_results(web, *ranking.round)) {
        if (finalists && !finalists->count(r.work)) continue;
        const auto v = votes.find(r.work);
        inputs.push_back({r.work, r.score, v == votes.end() ? 0 : v->second});
    }
    ranking.results =
        final_ranking(inputs, ranking.round->rubric.full_score(), judging.vote_weight);
    return ranking;
}

// A winners' notice (公示) fixes the confirmed list until it closes into the final list.
void refuse_while_noticed(WebContext& web, JudgingId id, const char* what) {
    if (!web.announcements.unclosed_of_judging(id).empty()) {
        throw_conflict(fmt::format("拟获奖名单正在公示,公示结束后才能{}", what));
    }
}

}  // namespace

AwardsView awards_view(WebContext& web, const CurrentUser& user, JudgingId id) {
    const Judging judging = administered_judging(web, user, id);
    AwardsView view;
    view.judging = judging;
    view.status = web.judgings.awards_status(id);
    const Ranking ranking = ranking_of(web, judging);
    view.ranked_round = ranking.round;
    std::vector<RankedWork> ranked;
    for (const auto& r : ranking.results) ranked.push_back({r.work, r.rank});
    const auto proposed = propose_awards(ranked, judging.tiers);
    std::map<WorkId, store::AwardMove> moves;
    for (auto& m : web.judgings.award_moves(id)) moves[m.work] = m;
    std::map<WorkId, std::string> confirmed;
    for (const auto& a : web.judgings.awards(id)) confirmed[a.work] = a.tier;
    std::vector<ProposedAward> effective;
    for (std::size_t i = 0; i < ranking.results.size(); ++i) {
        const auto& r = ranking.results[i];
        AwardRow row;
        row.work = work_by_id(web, r.work);
        row.unit = unit_by_id(web, row.work.unit);
        row.rank = r.rank;
        row.tied = r.tied;
        row.expert = r.expert;
        row.votes = r.votes;
        row.final_score = r.final_score;
        row.proposed_tier = proposed[i].tier;
        row.tier = proposed[i].tier;
        if (auto m = moves.find(r.work); m != moves.end()) {
            row.tier = m->second.tier;
            row.move_reason = m->second.reason;
        }
        if (view.status.state != store::AwardsState::draft) {
            auto c = confirmed.find(r.work);
            row.tier = c == confirmed.end() ? std::nullopt : std::optional(c->second);
        }
        effective.push_back({r.work, r.rank, row.tier});
        view.rows.push_back(std::move(row));
    }
    view.over_count = tiers_over_count(effective, judging.tiers);
    view.entries = eligible_entries(web, judging);
    view.awarded = static_cast<int>(
        std::count_if(effective.begin(), effective.end(), [](const auto& a) { return a.tier; }));
    return view;
}

void move_award(WebContext& web, const CurrentUser& user, JudgingId id, std::int64_t work_id,
                const std::optional<std::string>& tier, const std::string& reason,
                const AuditContext& ctx) {
    const Judging judging = administered_judging(web, user, id);
    const std::string why(trim(reason));
    if (why.empty()) throw_invalid("调整奖项须写明理由", {{"reason", "请写明调整理由"}});
    if (tier && std::none_of(judging.tiers.begin(), judging.tiers.end(),
                             [&](const AwardTier& t) { return t.name == *tier; })) {
        throw_invalid("奖项“" + *tier + "”不存在", {{"tier", "没有这一奖项"}});
    }
    const auto ranking = ranking_of(web, judging);
    if (std::none_of(ranking.results.begin(), ranking.results.end(),
                     [&](const FinalResult& r) { return r.work.value == work_id; })) {
        throw_invalid("作品不在本评审的排名中", {{"work_id", "作品不在排名中"}});
    }
    const AwardsView view = awards_view(web, user, id);
    int awarded = view.awarded + (tier ? 1 : 0);
    for (const auto& row : view.rows) {
        if (row.work.id.value == work_id && row.tier) --awarded;
    }
    check_award_cap(judging.award_cap_percent, view.entries, awarded, "tier");
    web.judgings.move_award(id, {WorkId{work_id}, tier, why, user.user.id, now_utc()}, ctx);
}

void confirm_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                    const AuditContext& ctx) {
    const AwardsView view = awards_view(web, user, id);
    if (!view.ranked_round || view.ranked_round->state == RoundState::open) {
        throw_conflict("评分轮次结束后才能确认获奖名单");
    }
    std::vector<store::AwardRecord> awards;
    for (const auto& row : view.rows) {
        if (row.tier) awards.push_back({id, row.work.id, *row.tier, row.rank, row.final_score});
    }
    if (awards.empty()) throw_conflict("获奖名单为空,请先设置奖项");
    check_award_cap(view.judging.award_cap_percent, view.entries,
                    static_cast<int>(awards.size()), "tiers");
    web.judgings.confirm_awards(id, awards, ctx);
}

void unconfirm_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                      const AuditContext& ctx) {
    administered_judging(web, user, id);
    refuse_while_noticed(web, id, "撤回确认");
    web.judgings.unconfirm_awards(id, ctx);
}

void publish_awards(WebContext& web, const CurrentUser& user, JudgingId id,
                    std::optional<Timestamp> at, const AuditContext& ctx) {
    administered_judging(web, user, id);
    refuse_while_noticed(web, id, "发布");
    web.judgings.publish_awards(id, at.value_or(now_utc()), ctx);
    web.exhibition.changed();
    notify_published_awards(web, ctx);
}

int notify_published_awards(WebContext& web, const AuditContext& ctx) {
    int sent = 0;
    const auto now = now_utc();
    for (auto id : web.judgings.awards_to_notify(now)) {
        web.exhibition.changed();  // the list has just become public
        auto judging = web.judgings.find_judging(id);
        if (!judging) continue;
        const Track track = judging_track(web, *judging);
        const Unit by = judging_unit(web, *judging);
        for (const auto& a : web.judgings.awards(id)) {
            const Work work = work_by_id(web, a.work);
            store::InboxNotice notice;
            notice.unit = work.unit;
            notice.title = fmt::format("获奖通知:“{}”获{}", work.content.title, a.tier);
            notice.body = fmt::format("{}评审“{}”结果已公布,本单位报送的作品“{}”获{}。", by.name,
                                      track.name, work.content.title, a.tier);
            notice.link = fmt::format("/works/{}", work.id.value);
            notice.created_at = now;
            if (!web.inbox.notify(notice, fmt::format("award:{}:{}", id.value, work.id.value), ctx))
                continue;
            ++sent;
            auto to = unit_admin_addresses(web.store, unit_by_id(web, work.unit));
            if (auto owner = web.store.find_user(work.owner); owner && owner->email) {
                if (std::find(to.begin(), to.end(), *owner->email) == to.end())
                    to.push_back(*owner->email);
            }
            queue_mail(web, to, notice.title, notice.body, notice.link, ctx);
        }
        web.judgings.mark_notified(id, now, ctx);
    }
    return sent;
}

RecommendOutcome recommend_top(WebContext& web, const CurrentUser& user, RoundId id, int count,
                               const AuditContext& ctx) {
    auto [round, judging] = administered_round(web, user, id);
    if (round.kind != RoundKind::scored) throw_conflict("请从评分轮次推荐");
    if (round.state != RoundState::published) throw_conflict("本轮结果发布后才能推荐");
    if (count < 1) throw_invalid("推荐数量应为正整数", {{"count", "应为正整数"}});
    if (!may_decide_at(user.actor, judging_unit(web, judging))) {
        throw_forbidden("只有本单位管理员可以向上推荐作品");
    }
    RecommendOutcome outcome;
    int taken = 0;
    for (const auto& r : scored_results(web, round)) {
        if (taken >= count) break;
        const Work work = work_by_id(web, r.work);
        if (work.state != WorkState::pending || work.position != judging.unit) continue;
        try {
            works::decide(web, user, work.id.value, Decision::recommend, "", ctx);
        } catch (const Error& e) {
            outcome.stopped_by = e.message();
            break;
        }
        outcome.recommended.push_back(work.id);
        ++taken;
    }
    return outcome;
}

bool identifies_author(const FormField& field) {
    for (const char* word : {"contact", "phone", "email", "author", "unit", "name"}) {
        if (field.key.find(word) != std::string::npos) return true;
    }
    for (const char* word : {"联系", "电话", "手机", "邮箱", "作者", "单位", "姓名"}) {
        if (field.label.find(word) != std::string::npos) return true;
    }
    return false;
}

}  // namespace wangju::web::judging
