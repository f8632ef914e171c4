// GET /api/v1/campaigns/{id}/tables/tracks.xlsx|csv?unit={code}: the track summary table (附件4)
// of a subtree, one row per child unit (the unit itself when it has none), in the shape of the
// other official tables.
#include "domain/error.h"
#include "domain/track_summary.h"
#include "export/official_tables.h"
#include "http/message.h"
#include "web/table_download.h"
#include "web/temp_files.h"
#include "web/works/works_routes.h"
#include "web/works/works_service.h"

namespace wangju::web::works {
namespace {

std::vector<SummaryWork> summary_works(WebContext& web, const Campaign& campaign, const Unit& unit) {
    std::vector<SummaryWork> out;
    for (auto& b : web.works.works_in_subtree(campaign.id, unit.path)) {
        SummaryWork w{b.track, b.unit_path, b.state, b.decided_at};
        if (b.position) w.reached.push_back(*b.position);
        out.push_back(std::move(w));
    }
    return out;
}

http::Response track_table(WebContext& web, http::Request& r, tables::TableFormat format) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    const Unit unit = counted_unit(web, user, r.query("unit").value_or(""));
    auto rows_for = web.store.children(unit.id);
    if (rows_for.empty()) rows_for.push_back(unit);
    const auto tracks = web.works.tracks(campaign.id);
    std::vector<std::string> names;
    for (const auto& t : tracks) names.push_back(t.name);
    auto header = tables::track_summary_table({campaign.year, unit.name, campaign.name}, names);
    header.unit_name = unit.name;
    header.date = format_date(shanghai_date(now_utc()));
    TempFiles temp;
    const auto path = temp.add("tracks", format == tables::TableFormat::xlsx ? ".xlsx" : ".csv");
    {
        auto writer = tables::OfficialTableWriter::open(path, format, header);
        long long number = 0;
        for (const auto& row : track_summary(rows_for, tracks, summary_works(web, campaign, unit))) {
            std::vector<tables::TrackCounts> counts;
            for (const auto& c : row.per_track) counts.push_back({c.submitted, c.recommended});
            writer->add_row(tables::track_summary_row(++number, row.unit_name, counts));
        }
        writer->finish();
    }
    return table_download(read_file_bytes(path), format, "tracks",
                          "附件4-各子项目活动情况汇总表-" + unit.name);
}

http::Response get_xlsx(WebContext& web, http::Request& r) {
    return track_table(web, r, tables::TableFormat::xlsx);
}

http::Response get_csv(WebContext& web, http::Request& r) {
    return track_table(web, r, tables::TableFormat::csv);
}

}  // namespace

void register_works_tables(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/campaigns/{id}/tables/tracks.xlsx",
               [&web](http::Request& r) { return get_xlsx(web, r); });
    router.add("GET", "/api/v1/campaigns/{id}/tables/tracks.csv",
               [&web](http::Request& r) { return get_csv(web, r); });
}

}  // namespace wangju::web::works
