// JudgingStore: judgings, rounds, panels, assignments with their scores, conflicts and awards.
#include "store/judging_store.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

constexpr const char* kJudgingColumns =
    "SELECT j.id, j.campaign_id, j.unit_id, j.track_id, j.vote_weight, j.tiers, j.created_at, "
    "j.award_cap_percent "
    "FROM judgings j ";
constexpr const char* kRoundColumns =
    "SELECT id, judging_id, seq, kind, state, name, blind, judges_per_work, rubric, advance_rule, "
    "advance_value, rank_by, disagreement_share, opened_at, closed_at FROM judging_rounds ";
constexpr const char* kAssignmentColumns =
    "SELECT id, round_id, work_id, judge_id, assigned_at, scores, total, verdict, comment, "
    "scored_at FROM judge_assignments ";

struct JudgingRow {
    long long id = 0, campaign_id = 0, unit_id = 0, track_id = 0;
    int vote_weight = 0;
    std::string tiers, created_at;
    NullableId award_cap_percent;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(unit_id), soci::into(track_id),
            soci::into(vote_weight), soci::into(tiers), soci::into(created_at),
            soci::into(award_cap_percent.value, award_cap_percent.indicator);
    }
    Judging judging() const {
        Judging j;
        j.id = JudgingId{id};
        j.campaign = CampaignId{campaign_id};
        j.unit = UnitId{unit_id};
        j.track = TrackId{track_id};
        j.vote_weight = vote_weight;
        for (const auto& t : Json::parse(tiers)) {
            j.tiers.push_back({t.value("name", ""), t.value("count", 0)});
        }
        j.created_at = timestamp_from(created_at);
        j.award_cap_percent.reset();
        if (award_cap_percent.indicator == soci::i_ok) {
            j.award_cap_percent = static_cast<int>(award_cap_percent.value);
        }
        return j;
    }
};

struct RoundRow {
    long long id = 0, judging_id = 0;
    int seq = 0;
    std::string kind, state, name;
    int blind = 1, judges_per_work = 0;
    std::string rubric, advance_rule;
    double advance_value = 0;
    std::string rank_by;
    double disagreement_share = 0;
    NullableText opened_at, closed_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(judging_id), soci::into(seq), soci::into(kind),
            soci::into(state), soci::into(name), soci::into(blind), soci::into(judges_per_work),
            soci::into(rubric), soci::into(advance_rule), soci::into(advance_value),
            soci::into(rank_by), soci::into(disagreement_share),
            soci::into(opened_at.value, opened_at.indicator),
            soci::into(closed_at.value, closed_at.indicator);
    }
    Round round() const {
        Round r;
        r.id = RoundId{id};
        r.judging = JudgingId{judging_id};
        r.seq = seq;
        r.kind = parse_round_kind(kind).value_or(RoundKind::scored);
        r.state = parse_round_state(state).value_or(RoundState::draft);
        r.name = name;
        r.blind = blind != 0;
        r.judges_per_work = judges_per_work;
        r.rubric = rubric_from_json(Json::parse(rubric));
        r.advance = {parse_advance_rule(advance_rule).value_or(AdvanceRule::all), advance_value};
        r.rank_by = rank_by == "raw" ? RankBasis::raw : RankBasis::normalised;
        r.disagreement_share = disagreement_share;
        r.opened_at = timestamp_from(opened_at);
        r.closed_at = timestamp_from(closed_at);
        return r;
    }
};

struct AssignmentRow {
    long long id = 0, round_id = 0, work_id = 0, judge_id = 0;
    std::string assigned_at, scores;
    double total = 0;
    soci::indicator total_indicator = soci::i_null;
    NullableText verdict;
    std::string comment;
    NullableText scored_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(round_id), soci::into(work_id), soci::into(judge_id),
            soci::into(assigned_at), soci::into(scores), soci::into(total, total_indicator),
            soci::into(verdict.value, verdict.indicator), soci::into(comment),
            soci::into(scored_at.value, scored_at.indicator);
    }
    Assignment assignment() const {
        Assignment a;
        a.id = AssignmentId{id};
        a.round = RoundId{round_id};
        a.work = WorkId{work_id};
        a.judge = UserId{judge_id};
        a.assigned_at = timestamp_from(assigned_at);
        const Json parsed = Json::parse(scores);
        for (const auto& [k, v] : parsed.items()) a.values[k] = v.get<double>();
        if (total_indicator == soci::i_ok) a.total = total;
        if (auto v = verdict.get()) a.verdict = parse_verdict(*v);
        a.comment = comment;
        a.scored_at = timestamp_from(scored_at);
        return a;
    }
};

struct ConflictRow {
    long long id = 0, judging_id = 0, judge_id = 0;
    NullableId work_id, unit_id;
    std::string reason;
    long long recorded_by = 0;
    std::string recorded_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(judging_id), soci::into(judge_id),
            soci::into(work_id.value, work_id.indicator),
            soci::into(unit_id.value, unit_id.indicator), soci::into(reason),
            soci::into(recorded_by), soci::into(recorded_at);
    }
};

struct StatusRow {
    std::string state;
    NullableText publish_at, notified_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(state), soci::into(publish_at.value, publish_at.indicator),
            soci::into(notified_at.value, notified_at.indicator);
    }
};

struct MoveRow {
    long long work_id = 0;
    NullableText tier;
    std::string reason;
    long long moved_by = 0;
    std::string moved_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(work_id), soci::into(tier.value, tier.indicator), soci::into(reason),
            soci::into(moved_by), soci::into(moved_at);
    }
};

struct AwardRow {
    long long judging_id = 0, work_id = 0;
    std::string tier;
    int rank = 0;
    double score = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(judging_id), soci::into(work_id), soci::into(tier), soci::into(rank),
            soci::into(score);
    }
    AwardRecord record() const {
        return {JudgingId{judging_id}, WorkId{work_id}, tier, rank, score};
    }
};

Json tiers_json(const std::vector<AwardTier>& tiers) {
    Json list = Json::array();
    for (const auto& t : tiers) list.push_back({{"name", t.name}, {"count", t.count}});
    return list;
}

Json judging_audit(const Judging& j) {
    return {{"id", j.id.value},
            {"campaign_id", j.campaign.value},
            {"unit_id", j.unit.value},
            {"track_id", j.track.value},
            {"vote_weight", j.vote_weight},
            {"tiers", tiers_json(j.tiers)},
            {"award_cap_percent", j.award_cap_percent ? Json(*j.award_cap_percent) : Json()}};
}

Json round_audit(const Round& r) {
    return {{"id", r.id.value},
            {"judging_id", r.judging.value},
            {"seq", r.seq},
            {"kind", to_string(r.kind)},
            {"state", to_string(r.state)},
            {"name", r.name},
            {"blind", r.blind},
            {"judges_per_work", r.judges_per_work},
            {"rubric", rubric_json(r.rubric)},
            {"advance", {{"rule", to_string(r.advance.rule)}, {"value", r.advance.value}}},
            {"rank_by", r.rank_by == RankBasis::raw ? "raw" : "normalised"},
            {"disagreement_share", r.disagreement_share}};
}

Json values_json(const std::map<std::string, double>& values) {
    Json j = Json::object();
    for (const auto& [k, v] : values) j[k] = v;
    return j;
}

Json assignment_audit(const Assignment& a) {
    Json j = {
        {"id", a.id.value},          {"round_id", a.round.value},       {"work_id", a.work.value},
        {"judge_id", a.judge.value}, {"scores", values_json(a.values)}, {"comment", a.comment}};
    j["total"] = a.total ? Json(*a.total) : Json(nullptr);
    j["verdict"] = a.verdict ? Json(to_string(*a.verdict)) : Json(nullptr);
    return j;
}

std::optional<Judging> judging_in(soci::session& s, JudgingId id) {
    auto row = fetch_one<JudgingRow>(s, std::string(kJudgingColumns) + "WHERE j.id = :id",
                                     soci::use(id.value));
    if (!row) return std::nullopt;
    return row->judging();
}

Judging require_judging(soci::session& s, JudgingId id) {
    auto j = judging_in(s, id);
    if (!j) throw_not_found("评审不存在");
    return *j;
}

std::optional<Round> round_in(soci::session& s, RoundId id) {
    auto row =
        fetch_one<RoundRow>(s, std::string(kRoundColumns) + "WHERE id = :id", soci::use(id.value));
    if (!row) return std::nullopt;
    return row->round();
}

Round require_round(soci::session& s, RoundId id) {
    auto r = round_in(s, id);
    if (!r) throw_not_found("评审轮次不存在");
    return *r;
}

std::vector<Round> rounds_in(soci::session& s, JudgingId id) {
    std::vector<Round> out;
    for (const auto& row :
         fetch_all<RoundRow>(s, std::string(kRoundColumns) + "WHERE judging_id = :j ORDER BY seq",
                             soci::use(id.value)))
        out.push_back(row.round());
    return out;
}

std::optional<Assignment> assignment_in(soci::session& s, AssignmentId id) {
    auto row = fetch_one<AssignmentRow>(s, std::string(kAssignmentColumns) + "WHERE id = :id",
                                        soci::use(id.value));
    if (!row) return std::nullopt;
    return row->assignment();
}

Assignment require_assignment(soci::session& s, AssignmentId id) {
    auto a = assignment_in(s, id);
    if (!a) throw_not_found("评审任务不存在");
    return *a;
}

std::vector<Assignment> assignments_in(soci::session& s, RoundId id) {
    std::vector<Assignment> out;
    for (const auto& row : fetch_all<AssignmentRow>(
             s, std::string(kAssignmentColumns) + "WHERE round_id = :r ORDER BY work_id, judge_id",
             soci::use(id.value)))
        out.push_back(row.assignment());
    return out;
}

std::set<long long> panel_in(soci::session& s, RoundId id) {
    auto ids = fetch_values<long long>(
        s, "SELECT judge_id FROM round_judges WHERE round_id = :r ORDER BY judge_id",
        soci::use(id.value));
    return {ids.begin(), ids.end()};
}

std::set<long long> works_in(soci::session& s, RoundId id) {
    auto ids = fetch_values<long long>(
        s, "SELECT work_id FROM round_works WHERE round_id = :r ORDER BY work_id",
        soci::use(id.value));
    return {ids.begin(), ids.end()};
}

void save_round_row(soci::session& s, const Round& r) {
    const std::string kind(to_string(r.kind)), state(to_string(r.state));
    const std::string rubric = rubric_json(r.rubric).dump();
    const std::string rule(to_string(r.advance.rule));
    const std::string rank_by = r.rank_by == RankBasis::raw ? "raw" : "normalised";
    const int blind = r.blind ? 1 : 0;
    NullableText opened = stored(r.opened_at), closed = stored(r.closed_at);
    s << "UPDATE judging_rounds SET state = :state, name = :name, blind = :blind, "
         "judges_per_work = :k, rubric = :rubric, advance_rule = :rule, advance_value = :value, "
         "rank_by = :rank_by, disagreement_share = :share, opened_at = :opened, "
         "closed_at = :closed WHERE id = :id",
        soci::use(state), soci::use(r.name), soci::use(blind), soci::use(r.judges_per_work),
        soci::use(rubric), soci::use(rule), soci::use(r.advance.value), soci::use(rank_by),
        soci::use(r.disagreement_share), soci::use(opened.value, opened.indicator),
        soci::use(closed.value, closed.indicator), soci::use(r.id.value);
}

std::string round_object(RoundId id) {
    return fmt::format("round:{}", id.value);
}
std::string judging_object(JudgingId id) {
    return fmt::format("judging:{}", id.value);
}

template <class Change>
Round change_round(Database& db, RoundId id, const char* action, const AuditContext& ctx,
                   Change change) {
    return db.write([&](soci::session& s) {
        const Round before = require_round(s, id);
        Round after = before;
        Json extra = change(s, after);
        save_round_row(s, after);
        Json after_json = round_audit(after);
        if (!extra.is_null()) after_json["details"] = extra;
        append_event(s, ctx, action, round_object(id), round_audit(before), after_json);
        return after;
    });
}

AwardsStatus status_in(soci::session& s, JudgingId id) {
    auto row = fetch_one<StatusRow>(
        s, "SELECT awards_state, publish_at, notified_at FROM judgings WHERE id = :id",
        soci::use(id.value));
    if (!row) throw_not_found("评审不存在");
    AwardsStatus st;
    st.state = row->state == "published"   ? AwardsState::published
               : row->state == "confirmed" ? AwardsState::confirmed
                                           : AwardsState::draft;
    st.publish_at = timestamp_from(row->publish_at);
    st.notified_at = timestamp_from(row->notified_at);
    return st;
}

void set_awards_state(soci::session& s, JudgingId id, AwardsState state,
                      std::optional<Timestamp> publish_at) {
    const std::string text(to_string(state));
    NullableText at = stored(publish_at);
    s << "UPDATE judgings SET awards_state = :s, publish_at = :at WHERE id = :id", soci::use(text),
        soci::use(at.value, at.indicator), soci::use(id.value);
}

void require_draft_awards(soci::session& s, JudgingId id) {
    const auto st = status_in(s, id);
    if (st.state != AwardsState::draft) {
        throw_conflict(st.state == AwardsState::published ? "获奖名单已发布,不能再修改"
                                                          : "获奖名单已确认,请先撤销确认再修改");
    }
}

}  // namespace

std::string_view to_string(AwardsState state) {
    switch (state) {
        case AwardsState::draft:
            return "draft";
        case AwardsState::confirmed:
            return "confirmed";
        case AwardsState::published:
            return "published";
    }
    return "draft";
}

// ---- judgings

Judging JudgingStore::create_judging(const Judging& judging, UserId by, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto existing = fetch_values<long long>(
            s, "SELECT id FROM judgings WHERE unit_id = :u AND track_id = :t",
            soci::use(judging.unit.value), soci::use(judging.track.value));
        if (!existing.empty()) throw_conflict("本单位已开启该子项目的评审");
        const std::string tiers = tiers_json(judging.tiers).dump();
        const std::string now = stored(now_utc());
        long long id = 0;
        NullableId cap(judging.award_cap_percent);
        s << "INSERT INTO judgings (campaign_id, unit_id, track_id, vote_weight, tiers, "
             "awards_state, publish_at, notified_at, created_at, created_by, award_cap_percent) "
             "VALUES (:c, :u, :t, :w, :tiers, 'draft', NULL, NULL, :now, :by, :cap) RETURNING id",
            soci::use(judging.campaign.value), soci::use(judging.unit.value),
            soci::use(judging.track.value), soci::use(judging.vote_weight), soci::use(tiers),
            soci::use(now), soci::use(by.value), soci::use(cap.value, cap.indicator),
            soci::into(id);
        Judging created = require_judging(s, JudgingId{id});
        append_event(s, ctx, "judging.create", judging_object(created.id), nullptr,
                     judging_audit(created));
        return created;
    });
}

std::optional<Judging> JudgingStore::find_judging(JudgingId id) {
    return database_.read([&](soci::session& s) { return judging_in(s, id); });
}

std::vector<Judging> JudgingStore::judgings_of(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<Judging> out;
        for (const auto& row : fetch_all<JudgingRow>(
                 s,
                 std::string(kJudgingColumns) +
                     "JOIN units n ON n.id = j.unit_id JOIN tracks t ON t.id = j.track_id "
                     "WHERE j.campaign_id = :c ORDER BY n.path, t.number",
                 soci::use(campaign.value)))
            out.push_back(row.judging());
        return out;
    });
}

Judging JudgingStore::update_judging(JudgingId id, int vote_weight,
                                     const std::vector<AwardTier>& tiers,
                                     std::optional<int> award_cap_percent, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Judging before = require_judging(s, id);
        require_draft_awards(s, id);
        const std::string text = tiers_json(tiers).dump();
        NullableId cap(award_cap_percent);
        s << "UPDATE judgings SET vote_weight = :w, tiers = :t, award_cap_percent = :cap "
             "WHERE id = :id",
            soci::use(vote_weight), soci::use(text), soci::use(cap.value, cap.indicator),
            soci::use(id.value);
        Judging after = require_judging(s, id);
        append_event(s, ctx, "judging.update", judging_object(id), judging_audit(before),
                     judging_audit(after));
        return after;
    });
}

// ---- rounds

Round JudgingStore::create_round(const Round& round, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        require_judging(s, round.judging);
        const auto existing = rounds_in(s, round.judging);
        if (!existing.empty()) {
            const Round& last = existing.back();
            if (last.kind == RoundKind::final_ranking) throw_conflict("终评之后不能再设评审轮次");
            if (last.state != RoundState::published) {
                throw_conflict("上一轮(" + last.name + ")的结果发布后才能开始下一轮");
            }
        }
        const int seq = existing.empty() ? 1 : existing.back().seq + 1;
        const std::string kind(to_string(round.kind));
        long long id = 0;
        s << "INSERT INTO judging_rounds (judging_id, seq, kind, state, name, blind, "
             "judges_per_work, rubric, advance_rule, advance_value, rank_by, disagreement_share, "
             "opened_at, closed_at) VALUES (:j, :seq, :kind, 'draft', '', 1, 1, '[]', 'all', 0, "
             "'normalised', 0.3, NULL, NULL) RETURNING id",
            soci::use(round.judging.value), soci::use(seq), soci::use(kind), soci::into(id);
        Round created = round;
        created.id = RoundId{id};
        created.seq = seq;
        created.state = RoundState::draft;
        created.opened_at.reset();
        created.closed_at.reset();
        save_round_row(s, created);
        append_event(s, ctx, "round.create", round_object(created.id), nullptr,
                     round_audit(created));
        return created;
    });
}

std::optional<Round> JudgingStore::find_round(RoundId id) {
    return database_.read([&](soci::session& s) { return round_in(s, id); });
}

std::vector<Round> JudgingStore::rounds(JudgingId judging) {
    return database_.read([&](soci::session& s) { return rounds_in(s, judging); });
}

Round JudgingStore::update_round(const Round& round, const AuditContext& ctx) {
    return change_round(database_, round.id, "round.update", ctx, [&](soci::session&, Round& r) {
        if (r.state != RoundState::draft) throw_conflict("评审轮次已开始,不能再修改设置");
        r.name = round.name;
        r.blind = round.blind;
        r.judges_per_work = round.judges_per_work;
        r.rubric = round.rubric;
        r.advance = round.advance;
        r.rank_by = round.rank_by;
        r.disagreement_share = round.disagreement_share;
        return Json();
    });
}

void JudgingStore::set_panel(RoundId id, const std::vector<UserId>& judges,
                             const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const Round round = require_round(s, id);
        if (round.state == RoundState::closed || round.state == RoundState::published) {
            throw_conflict("评审轮次已结束,不能再调整评委");
        }
        const auto before = panel_in(s, id);
        std::set<long long> after;
        for (auto j : judges) after.insert(j.value);
        for (auto judge : before) {
            if (after.count(judge)) continue;
            long long scored = 0;
            s << "SELECT count(*) FROM judge_assignments WHERE round_id = :r AND judge_id = :j "
                 "AND scored_at IS NOT NULL",
                soci::use(id.value), soci::use(judge), soci::into(scored);
            if (scored > 0) throw_conflict("该评委已有评分,不能移出评委组");
            s << "DELETE FROM judge_assignments WHERE round_id = :r AND judge_id = :j",
                soci::use(id.value), soci::use(judge);
            s << "DELETE FROM round_judges WHERE round_id = :r AND judge_id = :j",
                soci::use(id.value), soci::use(judge);
        }
        for (auto judge : after) {
            if (before.count(judge)) continue;
            s << "INSERT INTO round_judges (round_id, judge_id) VALUES (:r, :j)",
                soci::use(id.value), soci::use(judge);
        }
        append_event(s, ctx, "round.panel", round_object(id), Json(before), Json(after));
    });
}

std::vector<UserId> JudgingStore::panel(RoundId id) {
    return database_.read([&](soci::session& s) {
        std::vector<UserId> out;
        for (auto j : panel_in(s, id)) out.push_back(UserId{j});
        return out;
    });
}

Round JudgingStore::open_round(RoundId id, const std::vector<WorkId>& works,
                               const AuditContext& ctx) {
    return change_round(database_, id, "round.open", ctx, [&](soci::session& s, Round& r) {
        r.state = next_round_state(r.state, RoundEvent::open);
        r.opened_at = now_utc();
        if (works.empty()) throw_conflict("没有进入本轮评审的作品");
        Json ids = Json::array();
        for (auto w : works) {
            s << "INSERT INTO round_works (round_id, work_id) VALUES (:r, :w)", soci::use(id.value),
                soci::use(w.value);
            ids.push_back(w.value);
        }
        return Json{{"works", ids}};
    });
}

Round JudgingStore::close_round(RoundId id, bool force, const AuditContext& ctx) {
    return change_round(database_, id, "round.close", ctx, [&](soci::session& s, Round& r) {
        r.state = next_round_state(r.state, RoundEvent::close);
        r.closed_at = now_utc();
        Json missing = Json::array();
        for (const auto& a : assignments_in(s, id)) {
            if (!a.scored()) {
                missing.push_back({{"assignment_id", a.id.value},
                                   {"work_id", a.work.value},
                                   {"judge_id", a.judge.value}});
            }
        }
        if (!missing.empty() && !force) {
            throw_conflict(fmt::format("还有 {} 项评分未完成,不能结束本轮;确需结束请选择“强制结束”",
                                       missing.size()));
        }
        return missing.empty() ? Json() : Json{{"forced", true}, {"missing", missing}};
    });
}

Round JudgingStore::reopen_round(RoundId id, const AuditContext& ctx) {
    return change_round(database_, id, "round.reopen", ctx, [&](soci::session&, Round& r) {
        r.state = next_round_state(r.state, RoundEvent::reopen);
        r.closed_at.reset();
        return Json();
    });
}

Round JudgingStore::publish_round(RoundId id, const AuditContext& ctx) {
    return change_round(database_, id, "round.publish", ctx, [&](soci::session&, Round& r) {
        r.state = next_round_state(r.state, RoundEvent::publish);
        return Json();
    });
}

std::vector<WorkId> JudgingStore::round_works(RoundId id) {
    return database_.read([&](soci::session& s) {
        std::vector<WorkId> out;
        for (auto w : works_in(s, id)) out.push_back(WorkId{w});
        return out;
    });
}

// ---- assignments

std::vector<Assignment> JudgingStore::add_assignments(
    RoundId id, const std::vector<std::pair<WorkId, UserId>>& pairs, const AuditContext& ctx,
    const std::vector<std::pair<WorkId, UserId>>& dropped) {
    return database_.write([&](soci::session& s) {
        const Round round = require_round(s, id);
        if (round.state == RoundState::closed || round.state == RoundState::published) {
            throw_conflict("评审轮次已结束,不能再分配作品");
        }
        const auto panel = panel_in(s, id);
        const auto works = works_in(s, id);
        const std::string now = stored(now_utc());
        Json removed = Json::array();
        for (const auto& [work, judge] : dropped) {
            s << "DELETE FROM judge_assignments WHERE round_id = :r AND work_id = :w AND "
                 "judge_id = :j AND scored_at IS NULL",
                soci::use(id.value), soci::use(work.value), soci::use(judge.value);
            removed.push_back({work.value, judge.value});
        }
        Json added = Json::array();
        for (const auto& [work, judge] : pairs) {
            if (!works.count(work.value)) throw_conflict("作品不在本轮评审中");
            if (!panel.count(judge.value)) throw_conflict("该评委不在本轮评委组中");
            long long existing = 0;
            s << "SELECT count(*) FROM judge_assignments WHERE round_id = :r AND work_id = :w "
                 "AND judge_id = :j",
                soci::use(id.value), soci::use(work.value), soci::use(judge.value),
                soci::into(existing);
            if (existing > 0) throw_conflict("该作品已分配给这位评委");
            s << "INSERT INTO judge_assignments (round_id, work_id, judge_id, assigned_at, scores, "
                 "total, verdict, comment, scored_at) VALUES (:r, :w, :j, :at, '{}', NULL, NULL, "
                 "'', NULL)",
                soci::use(id.value), soci::use(work.value), soci::use(judge.value), soci::use(now);
            added.push_back({work.value, judge.value});
        }
        append_event(s, ctx, "round.assign", round_object(id), nullptr,
                     Json{{"pairs", added}, {"dropped", removed}});
        return assignments_in(s, id);
    });
}

std::vector<Assignment> JudgingStore::assignments(RoundId id) {
    return database_.read([&](soci::session& s) { return assignments_in(s, id); });
}

std::vector<Assignment> JudgingStore::assignments_of_judge(UserId judge) {
    return database_.read([&](soci::session& s) {
        std::vector<Assignment> out;
        for (const auto& row : fetch_all<AssignmentRow>(
                 s, std::string(kAssignmentColumns) + "WHERE judge_id = :j ORDER BY round_id, id",
                 soci::use(judge.value)))
            out.push_back(row.assignment());
        return out;
    });
}

std::optional<Assignment> JudgingStore::find_assignment(AssignmentId id) {
    return database_.read([&](soci::session& s) { return assignment_in(s, id); });
}

Assignment JudgingStore::move_assignment(AssignmentId id, UserId to, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Assignment before = require_assignment(s, id);
        const Round round = require_round(s, before.round);
        if (round.state == RoundState::closed || round.state == RoundState::published) {
            throw_conflict("评审轮次已结束,不能再调整分配");
        }
        if (before.scored()) throw_conflict("该评委已评分,不能改派");
        if (!panel_in(s, before.round).count(to.value)) {
            throw_conflict("该评委不在本轮评委组中");
        }
        long long existing = 0;
        s << "SELECT count(*) FROM judge_assignments WHERE round_id = :r AND work_id = :w AND "
             "judge_id = :j",
            soci::use(before.round.value), soci::use(before.work.value), soci::use(to.value),
            soci::into(existing);
        if (existing > 0) throw_conflict("该作品已分配给这位评委");
        const std::string now = stored(now_utc());
        s << "UPDATE judge_assignments SET judge_id = :j, assigned_at = :at WHERE id = :id",
            soci::use(to.value), soci::use(now), soci::use(id.value);
        Assignment after = require_assignment(s, id);
        append_event(s, ctx, "assignment.move", fmt::format("assignment:{}", id.value),
                     assignment_audit(before), assignment_audit(after));
        return after;
    });
}

void JudgingStore::remove_assignment(AssignmentId id, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const Assignment before = require_assignment(s, id);
        if (before.scored()) throw_conflict("该评委已评分,不能撤销分配");
        s << "DELETE FROM judge_assignments WHERE id = :id", soci::use(id.value);
        append_event(s, ctx, "assignment.remove", fmt::format("assignment:{}", id.value),
                     assignment_audit(before), nullptr);
    });
}

Assignment JudgingStore::save_score(AssignmentId id, const ScoreSheet& sheet,
                                    const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const Assignment before = require_assignment(s, id);
        const Round round = require_round(s, before.round);
        if (round.state != RoundState::open) {
            throw_conflict(fmt::format("评审轮次{},不能再评分", label_zh(round.state)));
        }
        const std::string values = values_json(sheet.values).dump();
        const std::string now = stored(now_utc());
        NullableText verdict(sheet.verdict ? std::optional<std::string>(to_string(*sheet.verdict))
                                           : std::nullopt);
        double total = sheet.total;
        soci::indicator total_indicator = sheet.verdict ? soci::i_null : soci::i_ok;
        s << "UPDATE judge_assignments SET scores = :s, total = :t, verdict = :v, comment = :c, "
             "scored_at = :at WHERE id = :id",
            soci::use(values), soci::use(total, total_indicator),
            soci::use(verdict.value, verdict.indicator), soci::use(sheet.comment), soci::use(now),
            soci::use(id.value);
        Assignment after = require_assignment(s, id);
        append_event(s, ctx, "assignment.score", fmt::format("assignment:{}", id.value),
                     assignment_audit(before), assignment_audit(after));
        return after;
    });
}

// ---- conflicts

ConflictRecord JudgingStore::add_conflict(const ConflictRecord& c, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        require_judging(s, c.judging);
        NullableId work(c.work ? std::optional<long long>(c.work->value) : std::nullopt);
        NullableId unit(c.unit ? std::optional<long long>(c.unit->value) : std::nullopt);
        const std::string now = stored(now_utc());
        long long id = 0;
        s << "INSERT INTO judge_conflicts (judging_id, judge_id, work_id, unit_id, reason, "
             "recorded_by, recorded_at) VALUES (:j, :judge, :w, :u, :reason, :by, :at) "
             "RETURNING id",
            soci::use(c.judging.value), soci::use(c.judge.value),
            soci::use(work.value, work.indicator), soci::use(unit.value, unit.indicator),
            soci::use(c.reason), soci::use(c.recorded_by.value), soci::use(now), soci::into(id);
        ConflictRecord out = c;
        out.id = id;
        out.recorded_at = timestamp_from(now);
        append_event(s, ctx, "judging.conflict", judging_object(c.judging), nullptr,
                     Json{{"id", id},
                          {"judge_id", c.judge.value},
                          {"work_id", c.work ? Json(c.work->value) : Json(nullptr)},
                          {"unit_id", c.unit ? Json(c.unit->value) : Json(nullptr)},
                          {"reason", c.reason}});
        return out;
    });
}

std::vector<ConflictRecord> JudgingStore::conflicts(JudgingId judging) {
    return database_.read([&](soci::session& s) {
        std::vector<ConflictRecord> out;
        for (const auto& r : fetch_all<ConflictRow>(
                 s,
                 "SELECT id, judging_id, judge_id, work_id, unit_id, reason, recorded_by, "
                 "recorded_at FROM judge_conflicts WHERE judging_id = :j ORDER BY id",
                 soci::use(judging.value))) {
            ConflictRecord c;
            c.id = r.id;
            c.judging = JudgingId{r.judging_id};
            c.judge = UserId{r.judge_id};
            if (auto w = r.work_id.get()) c.work = WorkId{*w};
            if (auto u = r.unit_id.get()) c.unit = UnitId{*u};
            c.reason = r.reason;
            c.recorded_by = UserId{r.recorded_by};
            c.recorded_at = timestamp_from(r.recorded_at);
            out.push_back(std::move(c));
        }
        return out;
    });
}

// ---- awards

AwardsStatus JudgingStore::awards_status(JudgingId judging) {
    return database_.read([&](soci::session& s) { return status_in(s, judging); });
}

std::vector<AwardMove> JudgingStore::award_moves(JudgingId judging) {
    return database_.read([&](soci::session& s) {
        std::vector<AwardMove> out;
        for (const auto& r : fetch_all<MoveRow>(
                 s,
                 "SELECT work_id, tier, reason, moved_by, moved_at FROM judging_award_moves "
                 "WHERE judging_id = :j ORDER BY work_id",
                 soci::use(judging.value))) {
            out.push_back({WorkId{r.work_id}, r.tier.get(), r.reason, UserId{r.moved_by},
                           timestamp_from(r.moved_at)});
        }
        return out;
    });
}

void JudgingStore::move_award(JudgingId judging, const AwardMove& move, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        require_judging(s, judging);
        require_draft_awards(s, judging);
        NullableText tier(move.tier);
        const std::string now = stored(now_utc());
        s << "DELETE FROM judging_award_moves WHERE judging_id = :j AND work_id = :w",
            soci::use(judging.value), soci::use(move.work.value);
        s << "INSERT INTO judging_award_moves (judging_id, work_id, tier, reason, moved_by, "
             "moved_at) VALUES (:j, :w, :t, :r, :by, :at)",
            soci::use(judging.value), soci::use(move.work.value),
            soci::use(tier.value, tier.indicator), soci::use(move.reason),
            soci::use(move.moved_by.value), soci::use(now);
        append_event(s, ctx, "awards.move", judging_object(judging), nullptr,
                     Json{{"work_id", move.work.value},
                          {"tier", move.tier ? Json(*move.tier) : Json(nullptr)},
                          {"reason", move.reason}});
    });
}

void JudgingStore::confirm_awards(JudgingId judging, const std::vector<AwardRecord>& awards,
                                  const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        require_judging(s, judging);
        require_draft_awards(s, judging);
        s << "DELETE FROM judging_awards WHERE judging_id = :j", soci::use(judging.value);
        Json list = Json::array();
        for (const auto& a : awards) {
            s << "INSERT INTO judging_awards (judging_id, work_id, tier, rank, score) VALUES (:j, "
                 ":w, :t, :r, :s)",
                soci::use(judging.value), soci::use(a.work.value), soci::use(a.tier),
                soci::use(a.rank), soci::use(a.score);
            list.push_back({{"work_id", a.work.value}, {"tier", a.tier}, {"rank", a.rank}});
        }
        set_awards_state(s, judging, AwardsState::confirmed, std::nullopt);
        append_event(s, ctx, "awards.confirm", judging_object(judging), nullptr,
                     Json{{"awards", list}});
    });
}

void JudgingStore::unconfirm_awards(JudgingId judging, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const auto st = status_in(s, judging);
        if (st.state != AwardsState::confirmed) {
            throw_conflict(st.state == AwardsState::published ? "获奖名单已发布,不能撤销确认"
                                                              : "获奖名单尚未确认");
        }
        s << "DELETE FROM judging_awards WHERE judging_id = :j", soci::use(judging.value);
        set_awards_state(s, judging, AwardsState::draft, std::nullopt);
        append_event(s, ctx, "awards.unconfirm", judging_object(judging), nullptr, nullptr);
    });
}

void JudgingStore::publish_awards(JudgingId judging, Timestamp at, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const auto st = status_in(s, judging);
        if (st.state == AwardsState::draft) throw_conflict("请先确认获奖名单再发布");
        if (st.state == AwardsState::published) throw_conflict("获奖名单已发布");
        set_awards_state(s, judging, AwardsState::published, at);
        append_event(s, ctx, "awards.publish", judging_object(judging), nullptr,
                     Json{{"publish_at", format_utc(at)}});
    });
}

std::vector<AwardRecord> JudgingStore::awards(JudgingId judging) {
    return database_.read([&](soci::session& s) {
        std::vector<AwardRecord> out;
        for (const auto& r : fetch_all<AwardRow>(
                 s,
                 "SELECT judging_id, work_id, tier, rank, score FROM judging_awards "
                 "WHERE judging_id = :j ORDER BY rank, work_id",
                 soci::use(judging.value)))
            out.push_back(r.record());
        return out;
    });
}

std::vector<AwardRecord> JudgingStore::public_awards_of_work(WorkId work, Timestamp now) {
    return database_.read([&](soci::session& s) {
        const std::string at = stored(now);
        std::vector<AwardRecord> out;
        for (const auto& r : fetch_all<AwardRow>(
                 s,
                 "SELECT a.judging_id, a.work_id, a.tier, a.rank, a.score FROM judging_awards a "
                 "JOIN judgings j ON j.id = a.judging_id WHERE a.work_id = :w AND "
                 "j.awards_state = 'published' AND j.publish_at <= :now ORDER BY a.judging_id",
                 soci::use(work.value), soci::use(at)))
            out.push_back(r.record());
        return out;
    });
}

std::vector<JudgingId> JudgingStore::awards_to_notify(Timestamp now) {
    return database_.read([&](soci::session& s) {
        const std::string at = stored(now);
        std::vector<JudgingId> out;
        for (auto id : fetch_values<long long>(
                 s,
                 "SELECT id FROM judgings WHERE awards_state = 'published' AND publish_at <= :now "
                 "AND notified_at IS NULL ORDER BY id",
                 soci::use(at)))
            out.push_back(JudgingId{id});
        return out;
    });
}

void JudgingStore::mark_notified(JudgingId judging, Timestamp at, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        const std::string text = stored(at);
        s << "UPDATE judgings SET notified_at = :at WHERE id = :id", soci::use(text),
            soci::use(judging.value);
        append_event(s, ctx, "awards.notified", judging_object(judging), nullptr,
                     Json{{"notified_at", text}});
    });
}

}  // namespace wangju::store
