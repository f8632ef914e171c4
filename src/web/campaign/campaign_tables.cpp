// GET /api/v1/campaigns/{id}/tables/{quotas|activities}.{xlsx|csv}?unit=CODE: the official
// tables of a subtree (附件2 quotas of the unit's children, 附件3 its approved activities), as
// export/official_table.h writes them. The file is written to a temporary path (the XLSX writer
// streams rows to disk), read back as the body and removed.
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "domain/error.h"
#include "export/official_table.h"
#include "export/official_tables.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_routes.h"

namespace wangju::web::campaign {

namespace {

using tables::OfficialRow;

struct TempFile {
    std::filesystem::path path;
    TempFile() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               fmt::format("wangju-table-{:x}{:x}", rd(), rd());
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    std::string read() const {
        std::ifstream in(path, std::ios::binary);
        std::string bytes(std::filesystem::file_size(path), '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return bytes;
    }
};

std::string today_text() { return format_date(shanghai_date(now_utc())); }

tables::CampaignNames names_of(const Campaign& c, const Unit& unit) {
    return {c.year, unit.name, c.name};
}

tables::OfficialTableHeader quota_header(const Campaign& c, const Unit& unit,
                                         const std::vector<Metric>& metrics) {
    std::vector<std::string> names;
    for (const auto& m : metrics) names.push_back(fmt::format("{}({})", m.name, m.measure));
    auto h = tables::quota_table(names_of(c, unit), names);
    h.unit_name = unit.name;
    h.date = today_text();
    return h;
}

tables::OfficialTableHeader activity_header(const Campaign& c, const Unit& unit) {
    auto h = tables::activity_table(names_of(c, unit));
    h.unit_name = unit.name;
    h.date = today_text();
    return h;
}

void write_quotas(WebContext& web, const Campaign& c, const Unit& unit,
                  tables::OfficialTableWriter& out, const std::vector<Metric>& metrics) {
    const auto f = web.campaign_plans.figures(c.id, unit);
    long long n = 0;
    for (const auto& child : web.store.children(unit.id)) {
        OfficialRow row{++n, child.name};
        row.reserve(row.size() + metrics.size());
        for (const auto& m : metrics) {
            auto q = f.quotas.find({child.id, m.id});
            if (q == f.quotas.end()) {
                row.emplace_back();
            } else {
                row.emplace_back(q->second);
            }
        }
        out.add_row(row);
    }
}

void write_activities(WebContext& web, const Campaign& c, const Unit& unit,
                      tables::OfficialTableWriter& out) {
    long long n = 0;
    web.activity_reports.for_each_report(
        c.id, unit.path, ReportState::approved, [&](const store::ReportListing& l) {
            const auto& d = l.report.draft;
            std::string links;
            long long views = 0;
            for (const auto& o : d.online) {
                links += (links.empty() ? "" : "\n") + o.url;
                views += o.views;
            }
            tables::ActivityLine line{l.unit_name,
                                      d.activity_name,
                                      d.held_on ? format_date(*d.held_on) : "",
                                      d.place,
                                      d.form == "其他" ? d.form_other : d.form,
                                      fmt::format("{}", fmt::join(d.themes, "、")),
                                      d.participants,
                                      d.promoters,
                                      links,
                                      views,
                                      d.summary};
            out.add_row(tables::activity_row(++n, line));
        });
}

http::Response get_table(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    const auto& file = r.params.at("file");
    const auto dot = file.rfind('.');
    const std::string name = file.substr(0, dot), ext = dot == std::string::npos ? "" : file.substr(dot + 1);
    if ((name != "quotas" && name != "activities") || (ext != "xlsx" && ext != "csv"))
        throw_not_found("没有这张表:可导出 quotas.xlsx、activities.xlsx 及其 .csv");
    const auto format = ext == "xlsx" ? tables::TableFormat::xlsx : tables::TableFormat::csv;
    const auto metrics = web.campaign_plans.metrics(c.id);
    TempFile tmp;
    auto header = name == "quotas" ? quota_header(c, unit, metrics) : activity_header(c, unit);
    auto writer = tables::OfficialTableWriter::open(tmp.path, format, header);
    if (name == "quotas") write_quotas(web, c, unit, *writer, metrics);
    else write_activities(web, c, unit, *writer);
    writer->finish();
    const std::string title = name == "quotas" ? "附件2任务分配表" : "附件3线下活动统计表";
    const std::string download = fmt::format("{}-{}.{}", title, unit.name, ext);
    auto response = http::Response::text(
        tmp.read(), ext == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                  : "text/csv; charset=utf-8");
    response.set_header("content-disposition",
                        fmt::format("attachment; filename=\"{}-{}.{}\"; filename*=UTF-8''{}", name,
                                    unit.code, ext, http::percent_encode(download)));
    return response;
}

}  // namespace

void register_campaign_tables(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/campaigns/{id}/tables/{file}",
               [&web](http::Request& r) { return get_table(web, r); });
}

}  // namespace wangju::web::campaign
