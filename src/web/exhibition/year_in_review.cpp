// GET /api/v1/campaigns/{id}/year-in-review?unit=, its .xlsx, and the page
// /campaigns/{id}/year-in-review?unit= (charts drawn by ECharts over tables that hold the same
// figures, for readers without JavaScript and for screen readers; an A4 print layout).
#include "web/exhibition/year_in_review.h"

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/judging.h"
#include "export/simple_workbook.h"
#include "store/year_in_review.h"
#include "web/exhibition/exhibition_service.h"
#include "web/pages.h"
#include "web/temp_files.h"
#include "web/view.h"
#include "web/works/works_service.h"

namespace wangju::web::exhibition {
namespace {

using Json = nlohmann::json;

Unit review_unit(WebContext& web, const std::string& code) {
    if (code.empty()) {
        auto roots = web.store.roots();
        if (roots.empty()) throw_not_found("尚无单位");
        return roots.front();
    }
    auto unit = web.store.find_unit_by_code(code);
    if (!unit) throw_invalid("单位不存在", {{"unit", "单位不存在"}});
    return *unit;
}

std::string percent_text(long long approved, const std::optional<long long>& quota) {
    if (!quota || *quota <= 0) return "—";
    return fmt::format("{:.1f}%",
                       100.0 * static_cast<double>(approved) / static_cast<double>(*quota));
}

}  // namespace

namespace {

// Valid votes per vote day of each public vote whose totals are public: a vote whose totals are
// hidden shows no figure here either.
Json votes_per_day(WebContext& web, const Campaign& campaign) {
    Json out = Json::array();
    const Timestamp now = now_utc();
    for (const auto& v : web.public_votes.of_campaign(campaign.id)) {
        if (!totals_public(v.rules, now)) continue;
        for (const auto& [day, counted, voided] : web.public_votes.per_day(v.id)) {
            const std::chrono::sys_days date{std::chrono::days{day}};
            out.push_back({{"vote", v.name}, {"date", format_date(Date{date})}, {"votes", counted}});
        }
    }
    return out;
}

}  // namespace

Json year_in_review_json(WebContext& web, const Campaign& campaign, const std::string& unit_code) {
    const Unit unit = review_unit(web, unit_code);
    const auto children = web.store.children(unit.id);
    const auto y = store::read_year_in_review(web.store.database(), campaign.id, unit, children);
    Json metrics = Json::array();
    for (const auto& m : y.metrics) {
        metrics.push_back({{"code", m.code},
                           {"name", m.name},
                           {"measure", m.measure},
                           {"approved", m.approved},
                           {"quota", m.quota ? Json(*m.quota) : Json(nullptr)},
                           {"percent_text", percent_text(m.approved, m.quota)}});
    }
    Json by_child = Json::array();
    for (const auto& c : y.children) {
        by_child.push_back({{"code", c.unit.code},
                            {"name", c.unit.name},
                            {"kind", std::string(label_zh(c.unit.kind))},
                            {"approved", c.approved}});
    }
    Json forms = Json::array();
    for (const auto& f : y.forms)
        forms.push_back(
            {{"form", f.form}, {"reports", f.reports}, {"participants", f.participants}});
    Json levels = Json::array();
    for (const auto& l : y.levels)
        levels.push_back({{"kind", std::string(to_string(l.kind))},
                          {"label", std::string(label_zh(l.kind))},
                          {"reports", l.reports},
                          {"participants", l.participants}});

    // Awards of the subtree, by track and by the child unit they came from.
    std::map<std::int64_t, long long> awards_by_track;
    std::map<std::string, long long> awards_by_unit;
    for (const auto& a : web.exhibition.public_awards(campaign.id, now_utc())) {
        if (!is_within(a.work_unit_path, unit.path)) continue;
        ++awards_by_track[a.track.value];
        std::string from = unit.name;
        for (const auto& c : children)
            if (is_within(a.work_unit_path, c.path)) from = c.name;
        ++awards_by_unit[from];
    }
    Json funnel = Json::array(), by_track = Json::array();
    for (const auto& t : y.tracks) {
        Json levels = Json::array();
        for (const auto& l : t.recommended)
            levels.push_back({{"kind", std::string(to_string(l.kind))},
                              {"label", std::string(label_zh(l.kind)) + "推荐"},
                              {"works", l.works}});
        const long long awarded =
            awards_by_track.count(t.track_id) ? awards_by_track[t.track_id] : 0;
        funnel.push_back({{"code", t.code},
                          {"name", t.name},
                          {"submitted", t.submitted},
                          {"recommended", levels},
                          {"awarded", awarded}});
        if (awarded > 0) by_track.push_back({{"name", t.name}, {"count", awarded}});
    }
    Json by_unit = Json::array();
    for (const auto& [name, count] : awards_by_unit)
        by_unit.push_back({{"name", name}, {"count", count}});
    Json rounds = Json::array();
    for (const auto& r : y.rounds) {
        const auto kind = parse_round_kind(r.kind);
        const auto state = parse_round_state(r.state);
        rounds.push_back({{"judging_unit", r.judging_unit},
                          {"track", r.track},
                          {"name", r.name},
                          {"kind", kind ? std::string(label_zh(*kind)) : r.kind},
                          {"state", state ? std::string(label_zh(*state)) : r.state},
                          {"works", r.works},
                          {"judges", r.judges}});
    }
    return {
        {"campaign", {{"id", campaign.id.value}, {"year", campaign.year}, {"name", campaign.name}}},
        {"unit", {{"code", unit.code}, {"name", unit.name}}},
        {"generated_at", format_utc(now_utc())},
        {"units_taking_part", y.units_taking_part},
        {"approved_reports", y.approved_reports},
        {"metrics", metrics},
        {"children", by_child},
        {"activity_forms", forms},
        {"activity_levels", levels},
        {"funnel", funnel},
        {"rounds", rounds},
        {"votes_per_day", votes_per_day(web, campaign)},
        {"awards_by_track", by_track},
        {"awards_by_unit", by_unit}};
}

void write_year_in_review_xlsx(const Json& review, const std::filesystem::path& path) {
    const std::string heading = review["campaign"]["name"].get<std::string>() + " 年度回顾 · " +
                                review["unit"]["name"].get<std::string>();
    std::vector<tables::Sheet> sheets;
    tables::Sheet overview{"总体情况", heading, {"项目", "数值"}, {}};
    overview.rows.push_back({std::string("参与单位"), review["units_taking_part"].get<double>()});
    overview.rows.push_back(
        {std::string("审核通过的线下活动报告"), review["approved_reports"].get<double>()});
    sheets.push_back(overview);
    tables::Sheet metrics{"任务完成", heading, {"指标", "计量", "已完成", "任务数", "完成率"}, {}};
    for (const auto& m : review["metrics"]) {
        metrics.rows.push_back({m["name"].get<std::string>(), m["measure"].get<std::string>(),
                                m["approved"].get<double>(),
                                m["quota"].is_null() ? tables::SheetCell(std::string("—"))
                                                     : tables::SheetCell(m["quota"].get<double>()),
                                m["percent_text"].get<std::string>()});
    }
    sheets.push_back(metrics);
    tables::Sheet children{"下级单位", heading, {"单位", "类别"}, {}};
    for (const auto& m : review["metrics"]) children.header.push_back(m["name"].get<std::string>());
    for (const auto& c : review["children"]) {
        std::vector<tables::SheetCell> row{c["name"].get<std::string>(),
                                           c["kind"].get<std::string>()};
        row.reserve(row.size() + c["approved"].size());
        for (const auto& v : c["approved"]) row.emplace_back(v.get<double>());
        children.rows.push_back(std::move(row));
    }
    sheets.push_back(children);
    tables::Sheet forms{"活动形式", heading, {"活动形式", "活动场次", "参与人数"}, {}};
    for (const auto& f : review["activity_forms"])
        forms.rows.push_back({f["form"].get<std::string>(), f["reports"].get<double>(),
                              f["participants"].get<double>()});
    sheets.push_back(forms);
    tables::Sheet by_level{"活动层级", heading, {"举办单位层级", "活动场次", "参与人数"}, {}};
    for (const auto& l : review["activity_levels"])
        by_level.rows.push_back({l["label"].get<std::string>(), l["reports"].get<double>(),
                                 l["participants"].get<double>()});
    sheets.push_back(by_level);
    tables::Sheet funnel{"作品征集与推荐", heading, {"子项目", "提交作品", "逐级推荐", "获奖"}, {}};
    for (const auto& t : review["funnel"]) {
        std::string levels;
        for (const auto& l : t["recommended"]) {
            // Appended piece by piece: GCC 12 warns falsely (stringop-overflow) on
            // `"literal" + std::string&&` in an optimised build.
            if (!levels.empty()) levels += ';';
            levels += l["label"].get<std::string>();
            levels += ' ';
            levels += std::to_string(l["works"].get<long long>());
        }
        funnel.rows.push_back({t["name"].get<std::string>(), t["submitted"].get<double>(), levels,
                               t["awarded"].get<double>()});
    }
    sheets.push_back(funnel);
    tables::Sheet rounds{
        "评审轮次", heading, {"评审单位", "子项目", "轮次", "状态", "作品数", "评委数"}, {}};
    for (const auto& r : review["rounds"])
        rounds.rows.push_back({r["judging_unit"].get<std::string>(), r["track"].get<std::string>(),
                               r["name"].get<std::string>(), r["state"].get<std::string>(),
                               r["works"].get<double>(), r["judges"].get<double>()});
    sheets.push_back(rounds);
    tables::Sheet awards{"获奖情况", heading, {"分类", "名称", "获奖作品"}, {}};
    for (const auto& a : review["awards_by_track"])
        awards.rows.push_back(
            {std::string("子项目"), a["name"].get<std::string>(), a["count"].get<double>()});
    for (const auto& a : review["awards_by_unit"])
        awards.rows.push_back(
            {std::string("单位"), a["name"].get<std::string>(), a["count"].get<double>()});
    sheets.push_back(awards);
    tables::write_workbook(path, sheets);
}

namespace {

std::string unit_query(const http::Request& r) {
    return r.query("unit").value_or("");
}

http::Response get_review(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return http::Response::json(year_in_review_json(web, campaign, unit_query(r)));
}

http::Response get_review_xlsx(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const Json review = year_in_review_json(web, campaign, unit_query(r));
    TempFiles temp;
    const auto path = temp.add("review", ".xlsx");
    write_year_in_review_xlsx(review, path);
    auto opened = std::make_shared<const http::OpenFile>(path);
    http::Response response;
    response.file = http::FileBody{path, 0, opened->size(), nullptr, opened};
    const std::string name = std::to_string(campaign.year) + "年度回顾-" +
                             review["unit"]["name"].get<std::string>() + ".xlsx";
    return response
        .set_header("content-type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .set_header("content-disposition",
                    "attachment; filename=\"year-in-review.xlsx\"; filename*=UTF-8''" +
                        http::percent_encode(name));
}

http::Response review_page(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    Json data;
    int status = 200;
    try {
        data = year_in_review_json(web, campaign, unit_query(r));
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input) throw;
        data = year_in_review_json(web, campaign, "");
        data["filter_error"] = e.message();
        status = 400;
    }
    data["data_json"] = data.dump();
    data["has_children"] = !data["children"].empty();
    data["has_forms"] = !data["activity_forms"].empty();
    data["has_rounds"] = !data["rounds"].empty();
    data["has_votes"] = !data["votes_per_day"].empty();
    data["has_awards"] = !data["awards_by_track"].empty();
    data["extra_css"] = "/static/css/exhibition.css";
    for (auto& t : data["funnel"]) t["has_recommended"] = !t["recommended"].empty();
    for (auto& c : data["children"]) {
        Json cells = Json::array();
        for (const auto& v : c["approved"]) cells.push_back(v);
        c["cells"] = cells;
    }
    auto user = current_user(web, r);
    const std::string title = std::to_string(campaign.year) + "年度活动回顾";
    return show_page(r, web, user ? &*user : nullptr, title, "exhibition_review", std::move(data),
                     status);
}

}  // namespace

void register_year_in_review(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/campaigns/{id}/year-in-review",
               [&web](http::Request& r) { return get_review(web, r); });
    router.add("GET", "/api/v1/campaigns/{id}/year-in-review.xlsx",
               [&web](http::Request& r) { return get_review_xlsx(web, r); });
    router.add("GET", "/campaigns/{id}/year-in-review",
               [&web](http::Request& r) { return review_page(web, r); });
}

}  // namespace wangju::web::exhibition
