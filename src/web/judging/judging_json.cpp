#include "web/judging/judging_json.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "web/works/works_service.h"

namespace wangju::web::judging {
namespace {

// What the vote weight means for this track: its public votes, or that it has none.
std::string vote_note(WebContext& web, const Judging& judging, const Track& track) {
    const auto votes = public_votes_of_track(web, judging.campaign, track);
    if (votes.empty()) return "本子项目尚无网络投票,投票权重须为 0";
    std::string names;
    for (const auto& v : votes) {
        if (!names.empty()) names += "、";
        names += v.name;
    }
    return "网络投票(" + names + ")的有效票数在票数公布后按权重计入终评";
}


using Json = nlohmann::json;

Json optional_time(const std::optional<Timestamp>& t) {
    return t ? Json(format_utc(*t)) : Json(nullptr);
}

std::string kind_of_file(MediaKind kind) {
    switch (kind) {
        case MediaKind::video:
            return "video";
        case MediaKind::audio:
            return "audio";
        case MediaKind::image:
            return "image";
        case MediaKind::text:
            return "text";
        case MediaKind::document:
            return "document";
        case MediaKind::archive:
            return "archive";
        case MediaKind::other:
            return "other";
    }
    return "other";
}

Json unit_brief(const Unit& unit) {
    return {{"code", unit.code}, {"name", unit.name}};
}

}  // namespace

Json tiers_json(const std::vector<AwardTier>& tiers) {
    Json list = Json::array();
    for (const auto& t : tiers) list.push_back({{"name", t.name}, {"count", t.count}});
    return list;
}

std::vector<AwardTier> tiers_from_json(const Json& json) {
    if (!json.is_array()) throw_invalid("奖项设置应为列表", {{"tiers", "应为列表"}});
    std::vector<AwardTier> tiers;
    for (const auto& t : json) {
        if (!t.is_object() || !t.contains("name") || !t["name"].is_string() ||
            !t.contains("count") || !t["count"].is_number_integer()) {
            throw_invalid("奖项设置格式错误", {{"tiers", "每项应有名称(name)和数量(count)"}});
        }
        tiers.push_back({std::string(t["name"].get<std::string>()), t["count"].get<int>()});
    }
    return tiers;
}

Json judging_json(WebContext& web, const Judging& judging) {
    const Unit unit = judging_unit(web, judging);
    const Track track = judging_track(web, judging);
    const auto status = web.judgings.awards_status(judging.id);
    Json rounds = Json::array();
    for (const auto& r : web.judgings.rounds(judging.id)) rounds.push_back(round_json(web, r));
    const int entries = eligible_entries(web, judging);
    const auto cap = judging.award_cap_percent;
    return {{"id", judging.id.value},
            {"campaign_id", judging.campaign.value},
            {"entries", entries},
            {"award_cap_percent", cap ? Json(*cap) : Json(nullptr)},
            {"award_cap_limit", cap ? Json(award_cap_limit(*cap, entries)) : Json(nullptr)},
            {"unit", unit_brief(unit)},
            {"track", {{"code", track.code}, {"name", track.name}}},
            {"vote_weight", judging.vote_weight},
            {"expert_weight", 100 - judging.vote_weight},
            {"vote_note", vote_note(web, judging, track)},
            {"tiers", tiers_json(judging.tiers)},
            {"awards_state", to_string(status.state)},
            {"publish_at", optional_time(status.publish_at)},
            {"rounds", rounds}};
}

Json round_json(WebContext& web, const Round& round) {
    Json panel = Json::array();
    for (auto j : web.judgings.panel(round.id)) {
        if (auto u = web.store.find_user(j)) {
            panel.push_back({{"username", u->username}, {"name", u->display_name}});
        }
    }
    return {{"id", round.id.value},
            {"judging_id", round.judging.value},
            {"seq", round.seq},
            {"kind", to_string(round.kind)},
            {"kind_label", label_zh(round.kind)},
            {"state", to_string(round.state)},
            {"state_label", label_zh(round.state)},
            {"name", round.name},
            {"blind", round.blind},
            {"judges_per_work", round.judges_per_work},
            {"rubric", rubric_json(round.rubric)},
            {"full_score", round.rubric.full_score()},
            {"advance", {{"rule", to_string(round.advance.rule)}, {"value", round.advance.value}}},
            {"rank_by", round.rank_by == RankBasis::raw ? "raw" : "normalised"},
            {"disagreement_share", round.disagreement_share},
            {"panel", panel},
            {"works", web.judgings.round_works(round.id).size()},
            {"opened_at", optional_time(round.opened_at)},
            {"closed_at", optional_time(round.closed_at)}};
}

Json assignment_json(WebContext& web, const store::Assignment& a) {
    auto judge = web.store.find_user(a.judge);
    auto work = web.works.find_work(a.work);
    return {
        {"id", a.id.value},
        {"round_id", a.round.value},
        {"work", {{"id", a.work.value}, {"title", work ? work->content.title : ""}}},
        {"judge",
         {{"username", judge ? judge->username : ""}, {"name", judge ? judge->display_name : ""}}},
        {"assigned_at", format_utc(a.assigned_at)},
        {"scored", a.scored()},
        {"scored_at", optional_time(a.scored_at)}};
}

Json own_scores_json(const store::Assignment& a) {
    Json values = Json::object();
    for (const auto& [k, v] : a.values) values[k] = v;
    return {{"scores", values},
            {"total", a.total ? Json(*a.total) : Json(nullptr)},
            {"verdict", a.verdict ? Json(to_string(*a.verdict)) : Json(nullptr)},
            {"comment", a.comment},
            {"scored", a.scored()},
            {"scored_at", optional_time(a.scored_at)}};
}

Json judge_entry_json(WebContext& web, const QueueEntry& e) {
    const bool identity = judge_sees_identity(e.round);
    Json fields = Json::array();
    for (const auto& f : e.track.rules.fields) {
        if (!identity && identifies_author(f)) continue;
        auto it = e.work.content.form_values.find(f.key);
        fields.push_back({{"key", f.key},
                          {"label", f.label},
                          {"value", it == e.work.content.form_values.end() ? "" : it->second}});
    }
    Json files = Json::array();
    for (std::size_t i = 0; i < e.work.content.files.size(); ++i) {
        const auto& f = e.work.content.files[i];
        Json file = {{"label", fmt::format("文件{}", i + 1)},
                     {"kind", kind_of_file(f.facts.kind)},
                     {"mime_type", f.mime_type},
                     {"format", f.facts.format},
                     {"size_bytes", f.size_bytes},
                     {"url", "/api/v1/blobs/" + f.sha256}};
        if (f.facts.duration_seconds) file["duration_seconds"] = *f.facts.duration_seconds;
        if (identity) file["filename"] = f.filename;
        files.push_back(std::move(file));
    }
    Json work = {{"id", e.work.id.value},
                 {"title", e.work.content.title},
                 {"fields", fields},
                 {"files", files}};
    if (identity) {
        work["authors"] = e.work.content.authors;
        if (auto unit = web.store.find_unit(e.work.unit)) work["unit"] = unit_brief(*unit);
    }
    return {{"id", e.assignment.id.value},
            {"round",
             {{"id", e.round.id.value},
              {"name", e.round.name},
              {"kind", to_string(e.round.kind)},
              {"state", to_string(e.round.state)},
              {"state_label", label_zh(e.round.state)},
              {"blind", e.round.blind},
              {"rubric", rubric_json(e.round.rubric)},
              {"full_score", e.round.rubric.full_score()}}},
            {"track", {{"code", e.track.code}, {"name", e.track.name}}},
            {"work", work},
            {"mine", own_scores_json(e.assignment)}};
}

Json results_json(const RoundResultsView& view) {
    Json rows = Json::array();
    for (const auto& row : view.rows) {
        Json scores = Json::array();
        for (const auto& a : row.scores) {
            auto name = view.judge_names.find(a.judge.value);
            scores.push_back({{"judge", name == view.judge_names.end() ? "" : name->second},
                              {"total", a.total ? Json(*a.total) : Json(nullptr)},
                              {"verdict", a.verdict ? Json(to_string(*a.verdict)) : Json(nullptr)},
                              {"comment", a.comment},
                              {"scored", a.scored()}});
        }
        Json j = {{"work", {{"id", row.work.id.value}, {"title", row.work.content.title}}},
                  {"unit", unit_brief(row.unit)},
                  {"judges", scores}};
        if (view.round.kind == RoundKind::qualifying) {
            j["passed"] = row.passed;
        } else {
            j["rank"] = row.result.rank;
            j["tied"] = row.result.tied;
            j["raw"] = row.result.raw_mean;
            j["normalised"] = row.result.normalised_mean;
            j["score"] = row.result.score;
            j["spread"] = row.result.spread;
            j["disputed"] = row.result.disputed;
        }
        rows.push_back(std::move(j));
    }
    return {{"round_id", view.round.id.value},
            {"kind", to_string(view.round.kind)},
            {"state", to_string(view.round.state)},
            {"rank_by", view.round.rank_by == RankBasis::raw ? "raw" : "normalised"},
            {"full_score", view.round.rubric.full_score()},
            {"results", rows}};
}

Json awards_json(const AwardsView& view) {
    Json rows = Json::array();
    for (const auto& r : view.rows) {
        rows.push_back({{"work", {{"id", r.work.id.value}, {"title", r.work.content.title}}},
                        {"unit", unit_brief(r.unit)},
                        {"rank", r.rank},
                        {"tied", r.tied},
                        {"expert", r.expert},
                        {"votes", r.votes},
                        {"final", r.final_score},
                        {"proposed_tier", r.proposed_tier ? Json(*r.proposed_tier) : Json(nullptr)},
                        {"tier", r.tier ? Json(*r.tier) : Json(nullptr)},
                        {"move_reason", r.move_reason}});
    }
    return {
        {"judging_id", view.judging.id.value},
        {"state", to_string(view.status.state)},
        {"publish_at", optional_time(view.status.publish_at)},
        {"tiers", tiers_json(view.judging.tiers)},
        {"ranked_round_id", view.ranked_round ? Json(view.ranked_round->id.value) : Json(nullptr)},
        {"over_count", view.over_count},
        {"entries", view.entries},
        {"awarded", view.awarded},
        {"award_cap_percent",
         view.judging.award_cap_percent ? Json(*view.judging.award_cap_percent) : Json(nullptr)},
        {"award_cap_limit", view.judging.award_cap_percent
                                ? Json(award_cap_limit(*view.judging.award_cap_percent, view.entries))
                                : Json(nullptr)},
        {"awards", rows}};
}

Json progress_json(const std::vector<JudgeProgress>& progress) {
    Json list = Json::array();
    for (const auto& p : progress) {
        list.push_back({{"username", p.judge.username},
                        {"name", p.judge.display_name},
                        {"unit", unit_brief(p.unit)},
                        {"assigned", p.assigned},
                        {"scored", p.scored},
                        {"last_active", optional_time(p.last_active)}});
    }
    return list;
}

}  // namespace wangju::web::judging
