// GET /api/v1/judging/{id}/results.xlsx|csv: the results table (评审结果) of a judging, for its
// admins: track, rank, title, unit, raw and normalised expert scores, votes, final score and
// tier, in the shape of the official tables.
#include "domain/error.h"
#include "export/official_table.h"
#include "http/message.h"
#include "web/judging/judging_routes.h"
#include "web/judging/judging_service.h"
#include "web/judging/results_table.h"
#include "web/table_download.h"
#include "web/temp_files.h"

namespace wangju::web::judging {
namespace {

tables::OfficialTableHeader results_header(const std::string& unit_name, const Track& track,
                                           const std::string& date) {
    using tables::ColumnKind;
    tables::OfficialTableHeader h;
    h.title = "“" + track.name + "”评审结果";
    h.unit_name = unit_name;
    h.date = date;
    h.sheet_name = "评审结果";
    h.totals_row = false;
    h.columns = {{"子项目", ColumnKind::text, 24},
                 {"名次", ColumnKind::integer, 8},
                 {"作品名称", ColumnKind::text, 30},
                 {"报送单位", ColumnKind::text, 26},
                 {"专家原始分", ColumnKind::number, 12, false, "0.00"},
                 {"专家标准化得分", ColumnKind::number, 14, false, "0.00"},
                 {"网络投票", ColumnKind::integer, 10},
                 {"综合得分", ColumnKind::number, 12, false, "0.00"},
                 {"奖项", ColumnKind::text, 12}};
    h.note = "名次相同者为并列;综合得分 = 专家得分 × 专家权重 + 投票得分 × 投票权重。";
    return h;
}

http::Response results_table(WebContext& web, http::Request& r, tables::TableFormat format) {
    auto user = require_user(web, r);
    const Judging judging = load_judging(web, r.params.at("id"));
    std::string bytes =
        results_table_bytes(web, user, judging, format, format_date(shanghai_date(now_utc())));
    const Track track = judging_track(web, judging);
    return table_download(std::move(bytes), format, "results", "评审结果-" + track.name);
}

}  // namespace

std::string results_table_bytes(WebContext& web, const CurrentUser& user, const Judging& judging,
                                tables::TableFormat format, const std::string& date,
                                std::optional<long long> created) {
    const AwardsView awards = awards_view(web, user, judging.id);
    const Track track = judging_track(web, judging);
    const Unit unit = judging_unit(web, judging);
    // Raw and normalised means of the ranked round, per work.
    std::map<WorkId, std::pair<double, double>> expert;
    if (awards.ranked_round) {
        for (const auto& row : round_results_view(web, user, awards.ranked_round->id).rows) {
            expert[row.work.id] = {row.result.raw_mean, row.result.normalised_mean};
        }
    }
    TempFiles temp;
    const auto path =
        temp.add("results", format == tables::TableFormat::xlsx ? ".xlsx" : ".csv");
    tables::OfficialTableHeader header = results_header(unit.name, track, date);
    header.created = created;
    {
        auto writer = tables::OfficialTableWriter::open(path, format, header);
        for (const auto& row : awards.rows) {
            const auto [raw, normalised] = expert[row.work.id];
            writer->add_row({track.name, static_cast<long long>(row.rank), row.work.content.title,
                             row.unit.name, raw, normalised, row.votes, row.final_score,
                             row.tier ? *row.tier : std::string()});
        }
        writer->finish();
    }
    return read_file_bytes(path);
}

void register_judging_tables(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/judging/{id}/results.xlsx", [&web](http::Request& r) {
        return results_table(web, r, tables::TableFormat::xlsx);
    });
    router.add("GET", "/api/v1/judging/{id}/results.csv", [&web](http::Request& r) {
        return results_table(web, r, tables::TableFormat::csv);
    });
}

}  // namespace wangju::web::judging
