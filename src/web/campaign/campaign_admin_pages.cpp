// Pages that administer campaigns, without JavaScript: /campaigns/new (create a campaign) and
// /campaigns/{id}/settings (its phases and metrics). A refused form is drawn again with its
// errors beside the fields and what was typed.
#include <fmt/format.h>

#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_admin_actions.h"
#include "web/campaign/campaign_page_support.h"
#include "web/campaign/campaign_routes.h"

namespace wangju::web::campaign {

namespace {

const nlohmann::json& at_path(const nlohmann::json& j, std::initializer_list<const char*> keys) {
    static const nlohmann::json none;
    const nlohmann::json* at = &j;
    for (const char* k : keys) {
        if (!at->is_object() || !at->contains(k)) return none;
        at = &(*at)[k];
    }
    return *at;
}

std::string text_at(const nlohmann::json& j, std::initializer_list<const char*> keys,
                    const std::string& fallback) {
    const auto& v = at_path(j, keys);
    return v.is_string() ? v.get<std::string>() : fallback;
}

http::Response new_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                        nlohmann::json extra = nlohmann::json::object(), int status = 200) {
    require_create_campaign(user.actor, user.unit);
    nlohmann::json data = {
        {"csrf", user.session.csrf_token},
        {"year", text_at(extra, {"values", "campaign", "year"},
                         std::to_string(static_cast<int>(shanghai_date(now_utc()).year())))}};
    data.update(extra);
    return show_page(r, web, &user, "创建主题活动", "campaign_new", data, status);
}

http::Response get_new(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return new_page(web, r, user);
}

http::Response post_new(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return run_form(
        r, user, "campaign", r.form(),
        [&](const FormFields& f) {
            NewCampaign c{year_from(form_value(f, "year")), form_value(f, "name"),
                          form_value(f, "theme")};
            auto created = create_campaign(web, user, c, audit_context(r, user));
            return campaign_path(created, "/settings?done=campaign_created");
        },
        [&](nlohmann::json extra, int status) { return new_page(web, r, user, extra, status); });
}

// The three phase rows: stored dates, or what was typed on a refused form, with their errors.
nlohmann::json phase_rows(WebContext& web, const Campaign& c, const nlohmann::json& extra) {
    const auto stored = web.campaign_plans.phases(c.id);
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < phase_names().size(); ++i) {
        const auto n = std::to_string(i + 1);
        const std::string from_key = "starts_on_" + n, to_key = "ends_on_" + n;
        const bool have = i < stored.size();
        rows.push_back(
            {{"n", n},
             {"name", phase_names()[i]},
             {"starts_on", text_at(extra, {"values", "phases", from_key.c_str()},
                                   have ? format_date(stored[i].starts_on) : "")},
             {"ends_on", text_at(extra, {"values", "phases", to_key.c_str()},
                                 have ? format_date(stored[i].ends_on) : "")},
             {"starts_error", at_path(extra, {"form_error", "phases", "fields", from_key.c_str()})},
             {"ends_error", at_path(extra, {"form_error", "phases", "fields", to_key.c_str()})}});
    }
    return rows;
}

http::Response settings_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                             const Campaign& c, nlohmann::json extra = nlohmann::json::object(),
                             int status = 200) {
    if (!may_edit(web, user, c)) require_edit_campaign(user.actor, user.unit, std::nullopt);
    auto data = page_base(user, c, user.unit);
    data["phase_rows"] = phase_rows(web, c, extra);
    data["metrics"] = nlohmann::json::array();
    for (const auto& m : web.campaign_plans.metrics(c.id)) {
        auto j = to_json(m);
        j["entered"] = m.source == MetricSource::entered;
        j["aliases_text"] = fmt::format("{}", fmt::join(m.aliases, "、"));
        data["metrics"].push_back(j);
    }
    data["done"] = campaign_done_notice(r);
    data["values"] = nlohmann::json::object();
    data.update(extra);
    return show_page(r, web, &user, "活动设置 - " + c.name, "campaign_settings", data, status);
}

http::Response get_settings(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return settings_page(web, r, user, campaign_or_404(web, r.params.at("id")));
}

// Runs a form of the settings page; on an error the page is drawn again with it under `form`.
template <typename Action>
http::Response settings_form(WebContext& web, http::Request& r, const char* form, Action action) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return run_form(
        r, user, form, r.form(),
        [&](const FormFields& f) {
            return campaign_path(c, "/settings?done=" + action(user, c, f));
        },
        [&](nlohmann::json extra, int status) {
            return settings_page(web, r, user, c, extra, status);
        });
}

http::Response post_phases(WebContext& web, http::Request& r) {
    return settings_form(
        web, r, "phases", [&](const CurrentUser& u, const Campaign& c, const FormFields& f) {
            std::vector<PhaseInput> inputs;
            for (std::size_t i = 1; i <= phase_names().size(); ++i) {
                const auto n = std::to_string(i);
                inputs.push_back({phase_names()[i - 1], form_value(f, "starts_on_" + n),
                                  form_value(f, "ends_on_" + n)});
            }
            set_phases(web, u, c, inputs, audit_context(r, u));
            return std::string("phases_saved");
        });
}

MetricNames names_from_form(const FormFields& f) {
    return {form_value(f, "name"), form_value(f, "measure"),
            parse_metric_aliases(form_value(f, "aliases"))};
}

http::Response post_metric(WebContext& web, http::Request& r) {
    return settings_form(web, r, "metric_add",
                         [&](const CurrentUser& u, const Campaign& c, const FormFields& f) {
                             add_metric(web, u, c, form_value(f, "code"), names_from_form(f),
                                        audit_context(r, u));
                             return std::string("metric_added");
                         });
}

http::Response post_rename(WebContext& web, http::Request& r) {
    return settings_form(web, r, "metrics",
                         [&](const CurrentUser& u, const Campaign& c, const FormFields& f) {
                             rename_metric(web, u, c, r.params.at("metric"), names_from_form(f),
                                           audit_context(r, u));
                             return std::string("metric_renamed");
                         });
}

http::Response post_retire(WebContext& web, http::Request& r) {
    return settings_form(web, r, "metrics",
                         [&](const CurrentUser& u, const Campaign& c, const FormFields&) {
                             retire_metric(web, u, c, r.params.at("metric"), audit_context(r, u));
                             return std::string("metric_retired");
                         });
}

}  // namespace

void register_campaign_admin_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/new", page_handler(web, get_new));
    router.add("POST", "/campaigns", page_handler(web, post_new));
    router.add("GET", "/campaigns/{id}/settings", page_handler(web, get_settings));
    router.add("POST", "/campaigns/{id}/settings/phases", page_handler(web, post_phases));
    router.add("POST", "/campaigns/{id}/settings/metrics", page_handler(web, post_metric));
    router.add("POST", "/campaigns/{id}/settings/metrics/{metric}", page_handler(web, post_rename));
    router.add("POST", "/campaigns/{id}/settings/metrics/{metric}/retire",
               page_handler(web, post_retire));
}

}  // namespace wangju::web::campaign
