// Campaign administration over the API: POST /api/v1/campaigns, PUT .../{id}/phases,
// POST .../{id}/metrics, PATCH .../{id}/metrics/{metric}.
#include <fmt/format.h>

#include "domain/error.h"
#include "web/api_body.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_admin_actions.h"
#include "web/campaign/campaign_routes.h"
#include "web/json_views.h"

namespace wangju::web::campaign {

namespace {

int year_of(const nlohmann::json& body) {
    auto it = body.find("year");
    if (it != body.end() && it->is_number_integer()) {
        const auto y = it->get<long long>();
        if (y >= 0 && y <= 9999) return static_cast<int>(y);
    }
    if (it != body.end() && it->is_string()) return year_from(it->get<std::string>());
    throw_invalid("请填写年度,例如 2023", {{"year", "年度应为整数,例如 2023"}});
}

// "aliases": an array of names, or one text with the names separated by 、 or commas.
std::optional<std::vector<std::string>> aliases_of(const nlohmann::json& body) {
    const auto it = body.find("aliases");
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return parse_metric_aliases(it->get<std::string>());
    const char* wrong = "别名应为字符串的数组";
    if (!it->is_array()) throw_invalid(wrong, {{"aliases", wrong}});
    std::vector<std::string> aliases;
    for (const auto& alias : *it) {
        if (!alias.is_string()) throw_invalid(wrong, {{"aliases", wrong}});
        aliases.push_back(alias.get<std::string>());
    }
    return aliases;
}

http::Response post_campaign(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_create_campaign(user.actor, user.unit);
    auto body = checked_body(r, user);
    NewCampaign c{year_of(body), optional_string(body, "name"), optional_string(body, "theme")};
    auto created = create_campaign(web, user, c, audit_context(r, user));
    return http::Response::json(to_json(created), 201)
        .set_header("location", fmt::format("/api/v1/campaigns/{}", created.id.value));
}

http::Response put_phases(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    require_edit(web, user, c);
    auto body = checked_body(r, user);
    auto list = body.find("phases");
    if (list == body.end() || !list->is_array())
        throw_invalid("请给出活动阶段",
                      {{"phases", "应为阶段的数组:[{name, starts_on, ends_on}]"}});
    std::vector<PhaseInput> inputs;
    for (const auto& p : *list) {
        if (!p.is_object()) throw_invalid("阶段格式不正确", {{"phases", "每个阶段应为对象"}});
        inputs.push_back({optional_string(p, "name"), optional_string(p, "starts_on"),
                          optional_string(p, "ends_on")});
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : set_phases(web, user, c, inputs, audit_context(r, user)))
        out.push_back(to_json(p));
    return http::Response::json({{"phases", out}});
}

http::Response post_metric(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    const MetricNames names{optional_string(body, "name"), optional_string(body, "measure"),
                            aliases_of(body)};
    auto m = add_metric(web, user, c, optional_string(body, "code"), names, audit_context(r, user));
    return http::Response::json(to_json(m), 201);
}

// {"name", "measure", "aliases"} renames (what is left out stays); {"retired": true} retires (nothing else may come with it).
http::Response patch_metric(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto& id = r.params.at("metric");
    if (auto it = body.find("retired"); it != body.end()) {
        if (!it->is_boolean() || !it->get<bool>())
            throw_invalid("停用指标请传 retired: true", {{"retired", "只能为 true"}});
        retire_metric(web, user, c, id, audit_context(r, user));
        return http::Response::json({{"id", std::stoll(id)}, {"retired", true}});
    }
    const auto current = metric_of(web, c, id);
    const auto name = body.contains("name") ? optional_string(body, "name") : current.name;
    const auto measure =
        body.contains("measure") ? optional_string(body, "measure") : current.measure;
    return http::Response::json(to_json(
        rename_metric(web, user, c, id, {name, measure, aliases_of(body)}, audit_context(r, user))));
}

}  // namespace

void register_campaign_admin_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("POST", "/api/v1/campaigns", bind(post_campaign));
    router.add("PUT", "/api/v1/campaigns/{id}/phases", bind(put_phases));
    router.add("POST", "/api/v1/campaigns/{id}/metrics", bind(post_metric));
    router.add("PATCH", "/api/v1/campaigns/{id}/metrics/{metric}", bind(patch_metric));
}

}  // namespace wangju::web::campaign
