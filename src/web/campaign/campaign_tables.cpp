// GET /api/v1/campaigns/{id}/tables/{quotas|activities}.{xlsx|csv}?unit=CODE: the official
// tables of a subtree (附件2 quotas of the unit's children, 附件3 its approved activities), as
// export/official_table.h writes them. The file is written to a temporary path (the XLSX writer
// streams rows to disk), read back as the body and removed.
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "domain/error.h"
#include "export/official_table.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_routes.h"

namespace wangju::web::campaign {

namespace {

using tables::ColumnKind;
using tables::OfficialColumn;
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
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
};

std::string today_text() { return format_date(shanghai_date(now_utc())); }

tables::OfficialTableHeader quota_header(const Campaign& c, const Unit& unit,
                                         const std::vector<Metric>& metrics) {
    tables::OfficialTableHeader h;
    h.title = fmt::format("附件2 {}年{}开展“{}”主题活动“12351+”计划任务分配表", c.year, unit.name, c.name);
    h.unit_name = "填报单位:" + unit.name;
    h.date = today_text();
    h.columns = {{"序号", ColumnKind::integer, 6, false}, {"单位名称", ColumnKind::text, 36, false}};
    for (const auto& m : metrics)
        h.columns.push_back({fmt::format("{}({})", m.name, m.measure), ColumnKind::integer, 16, true});
    return h;
}

tables::OfficialTableHeader activity_header(const Campaign& c, const Unit& unit) {
    tables::OfficialTableHeader h;
    h.title = fmt::format("附件3 {}年{}贯彻落实“12351+”计划目标任务开展线下活动统计表", c.year, unit.name);
    h.unit_name = "填报单位:" + unit.name;
    h.date = today_text();
    h.columns = {{"序号", ColumnKind::integer, 6, false},
                 {"单位名称", ColumnKind::text, 30, false},
                 {"活动名称", ColumnKind::text, 30, false},
                 {"活动时间", ColumnKind::date, 12, false},
                 {"活动地点", ColumnKind::text, 24, false},
                 {"活动形式", ColumnKind::text, 12, false},
                 {"活动主题", ColumnKind::text, 24, false},
                 {"参与人数", ColumnKind::integer, 10, true},
                 {"发展宣传员(人)", ColumnKind::integer, 12, true},
                 {"线上宣传链接", ColumnKind::text, 36, false},
                 {"线上浏览量", ColumnKind::integer, 12, true},
                 {"活动简介", ColumnKind::text, 40, false}};
    return h;
}

void write_quotas(WebContext& web, const Campaign& c, const Unit& unit,
                  tables::OfficialTableWriter& out, const std::vector<Metric>& metrics) {
    const auto f = web.campaign_plans.figures(c.id, unit);
    long long n = 0;
    for (const auto& child : web.store.children(unit.id)) {
        OfficialRow row{++n, child.name};
        for (const auto& m : metrics) {
            auto q = f.quotas.find({child.id, m.id});
            row.push_back(q == f.quotas.end() ? tables::OfficialCell{} : tables::OfficialCell{q->second});
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
            out.add_row({++n, l.unit_name, d.activity_name,
                         d.held_on ? tables::OfficialCell{format_date(*d.held_on)} : tables::OfficialCell{},
                         d.place, d.form == "其他" ? d.form_other : d.form,
                         fmt::format("{}", fmt::join(d.themes, "、")), d.participants, d.promoters,
                         links, views, d.summary});
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
