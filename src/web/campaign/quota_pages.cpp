// The quota page of a unit: the quota each child has per metric (typed by hand or imported from
// a table laid out like 附件2), their sum against the unit's own quota, and the import form.
#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_dashboard.h"
#include "web/campaign/campaign_page_support.h"
#include "web/campaign/campaign_routes.h"
#include "web/multipart_form.h"
#include "domain/text.h"

namespace wangju::web::campaign {

namespace {

http::Response quota_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                          const Campaign& c, const Unit& unit, nlohmann::json extra, int status) {
    auto data = page_base(user, c, unit);
    auto dash = dashboard_json(web, user, c, unit, now_utc());
    const auto metrics = web.campaign_plans.metrics(c.id);
    // Inputs named q_<child code>_<metric id>; a re-rendered form keeps what was typed.
    nlohmann::json rows = nlohmann::json::array();
    const nlohmann::json typed = extra.contains("values") ? extra["values"]["quotas"] : nlohmann::json::object();
    for (const auto& child : dash["children"]) {
        nlohmann::json cells = nlohmann::json::array();
        for (std::size_t i = 0; i < metrics.size(); ++i) {
            const auto name = fmt::format("q_{}_{}", child["code"].get<std::string>(), metrics[i].id.value);
            const auto& cell = child["cells"][i];
            std::string value = cell["has_quota"].get<bool>() ? std::to_string(cell["quota"].get<long long>()) : "";
            if (typed.contains(name)) value = typed[name].get<std::string>();
            cells.push_back({{"name", name}, {"value", value}, {"label", child["name"].get<std::string>() + " " + metrics[i].name}});
        }
        rows.push_back({{"code", child["code"]}, {"name", child["name"]}, {"cells", cells}});
    }
    data["rows"] = rows;
    data["has_rows"] = !rows.empty();
    data["metrics"] = dash["metrics"];
    data["split"] = dash["split"];
    data["ancestors"] = dash["ancestors"];
    data["may_set"] = may_set_deadlines_below(user.actor, unit) && !rows.empty();
    data["done"] = campaign_done_notice(r);
    data.update(extra);
    return show_page(r, web, &user, "任务分配 - " + unit.name, "campaign_quotas", data, status);
}

http::Response get_quotas(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return quota_page(web, r, user, c, viewed_unit(web, r, user), nlohmann::json::object(), 200);
}

std::string quotas_path(const Campaign& c, const Unit& unit, const char* done) {
    return campaign_path(c, "/quotas?unit=" + http::percent_encode(unit.code) + "&done=" + done);
}

http::Response post_quotas(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto form = r.form();
    Unit unit = unit_or_404(web, form_value(form, "unit"));
    require_view_campaign_unit(user.actor, unit);
    return run_form(
        r, user, "quotas", form,
        [&](const FormFields& f) {
            std::map<std::string, std::string> cells;
            for (const auto& [k, v] : f) cells[k] = std::string(trim(v));
            set_quotas_by_hand(web, user, c, cells, audit_context(r, user));
            return quotas_path(c, unit, "quotas_saved");
        },
        [&](nlohmann::json extra, int status) { return quota_page(web, r, user, c, unit, extra, status); });
}

http::Response post_import(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    try {
        auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
        require_csrf_token(user, form_value(form.fields, "csrf"));
        std::string bytes;
        for (const auto& f : form.files)
            if (f.field == "file") bytes = f.bytes;
        const auto plan = import_quotas(web, user, c, bytes, audit_context(r, user));
        // Drawn at once rather than redirected, to say which column went to which metric.
        nlohmann::json extra;
        extra["done"] = fmt::format("任务分配表已导入,共 {} 项任务。", plan.entries.size());
        extra["has_imported_columns"] = !plan.columns.empty();
        for (const auto& column : plan.columns) {
            extra["imported_columns"].push_back(
                {{"column", column.header}, {"metric", column.metric.name}});
        }
        return quota_page(web, r, user, c, unit, extra, 200);
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        nlohmann::json extra;
        extra["form_error"]["import"] = error_json(e);
        return quota_page(web, r, user, c, unit, extra, http_status(e.kind()));
    }
}

}  // namespace

void register_quota_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/quotas", page_handler(web, get_quotas));
    router.add("POST", "/campaigns/{id}/quotas", page_handler(web, post_quotas));
    router.add("POST", "/campaigns/{id}/quotas/import", page_handler(web, post_import),
               {.max_body = 10 * 1024 * 1024, .too_large = "导入的表格不能超过 10 MB"});
}

}  // namespace wangju::web::campaign
