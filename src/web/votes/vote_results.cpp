#include "web/votes/vote_results.h"

#include <set>

#include "store/vote_tally.h"
#include "web/table_download.h"
#include "web/temp_files.h"
#include "web/votes/vote_service.h"

namespace wangju::web::votes {
namespace {

// Votes restored and not voided again since, per work.
std::map<WorkId, long long> restored_per_work(WebContext& web, PublicVoteId id) {
    std::set<VoteId> restored;
    const auto voidings = web.public_votes.voidings(id);  // newest first
    for (auto it = voidings.rbegin(); it != voidings.rend(); ++it) {
        const auto& voiding = *it;
        for (auto vote : voiding.votes) {
            if (voiding.restore) {
                restored.insert(vote);
            } else {
                restored.erase(vote);
            }
        }
    }
    std::map<WorkId, long long> out;
    const auto votes =
        web.public_votes.votes_by_id(id, std::vector<VoteId>(restored.begin(), restored.end()));
    for (const auto& vote : votes) {
        if (!vote.voided) ++out[vote.work];
    }
    return out;
}

std::string organiser_unit(WebContext& web, const PublicVote& vote) {
    auto user = web.store.find_user(vote.created_by);
    auto unit = user ? web.store.find_unit(user->unit) : std::nullopt;
    return unit ? unit->name : std::string();
}

tables::OfficialTableHeader results_header(const PublicVote& vote, const std::string& unit,
                                           const std::string& date) {
    using tables::ColumnKind;
    tables::OfficialTableHeader h;
    h.title = "“" + vote.name + "”投票结果";
    h.unit_name = unit;
    h.date = date;
    h.sheet_name = "投票结果";
    h.subtitle = "(投票时间 " + format_shanghai(vote.starts_at) + " 至 " +
                 format_shanghai(vote.ends_at) + ",北京时间)";
    h.totals_label = "合计";
    h.columns = {{"名次", ColumnKind::integer, 8},
                 {"作品名称", ColumnKind::text, 30},
                 {"子项目", ColumnKind::text, 24},
                 {"报送单位", ColumnKind::text, 26},
                 {"有效票", ColumnKind::integer, 10, true},
                 {"作废票", ColumnKind::integer, 10, true},
                 {"其中恢复票", ColumnKind::integer, 12, true}};
    h.note = "名次按有效票排列,票数相同者并列;恢复票为作废后经核实恢复的票,已计入有效票。";
    return h;
}

http::Response results_table(WebContext& web, http::Request& r, tables::TableFormat format) {
    const auto user = require_user(web, r);
    require_organiser(user);
    const PublicVote vote = load_vote(web, r.params.at("id"));
    std::string bytes = vote_results_table_bytes(web, vote, vote_results(web, vote), format,
                                                 format_date(shanghai_date(now_utc())));
    return table_download(std::move(bytes), format, "vote-results", "投票结果-" + vote.name);
}

}  // namespace

std::vector<NotaryVoteWork> vote_results(WebContext& web, const PublicVote& vote) {
    const auto tallies = store::work_tallies(web.store.database(), vote.id);
    const auto restored = restored_per_work(web, vote.id);
    std::vector<NotaryVoteWork> out;
    for (const auto& entry : vote_entries(web, vote, false, false)) {
        NotaryVoteWork w;
        w.id = entry.work.id;
        w.title = entry.work.content.title;
        w.track = entry.track_name;
        w.unit = entry.unit_name;
        if (auto t = tallies.find(w.id); t != tallies.end()) {
            w.valid = t->second.valid;
            w.voided = t->second.voided;
        }
        if (auto n = restored.find(w.id); n != restored.end()) w.restored = n->second;
        out.push_back(std::move(w));
    }
    rank_vote_works(out);
    return out;
}

std::string vote_results_table_bytes(WebContext& web, const PublicVote& vote,
                                     const std::vector<NotaryVoteWork>& results,
                                     tables::TableFormat format, const std::string& date,
                                     std::optional<long long> created) {
    TempFiles temp;
    const auto path =
        temp.add("vote-results", format == tables::TableFormat::xlsx ? ".xlsx" : ".csv");
    tables::OfficialTableHeader header = results_header(vote, organiser_unit(web, vote), date);
    header.created = created;
    {
        auto writer = tables::OfficialTableWriter::open(path, format, header);
        for (const auto& w : results) {
            writer->add_row({static_cast<long long>(w.rank), w.title, w.track, w.unit, w.valid,
                             w.voided, w.restored});
        }
        writer->finish();
    }
    return read_file_bytes(path);
}

void register_vote_tables(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/public-votes/{id}/results.xlsx", [&web](http::Request& r) {
        return results_table(web, r, tables::TableFormat::xlsx);
    });
    router.add("GET", "/api/v1/public-votes/{id}/results.csv", [&web](http::Request& r) {
        return results_table(web, r, tables::TableFormat::csv);
    });
}

}  // namespace wangju::web::votes
