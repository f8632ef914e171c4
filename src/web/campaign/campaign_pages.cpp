// Pages of a campaign: the list of campaigns, one campaign with its phases and deadlines (with
// countdowns, and the forms that set deadlines and grant extensions), the dashboard of a unit,
// and the on-site inbox.

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_admin_actions.h"
#include "web/campaign/campaign_dashboard.h"
#include "web/campaign/campaign_page_support.h"
#include "web/campaign/campaign_routes.h"
#include "web/campaign/inbox.h"

namespace wangju::web::campaign {

namespace {

http::Response list_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : web.campaigns.campaigns()) list.push_back(to_json(c));
    return show_page(r, web, &user, "主题活动", "campaign_list",
                     {{"campaigns", list},
                      {"has_campaigns", !list.empty()},
                      {"may_create", may_create_campaign(user.actor, user.unit)}});
}

nlohmann::json phases_json(WebContext& web, const Campaign& c, Date today) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : web.campaign_plans.phases(c.id)) {
        auto j = to_json(p);
        j["current"] = p.starts_on <= today && today <= p.ends_on;
        j["done"] = p.ends_on < today;
        list.push_back(j);
    }
    return list;
}

nlohmann::json deadlines_json(WebContext& web, const CurrentUser& user, const Campaign& c,
                              Timestamp now) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : web.campaign_plans.deadlines(c.id)) {
        auto setter = web.store.find_unit(d.set_by);
        if (!setter) continue;
        const bool above = is_within(user.unit.path, setter->path);
        const bool below = is_within(setter->path, user.unit.path);
        if (!above && !below) continue;
        auto j = to_json(d, now);
        j["set_by_name"] = setter->name;
        j["applies_to_me"] = above && setter->path != user.unit.path;
        list.push_back(j);
    }
    return list;
}

nlohmann::json my_window_json(WebContext& web, const CurrentUser& user, const Campaign& c,
                              Timestamp now) {
    auto w = web.campaign_plans.duty_window(c.id, duty_activity_report, user.unit, now);
    if (!w.due) return nullptr;
    const Date last = w.extended.value_or(*w.due);
    return {{"due_on", format_date(*w.due)},
            {"extended", w.extended ? nlohmann::json(format_date(*w.extended)) : nlohmann::json(nullptr)},
            {"countdown", countdown_text(last, now)},
            {"open", w.open}};
}

http::Response campaign_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                             const Campaign& c, nlohmann::json extra, int status) {
    const auto now = now_utc();
    auto data = page_base(user, c, user.unit);
    data["phases"] = phases_json(web, c, shanghai_date(now));
    data["deadlines"] = deadlines_json(web, user, c, now);
    data["has_deadlines"] = !data["deadlines"].empty();
    data["my_window"] = my_window_json(web, user, c, now);
    data["may_set_deadlines"] = may_set_deadlines_below(user.actor, user.unit);
    data["children"] = nlohmann::json::array();
    for (const auto& child : web.store.children(user.unit.id))
        data["children"].push_back({{"code", child.code}, {"name", child.name}});
    data["may_grant"] = !data["children"].empty() && may_set_deadlines_below(user.actor, user.unit);
    data["done"] = campaign_done_notice(r);
    data["may_edit"] = may_edit(web, user, c);
    data.update(extra);
    return show_page(r, web, &user, c.name, "campaign_show", data, status);
}

http::Response show_campaign(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return campaign_page(web, r, user, c, nlohmann::json::object(), 200);
}

http::Response post_deadline(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return run_form(
        r, user, "deadline", r.form(),
        [&](const FormFields& f) {
            set_deadline(web, user, c, form_value(f, "duty"), "", form_value(f, "due_on"),
                         audit_context(r, user));
            return campaign_path(c, "?done=deadline_set");
        },
        [&](nlohmann::json extra, int status) { return campaign_page(web, r, user, c, extra, status); });
}

http::Response post_extension(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return run_form(
        r, user, "extension", r.form(),
        [&](const FormFields& f) {
            grant_extension(web, user, c, form_value(f, "duty"), form_value(f, "unit"),
                            form_value(f, "until"), form_value(f, "reason"), audit_context(r, user));
            return campaign_path(c, "?done=extension_granted");
        },
        [&](nlohmann::json extra, int status) { return campaign_page(web, r, user, c, extra, status); });
}

http::Response dashboard_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    auto data = page_base(user, c, unit);
    data["dashboard"] = dashboard_json(web, user, c, unit, now_utc());
    data["chart_json"] = data["dashboard"].dump();
    data["done"] = campaign_done_notice(r);
    data["may_remind"] = may_decide_for(user.actor, unit) || may_set_deadlines_below(user.actor, unit);
    return show_page(r, web, &user, "任务完成情况 - " + unit.name, "campaign_dashboard", data);
}

http::Response post_reminders(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto form = r.form();
    auto code = form_value(form, "unit");
    Unit root = code.empty() ? user.unit : unit_or_404(web, code);
    send_reminders(web, user, c, root, 7, audit_context(r, user));
    return http::Response::redirect(
        campaign_path(c, "/dashboard?unit=" + http::percent_encode(root.code) + "&done=reminders_sent"));
}

http::Response inbox_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto inbox = inbox_of(web, user);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& n : inbox.notices) list.push_back(to_json(n));
    return show_page(r, web, &user, "站内通知", "campaign_inbox",
                     {{"notices", list},
                      {"has_notices", !list.empty()},
                      {"unit_name", user.unit.name},
                      {"unread", inbox.unread},
                      {"csrf", user.session.csrf_token},
                      {"done", campaign_done_notice(r)}});
}

http::Response post_read(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    mark_notice_read(web, user, r.params.at("notice"));
    return http::Response::redirect("/inbox?done=notice_read");
}

}  // namespace

void register_campaign_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns", page_handler(web, list_page));
    router.add("GET", "/campaigns/{id}", page_handler(web, show_campaign));
    router.add("POST", "/campaigns/{id}/deadlines", page_handler(web, post_deadline));
    router.add("POST", "/campaigns/{id}/extensions", page_handler(web, post_extension));
    router.add("GET", "/campaigns/{id}/dashboard", page_handler(web, dashboard_page));
    router.add("POST", "/campaigns/{id}/reminders", page_handler(web, post_reminders));
    router.add("GET", "/inbox", page_handler(web, inbox_page));
    router.add("POST", "/inbox/{notice}/read", page_handler(web, post_read));
    register_report_pages(router, web);
    register_quota_pages(router, web);
}

}  // namespace wangju::web::campaign
