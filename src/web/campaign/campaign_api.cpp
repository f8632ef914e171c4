// The campaign API under /api/v1/campaigns: campaigns, their plan, dashboards, activity reports
// and their decisions, quotas, deadlines and extensions, activity news, reminders; /api/v1/inbox.
#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "web/api_body.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_dashboard.h"
#include "web/campaign/campaign_routes.h"
#include "web/campaign/inbox.h"
#include "web/json_views.h"
#include "web/unit_admin.h"

namespace wangju::web::campaign {

namespace {

nlohmann::json listing_json(const store::ReportListing& l) {
    auto j = to_json(l.report);
    j["unit_code"] = l.unit_code;
    j["unit_name"] = l.unit_name;
    return j;
}

nlohmann::json plan_json(WebContext& web, const Campaign& c) {
    auto j = to_json(c);
    const auto now = now_utc();
    j["phases"] = nlohmann::json::array();
    for (const auto& p : web.campaign_plans.phases(c.id)) j["phases"].push_back(to_json(p));
    j["deadlines"] = nlohmann::json::array();
    for (const auto& d : web.campaign_plans.deadlines(c.id)) {
        auto dj = to_json(d, now);
        if (auto u = web.store.find_unit(d.set_by)) dj["set_by_code"] = u->code;
        j["deadlines"].push_back(dj);
    }
    j["metrics"] = nlohmann::json::array();
    for (const auto& m : web.campaign_plans.metrics(c.id)) j["metrics"].push_back(to_json(m));
    return j;
}

http::Response list_campaigns(WebContext& web, http::Request& r) {
    require_user(web, r);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : web.campaigns.campaigns()) list.push_back(to_json(c));
    return http::Response::json({{"campaigns", list}});
}

http::Response get_campaign(WebContext& web, http::Request& r) {
    require_user(web, r);
    return http::Response::json(plan_json(web, campaign_or_404(web, r.params.at("id"))));
}

http::Response get_dashboard(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    return http::Response::json(dashboard_json(web, user, c, unit, now_utc()));
}

std::optional<ReportState> state_filter(const http::Request& r) {
    auto text = r.query("state").value_or("");
    if (text.empty()) return std::nullopt;
    auto s = parse_report_state(text);
    if (!s) throw_invalid("未知的报告状态", {{"state", "应为 draft、submitted、approved 或 returned"}});
    return s;
}

http::Response list_reports(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    store::ReportQuery q{c.id, unit.path, state_filter(r), 100, 0};
    nlohmann::json list = nlohmann::json::array();
    for (const auto& l : web.activity_reports.reports(q)) list.push_back(listing_json(l));
    return http::Response::json({{"total", web.activity_reports.count_reports(q)}, {"reports", list}});
}

http::Response post_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto report = file_report(web, user, c, optional_string(body, "unit"), draft_from_json(body),
                              audit_context(r, user));
    return http::Response::json(to_json(report), 201)
        .set_header("location", fmt::format("/api/v1/campaigns/{}/reports/{}", c.id.value, report.id.value));
}

http::Response get_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return http::Response::json(listing_json(report_or_404(web, user, c, r.params.at("report"))));
}

http::Response put_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    return http::Response::json(to_json(edit_report(web, user, c, r.params.at("report"),
                                                    draft_from_json(body), audit_context(r, user))));
}

http::Response post_submit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    return http::Response::json(
        to_json(submit_report(web, user, c, r.params.at("report"), audit_context(r, user))));
}

http::Response post_decision(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    return http::Response::json(
        to_json(decide_report(web, user, c, r.params.at("report"), r.params.at("decision"),
                              optional_string(body, "reason"), audit_context(r, user))));
}

http::Response post_quotas(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_any_admin(user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto body = checked_body(r, user);
    const auto unit = optional_string(body, "unit");
    // The unit the body names is asked about before the rest of the body is checked.
    if (auto named = web.store.find_unit_by_code(unit)) require_decide_for(user.actor, *named);
    auto quotas = body.find("quotas");
    if (unit.empty() || quotas == body.end() || !quotas->is_object())
        throw_invalid("请给出单位(unit)和各项任务数(quotas)", {{"quotas", "应为 {指标编码: 任务数}"}});
    std::map<std::string, std::string> cells;
    for (const auto& m : web.campaign_plans.metrics(c.id)) {
        auto v = quotas->find(m.code);
        if (v == quotas->end()) continue;
        cells[fmt::format("q_{}_{}", unit, m.id.value)] = v->is_number_integer()
                                                              ? std::to_string(v->get<long long>())
                                                              : v->dump();
    }
    for (const auto& [code, v] : quotas->items()) {
        bool known = false;
        for (const auto& m : web.campaign_plans.metrics(c.id)) known = known || m.code == code;
        if (!known) throw_invalid("未知的指标“" + code + "”", {{"quotas", "未知的指标“" + code + "”"}});
    }
    set_quotas_by_hand(web, user, c, cells, audit_context(r, user));
    return http::Response::json(dashboard_json(web, user, c, unit_or_404(web, unit), now_utc()));
}

http::Response post_quota_import(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_any_admin(user);
    require_csrf(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto plan = import_quotas(web, user, c, r.body, audit_context(r, user));
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : plan.columns) {
        columns.push_back({{"column", column.header},
                           {"metric", column.metric.code},
                           {"metric_name", column.metric.name}});
    }
    return http::Response::json({{"imported", plan.entries.size()}, {"columns", columns}}, 201);
}

http::Response post_deadline(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto d =
        set_deadline(web, user, c, optional_string(body, "duty"), optional_string(body, "unit"),
                     optional_string(body, "due_on"), audit_context(r, user));
    return http::Response::json(to_json(d, now_utc()), 201);
}

http::Response post_extension(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto e = grant_extension(web, user, c, optional_string(body, "duty"),
                             optional_string(body, "unit"), optional_string(body, "until"),
                             optional_string(body, "reason"), audit_context(r, user));
    return http::Response::json({{"id", e.id}, {"duty", e.duty}, {"until", format_date(e.until)},
                                 {"reason", e.reason}}, 201);
}

http::Response list_news(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& n : web.activity_reports.news(c.id, unit.path)) list.push_back(to_json(n));
    return http::Response::json({{"news", list}});
}

http::Response post_news(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto report = body.contains("report_id") && body["report_id"].is_number_integer()
                      ? std::to_string(body["report_id"].get<long long>())
                      : optional_string(body, "report_id");
    auto n = send_news(web, user, c, optional_string(body, "unit"), optional_string(body, "title"),
                       optional_string(body, "body"), report, audit_context(r, user));
    return http::Response::json(to_json(n), 201);
}

http::Response post_accept_news(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    return http::Response::json(
        to_json(accept_news(web, user, c, r.params.at("news"), audit_context(r, user))));
}

http::Response post_publish_news(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto article = publish_news_on_portal(web, user, c, r.params.at("news"), audit_context(r, user));
    return http::Response::json({{"article_id", article.id.value},
                                 {"url", "/articles/" + std::to_string(article.id.value)}},
                                201);
}

http::Response post_reminders(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto code = optional_string(body, "unit");
    Unit root = code.empty() ? user.unit : unit_or_404(web, code);
    const int days = body.value("days", 7);
    auto n = send_reminders(web, user, c, root, days, audit_context(r, user));
    return http::Response::json({{"sent", n}});
}

http::Response get_inbox(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto inbox = inbox_of(web, user);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& n : inbox.notices) list.push_back(to_json(n));
    return http::Response::json({{"unread", inbox.unread}, {"notices", list}});
}

}  // namespace

void register_campaign_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    const std::string base = "/api/v1/campaigns/{id}";
    router.add("GET", "/api/v1/campaigns", bind(list_campaigns));
    router.add("GET", base, bind(get_campaign));
    router.add("GET", base + "/dashboard", bind(get_dashboard));
    router.add("GET", base + "/reports", bind(list_reports));
    router.add("POST", base + "/reports", bind(post_report));
    router.add("GET", base + "/reports/{report}", bind(get_report));
    router.add("PUT", base + "/reports/{report}", bind(put_report));
    router.add("POST", base + "/reports/{report}/submit", bind(post_submit));
    router.add("POST", base + "/reports/{report}/{decision}", bind(post_decision));
    router.add("POST", base + "/quotas", bind(post_quotas));
    router.add("POST", base + "/quotas/import", bind(post_quota_import),
               {.max_body = 10 * 1024 * 1024, .too_large = "导入的表格不能超过 10 MB"});
    router.add("POST", base + "/deadlines", bind(post_deadline));
    router.add("POST", base + "/extensions", bind(post_extension));
    router.add("GET", base + "/news", bind(list_news));
    router.add("POST", base + "/news", bind(post_news));
    router.add("POST", base + "/news/{news}/accept", bind(post_accept_news));
    router.add("POST", base + "/news/{news}/publish", bind(post_publish_news));
    router.add("POST", base + "/reminders", bind(post_reminders));
    router.add("GET", "/api/v1/inbox", bind(get_inbox));
}

}  // namespace wangju::web::campaign
