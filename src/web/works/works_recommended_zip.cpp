// GET /api/v1/campaigns/{id}/recommended.zip?unit={code}: the works a unit recommends (actively),
// for that unit's admin: each work's files under "<track>/<id> <title>/" and manifest.xlsx listing
// them. The archive is written to a temporary file by the works ZIP writer, opened, removed from
// its folder, and streamed from the open file: it may be many gigabytes of video, never held in
// memory, and gone from the disk once sent.
#include "domain/error.h"
#include "export/official_table.h"
#include "export/works_zip.h"
#include "http/message.h"
#include "web/temp_files.h"
#include "web/works/works_routes.h"
#include "web/works/works_service.h"

namespace wangju::web::works {
namespace {

bool recommended_by(WebContext& web, const Work& work, UnitId unit) {
    for (const auto& d : web.works.decisions(work.id))
        if (d.unit == unit && d.active && d.decision == Decision::recommend) return true;
    return false;
}

tables::OfficialTableHeader manifest_header(const Unit& unit) {
    tables::OfficialTableHeader h;
    h.title = "推荐作品清单";
    h.unit_name = unit.name;
    h.sheet_name = "推荐作品";
    h.totals_row = false;
    h.columns = {{"序号", tables::ColumnKind::integer, 6}, {"子项目", tables::ColumnKind::text, 20},
                 {"作品编号", tables::ColumnKind::integer, 10}, {"作品名称", tables::ColumnKind::text, 30},
                 {"作者", tables::ColumnKind::text, 20}, {"报送单位", tables::ColumnKind::text, 24},
                 {"文件", tables::ColumnKind::text, 50}};
    return h;
}

http::Response get_recommended_zip(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Unit unit = user.unit;
    if (auto code = r.query("unit"); code && !code->empty() && *code != unit.code) {
        auto other = web.store.find_unit_by_code(*code);
        if (!other) throw_not_found("单位“" + *code + "”不存在");
        unit = *other;
    }
    if (!may_decide_at(user.actor, unit)) throw_forbidden("只有本单位的管理员可以下载本单位推荐的作品");
    std::map<std::int64_t, std::string> track_names;
    for (const auto& t : web.works.tracks(campaign.id)) track_names[t.id.value] = t.name;

    TempFiles temp;
    const auto manifest = temp.add("recommended", ".xlsx");
    std::vector<tables::ZipEntry> entries;
    auto writer = tables::OfficialTableWriter::open(manifest, tables::TableFormat::xlsx,
                                                    manifest_header(unit));
    long long number = 0;
    for (const auto& work : web.works.works_at(unit.id, campaign.id)) {
        if (!recommended_by(web, work, unit.id)) continue;
        const std::string track = track_names[work.track.value];
        const std::string folder = tables::zip_segment(track) + "/" +
                                   tables::zip_segment(std::to_string(work.id.value) + " " +
                                                       work.content.title) + "/";
        std::string listed;
        for (const auto& f : work.content.files) {
            entries.push_back({folder + tables::zip_segment(f.filename, 120),
                               web.media.blobs.path_of(f.sha256), f.facts.kind == MediaKind::text});
            listed += (listed.empty() ? "" : "、") + f.filename;
        }
        auto owner_unit = web.store.find_unit(work.unit);
        writer->add_row({++number, track, static_cast<long long>(work.id.value), work.content.title,
                         work.content.authors, owner_unit ? owner_unit->name : "", listed});
    }
    writer->finish();
    entries.push_back({"manifest.xlsx", manifest, true});
    const auto zip = temp.add("recommended", ".zip");
    tables::write_zip(zip, entries);
    auto opened = std::make_shared<const http::OpenFile>(zip);
    const std::string filename = "推荐作品-" + unit.name + ".zip";
    http::Response response;
    response.file = http::FileBody{zip, 0, opened->size(), nullptr, opened};
    return response.set_header("content-type", "application/zip")
        .set_header("content-disposition",
                    "attachment; filename=\"recommended.zip\"; filename*=UTF-8''" +
                        http::percent_encode(filename));
}

}  // namespace

void register_recommended_zip(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/campaigns/{id}/recommended.zip",
               [&web](http::Request& r) { return get_recommended_zip(web, r); });
}

}  // namespace wangju::web::works
