#include "web/notary/notary_record_service.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "domain/vote_rules_text.h"
#include "export/notary_record_pdf.h"
#include "web/judging/judging_service.h"
#include "web/judging/results_table.h"
#include "web/votes/vote_results.h"
#include "web/votes/vote_service.h"

namespace wangju::web::notary {
namespace {

using judging::AwardsView;
using judging::RoundResultsView;

store::NotaryRecordStore records(WebContext& web) {
    return store::NotaryRecordStore(web.store.database());
}

std::string unit_name(WebContext& web, UnitId id) {
    auto unit = web.store.find_unit(id);
    return unit ? unit->name : std::string();
}

std::string_view awards_state_zh(store::AwardsState state) {
    switch (state) {
        case store::AwardsState::draft:
            return "草案(尚未确认)";
        case store::AwardsState::confirmed:
            return "已确认";
        case store::AwardsState::published:
            return "已公布";
    }
    return "";
}

std::vector<NotaryJudge> panel_of(WebContext& web, const RoundResultsView& view) {
    std::vector<NotaryJudge> panel;
    for (const auto& [id, name] : view.judge_names) {
        auto user = web.store.find_user(UserId{id});
        panel.push_back({UserId{id}, name, user ? unit_name(web, user->unit) : std::string()});
    }
    return panel;
}

std::vector<NotaryWork> works_of(const RoundResultsView& view) {
    std::vector<NotaryWork> works;
    const bool scored = view.round.kind == RoundKind::scored;
    for (const auto& row : view.rows) {
        NotaryWork w;
        w.id = row.work.id;
        w.title = row.work.content.title;
        w.unit = row.unit.name;
        if (scored) {
            w.rank = row.result.rank;
            w.raw_mean = row.result.raw_mean;
            w.normalised_mean = row.result.normalised_mean;
        }
        for (const auto& a : row.scores) {
            NotaryScore s{a.judge, std::nullopt, std::nullopt};
            if (a.scored() && a.total) s.total = *a.total;
            if (a.scored() && a.verdict) s.verdict = std::string(label_zh(*a.verdict));
            w.scores.push_back(std::move(s));
        }
        std::sort(w.scores.begin(), w.scores.end(),
                  [](const NotaryScore& a, const NotaryScore& b) { return a.judge < b.judge; });
        works.push_back(std::move(w));
    }
    return works;
}

// Every vote of the track, whether or not its totals are public yet: the record is for the
// judging's admins and the notaries, and what it states must not depend on the day it is checked.
std::vector<NotaryVoteTotals> votes_of(WebContext& web, const Judging& judging,
                                       const Track& track) {
    std::vector<NotaryVoteTotals> out;
    if (judging.vote_weight == 0) return out;
    for (const auto& v : judging::public_votes_of_track(web, judging.campaign, track)) {
        std::set<VoteId> restored;
        for (const auto& voiding : web.public_votes.voidings(v.id)) {
            if (voiding.restore) restored.insert(voiding.votes.begin(), voiding.votes.end());
        }
        out.push_back({v.name, web.public_votes.count(v.id, false),
                       web.public_votes.count(v.id, true),
                       static_cast<long long>(restored.size())});
    }
    return out;
}

std::vector<NotaryAward> awards_of(const AwardsView& view) {
    std::vector<NotaryAward> awards;
    for (const auto& row : view.rows) {
        awards.push_back({row.work.id, row.work.content.title, row.unit.name, row.rank, row.expert,
                          row.votes, row.final_score, row.proposed_tier, row.tier,
                          row.move_reason});
    }
    return awards;
}

long long midnight_of(Date day) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::sys_days(day).time_since_epoch())
        .count();
}

// A system admin at `unit`: who rebuilds a record outside any session.
CurrentUser system_user(WebContext& web, UnitId unit_id) {
    CurrentUser user;
    user.user.roles = Roles{Role::sysadmin};
    user.user.unit = unit_id;
    if (auto unit = web.store.find_unit(unit_id)) user.unit = *unit;
    user.actor = actor_of(user.user, user.unit);
    return user;
}

std::string vote_results_sha256(WebContext& web, const PublicVote& vote,
                                const std::vector<NotaryVoteWork>& results, Date day) {
    return sha256_hex(votes::vote_results_table_bytes(web, vote, results,
                                                      tables::TableFormat::xlsx, format_date(day),
                                                      midnight_of(day)));
}

std::string track_names(WebContext& web, const PublicVote& vote) {
    const auto tracks = web.works.tracks(vote.campaign);
    std::string out;
    for (const auto& code : vote.tracks) {
        std::string name = code;
        for (const auto& t : tracks) {
            if (t.code == code) name = t.name;
        }
        out += (out.empty() ? "" : "、") + name;
    }
    return out;
}

std::vector<NotaryVoiding> voidings_of(WebContext& web, PublicVoteId id) {
    std::vector<NotaryVoiding> out;
    auto voidings = web.public_votes.voidings(id);  // newest first
    std::reverse(voidings.begin(), voidings.end());
    for (const auto& v : voidings) {
        auto by = web.store.find_user(v.acted_by);
        out.push_back({v.restore, v.reason, v.flag_id.value_or(""),
                       static_cast<long long>(v.votes.size()), by ? by->display_name : "",
                       format_shanghai(v.acted_at)});
    }
    return out;
}

// Issues `record` and makes its PDF with `pdf` in the same transaction.
IssuedNotaryRecord issue(WebContext& web, const CurrentUser& user, store::NotaryRecord record,
                         const std::function<std::string(const tables::NotaryRecordIssue&)>& pdf,
                         const AuditContext& ctx) {
    IssuedNotaryRecord issued;
    issued.record = records(web).issue(
        record,
        [&](const store::NotaryRecord& stored) {
            issued.pdf = pdf({stored.code, format_shanghai(stored.issued_at),
                              user.user.display_name, stored.results_sha256, stored.audit_seq,
                              stored.audit_hash});
        },
        ctx);
    return issued;
}

// What a stored record is of, rebuilt now: what changed and its results hash, with the record's
// name as `wangju check` reports it; `problem` says why it could not be rebuilt.
struct Rebuilt {
    std::string name;
    std::string results_sha256;
    std::vector<std::string> changes;
    std::string problem;
};

Rebuilt rebuild_round_record(WebContext& web, const store::NotaryRecord& record,
                             const nlohmann::json& stored) {
    auto round = web.judgings.find_round(*record.round);
    auto judging = round ? web.judgings.find_judging(round->judging) : std::nullopt;
    Rebuilt out;
    out.name = fmt::format("公证记录 {}(第{}轮)", record.code, round ? round->seq : 0);
    if (!round || !judging) {
        out.problem = "评审轮次已不存在";
        return out;
    }
    const CurrentUser user = system_user(web, judging->unit);
    const auto now = notary_snapshot(notary_facts(web, user, *record.round));
    if (!stored.is_discarded()) out.changes = notary_changes(stored, now);
    out.results_sha256 = results_sha256(web, user, *judging, shanghai_date(record.issued_at));
    return out;
}

Rebuilt rebuild_vote_record(WebContext& web, const store::NotaryRecord& record,
                            const nlohmann::json& stored) {
    auto vote = web.public_votes.find(*record.vote);
    Rebuilt out;
    out.name = fmt::format("公证记录 {}(网络投票“{}”)", record.code, vote ? vote->name : "");
    if (!vote) {
        out.problem = "网络投票已不存在";
        return out;
    }
    auto organiser = web.store.find_user(vote->created_by);
    const CurrentUser user = system_user(web, organiser ? organiser->unit : UnitId{});
    const NotaryVoteFacts facts = vote_notary_facts(web, user, vote->id);
    if (!stored.is_discarded()) {
        out.changes = notary_vote_changes(stored, notary_vote_snapshot(facts));
    }
    out.results_sha256 =
        vote_results_sha256(web, *vote, facts.works, shanghai_date(record.issued_at));
    return out;
}

void check_record(WebContext& web, const store::NotaryRecord& record, NotaryCheck& check) {
    const std::size_t problems_before = check.problems.size();
    const auto stored = nlohmann::json::parse(record.snapshot, nullptr, false);
    Rebuilt now;
    now.name = "公证记录 " + record.code;
    try {
        now = record.round ? rebuild_round_record(web, record, stored)
                           : rebuild_vote_record(web, record, stored);
    } catch (const std::exception& e) {
        now.problem = std::string("无法重新生成(") + e.what() + ")";
    }
    const std::string& name = now.name;
    if (!now.problem.empty()) {
        check.problems.push_back(name + ":" + now.problem);
        return;
    }
    if (stored.is_discarded()) {
        check.problems.push_back(name + ":保存的记录内容无法读取");
    } else {
        for (const auto& line : now.changes) check.problems.push_back(name + ":" + line);
    }
    if (now.results_sha256 != record.results_sha256) {
        check.problems.push_back(name + ":结果表的哈希值 " + record.results_sha256.substr(0, 16) +
                                 "… → " + now.results_sha256.substr(0, 16) + "…");
    }
    const auto hash = records(web).audit_hash_at(record.audit_seq);
    if (!hash) {
        check.problems.push_back(
            fmt::format("{}:审计日志第 {} 条已不存在", name, record.audit_seq));
    } else if (*hash != record.audit_hash) {
        check.problems.push_back(
            fmt::format("{}:审计日志第 {} 条的哈希值已变化", name, record.audit_seq));
    }
    if (check.problems.size() == problems_before) ++check.confirmed;
}

}  // namespace

NotaryFacts notary_facts(WebContext& web, const CurrentUser& user, RoundId id) {
    const RoundResultsView results = judging::round_results_view(web, user, id);
    const Judging& judging = results.judging;
    const Track track = judging::judging_track(web, judging);
    const AwardsView awards = judging::awards_view(web, user, judging.id);
    NotaryFacts facts;
    auto campaign = web.campaigns.find_campaign(judging.campaign);
    facts.campaign = campaign ? campaign->name : std::string();
    facts.track = track.name;
    facts.unit = judging::judging_unit(web, judging).name;
    facts.round = fmt::format("第{}轮 {}", results.round.seq, results.round.name);
    facts.round_kind = std::string(label_zh(results.round.kind));
    if (results.round.kind == RoundKind::scored) facts.rubric = results.round.rubric;
    facts.panel = panel_of(web, results);
    facts.works = works_of(results);
    facts.vote_weight = judging.vote_weight;
    facts.votes = votes_of(web, judging, track);
    facts.awards_state = std::string(awards_state_zh(awards.status.state));
    facts.awards = awards_of(awards);
    auto store = records(web);
    const auto notices = store.notice_titles(judging.id);
    if (!notices.empty()) facts.notice = notices.back();
    facts.objections = store.notice_objections(judging.id);
    return facts;
}

std::string results_sha256(WebContext& web, const CurrentUser& user, const Judging& judging,
                           Date day) {
    return sha256_hex(judging::results_table_bytes(web, user, judging, tables::TableFormat::xlsx,
                                                   format_date(day), midnight_of(day)));
}

IssuedNotaryRecord issue_notary_record(WebContext& web, const CurrentUser& user, RoundId id,
                                       const AuditContext& ctx) {
    const NotaryFacts facts = notary_facts(web, user, id);  // checks the user runs the judging
    const auto [round, judging] = judging::administered_round(web, user, id);
    if (round.state == RoundState::draft || round.state == RoundState::open) {
        throw Error(ErrorKind::conflict, "评审轮次尚未结束,不能出具公证记录");
    }
    store::NotaryRecord record;
    record.round = id;
    record.issued_at = now_utc();
    record.issued_by = user.user.id;
    record.results_sha256 = results_sha256(web, user, judging, shanghai_date(record.issued_at));
    record.snapshot = notary_snapshot(facts).dump();
    return issue(
        web, user, record,
        [&](const tables::NotaryRecordIssue& how) { return tables::notary_record_pdf(facts, how); },
        ctx);
}

NotaryVoteFacts vote_notary_facts(WebContext& web, const CurrentUser& user, PublicVoteId id) {
    votes::require_organiser(user);
    auto vote = web.public_votes.find(id);
    if (!vote) throw Error(ErrorKind::not_found, "投票不存在");
    NotaryVoteFacts facts;
    auto campaign = web.campaigns.find_campaign(vote->campaign);
    facts.campaign = campaign ? campaign->name : std::string();
    facts.name = vote->name;
    facts.tracks = track_names(web, *vote);
    facts.starts = format_shanghai(vote->starts_at);
    facts.ends = format_shanghai(vote->ends_at);
    facts.rules = vote_rule_lines(vote->rules);
    facts.works = votes::vote_results(web, *vote);
    facts.voidings = voidings_of(web, id);
    auto store = records(web);
    const auto notices = store.notice_titles(id);
    if (!notices.empty()) facts.notice = notices.back();
    facts.objections = store.notice_objections(id);
    return facts;
}

IssuedNotaryRecord issue_vote_notary_record(WebContext& web, const CurrentUser& user,
                                            PublicVoteId id, const AuditContext& ctx) {
    const NotaryVoteFacts facts = vote_notary_facts(web, user, id);  // checks the organiser
    const PublicVote vote = *web.public_votes.find(id);
    store::NotaryRecord record;
    record.issued_at = now_utc();
    if (phase_at(vote, record.issued_at) != VotePhase::ended) {
        throw Error(ErrorKind::conflict, "投票尚未结束,不能出具公证记录");
    }
    record.vote = id;
    record.issued_by = user.user.id;
    record.results_sha256 =
        vote_results_sha256(web, vote, facts.works, shanghai_date(record.issued_at));
    record.snapshot = notary_vote_snapshot(facts).dump();
    return issue(
        web, user, record,
        [&](const tables::NotaryRecordIssue& how) {
            return tables::vote_notary_record_pdf(facts, how);
        },
        ctx);
}

NotaryCheck check_notary_records(WebContext& web) {
    NotaryCheck check;
    for (const auto& record : records(web).all()) check_record(web, record, check);
    return check;
}

}  // namespace wangju::web::notary
