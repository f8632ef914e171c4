#include "web/notary/notary_record_service.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "export/notary_record_pdf.h"
#include "web/judging/judging_service.h"
#include "web/judging/results_table.h"

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

// A system admin at the judging's unit: who rebuilds a record outside any session.
CurrentUser system_user(WebContext& web, const Judging& judging) {
    CurrentUser user;
    user.user.roles = Roles{Role::sysadmin};
    user.user.unit = judging.unit;
    if (auto unit = web.store.find_unit(judging.unit)) user.unit = *unit;
    user.actor = actor_of(user.user, user.unit);
    return user;
}

void check_record(WebContext& web, const store::NotaryRecord& record, NotaryCheck& check) {
    const std::size_t problems_before = check.problems.size();
    auto round = web.judgings.find_round(record.round);
    auto judging = round ? web.judgings.find_judging(round->judging) : std::nullopt;
    const std::string name =
        fmt::format("公证记录 {}(第{}轮)", record.code, round ? round->seq : 0);
    if (!round || !judging) {
        check.problems.push_back(name + ":评审轮次已不存在");
        return;
    }
    const CurrentUser user = system_user(web, *judging);
    const auto stored = nlohmann::json::parse(record.snapshot, nullptr, false);
    nlohmann::json now;
    try {
        now = notary_snapshot(notary_facts(web, user, record.round));
    } catch (const std::exception& e) {
        check.problems.push_back(name + ":无法重新生成(" + e.what() + ")");
        return;
    }
    if (stored.is_discarded()) {
        check.problems.push_back(name + ":保存的记录内容无法读取");
    } else {
        for (const auto& line : notary_changes(stored, now)) {
            check.problems.push_back(name + ":" + line);
        }
    }
    const std::string sha = results_sha256(web, user, *judging, shanghai_date(record.issued_at));
    if (sha != record.results_sha256) {
        check.problems.push_back(name + ":评审结果表的哈希值 " +
                                 record.results_sha256.substr(0, 16) + "… → " + sha.substr(0, 16) +
                                 "…");
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
    IssuedNotaryRecord issued;
    issued.record = records(web).issue(
        record,
        [&](const store::NotaryRecord& stored) {
            tables::NotaryRecordDocument document{facts,
                                                  stored.code,
                                                  format_shanghai(stored.issued_at),
                                                  user.user.display_name,
                                                  stored.results_sha256,
                                                  stored.audit_seq,
                                                  stored.audit_hash};
            issued.pdf = tables::notary_record_pdf(document);
        },
        ctx);
    return issued;
}

NotaryCheck check_notary_records(WebContext& web) {
    NotaryCheck check;
    for (const auto& record : records(web).all()) check_record(web, record, check);
    return check;
}

}  // namespace wangju::web::notary
