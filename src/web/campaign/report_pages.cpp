// Pages of offline activity reports: the list of a subtree's reports, the form to file or edit
// one, a report with its actions (submit, approve, return, unlock), and activity news.
#include <charconv>

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/text.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_page_support.h"
#include "web/campaign/campaign_routes.h"

namespace wangju::web::campaign {

namespace {

constexpr int kOnlineRows = 3;

long long count_field(const FormFields& f, const std::string& name, const std::string& label,
                      std::map<std::string, std::string>& errors) {
    const std::string text(trim(form_value(f, name)));
    if (text.empty()) return 0;
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0) {
        errors[name] = label + "应为不小于 0 的整数";
    }
    return v;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find_first_of("\n,,", start);
        if (end == std::string::npos) end = text.size();
        std::string item(trim(std::string_view(text).substr(start, end - start)));
        if (!item.empty() && item != "," ) out.push_back(item);
        start = end + 1;
    }
    return out;
}

// The report form as a ReportDraft; numbers that are not numbers fail here, the rest in the
// domain's check.
ReportDraft draft_from_form(const FormFields& f, const std::vector<Metric>& metrics) {
    std::map<std::string, std::string> errors;
    ReportDraft d;
    d.activity_name = form_value(f, "activity_name");
    d.held_on = parse_date(form_value(f, "held_on"));
    d.place = form_value(f, "place");
    d.form = form_value(f, "form");
    d.form_other = form_value(f, "form_other");
    d.themes = form_values(f, "themes");
    for (auto& t : lines_of(form_value(f, "themes_other"))) d.themes.push_back(t);
    d.participants = count_field(f, "participants", "参与人数", errors);
    d.promoters = count_field(f, "promoters", "发展宣传员人数", errors);
    for (int i = 1; i <= kOnlineRows; ++i) {
        const std::string url(trim(form_value(f, fmt::format("online_url_{}", i))));
        const auto views = count_field(f, fmt::format("online_views_{}", i), "浏览量", errors);
        if (!url.empty()) d.online.push_back({url, views});
    }
    d.photos = lines_of(form_value(f, "photos"));
    d.summary = form_value(f, "summary");
    for (const auto& m : metrics) {
        if (m.source != MetricSource::entered) continue;
        d.entered[m.code] = count_field(f, "metric_" + m.code, m.name, errors);
    }
    if (!errors.empty()) throw_invalid("活动报告填写有误,请按提示修改", errors);
    return d;
}

// The values the form shows: those of `d`, or those just submitted.
nlohmann::json form_values_of(const ReportDraft& d, const std::vector<Metric>& metrics) {
    nlohmann::json v;
    v["activity_name"] = d.activity_name;
    v["held_on"] = d.held_on ? format_date(*d.held_on) : "";
    v["place"] = d.place;
    v["form_other"] = d.form_other;
    v["participants"] = std::to_string(d.participants);
    v["promoters"] = std::to_string(d.promoters);
    for (int i = 1; i <= kOnlineRows; ++i) {
        const bool has = static_cast<int>(d.online.size()) >= i;
        v[fmt::format("online_url_{}", i)] = has ? d.online[i - 1].url : "";
        v[fmt::format("online_views_{}", i)] = has ? std::to_string(d.online[i - 1].views) : "";
    }
    std::string photos, other;
    for (const auto& p : d.photos) photos += p + "\n";
    v["photos"] = photos;
    v["summary"] = d.summary;
    const auto& known = activity_themes();
    for (const auto& t : d.themes)
        if (std::find(known.begin(), known.end(), t) == known.end()) other += (other.empty() ? "" : ",") + t;
    v["themes_other"] = other;
    for (const auto& m : metrics) {
        auto it = d.entered.find(m.code);
        v["metric_" + m.code] = it == d.entered.end() ? "" : std::to_string(it->second);
    }
    return v;
}

nlohmann::json form_options(const std::string& form, const std::vector<std::string>& themes,
                            const std::vector<Metric>& metrics, const nlohmann::json& values) {
    nlohmann::json j;
    j["forms"] = nlohmann::json::array();
    for (const auto& f : activity_forms()) j["forms"].push_back({{"value", f}, {"selected", f == form}});
    j["themes"] = nlohmann::json::array();
    int i = 0;
    for (const auto& t : activity_themes()) {
        const bool checked = std::find(themes.begin(), themes.end(), t) != themes.end();
        j["themes"].push_back({{"value", t}, {"checked", checked}, {"id", fmt::format("theme-{}", ++i)}});
    }
    j["entered_metrics"] = nlohmann::json::array();
    for (const auto& m : metrics) {
        if (m.source != MetricSource::entered) continue;
        j["entered_metrics"].push_back({{"code", m.code}, {"name", m.name}, {"measure", m.measure},
                                        {"value", values.value("metric_" + m.code, "")}});
    }
    j["online_rows"] = nlohmann::json::array();
    for (int r = 1; r <= kOnlineRows; ++r)
        j["online_rows"].push_back({{"n", r},
                                    {"url", values.value(fmt::format("online_url_{}", r), "")},
                                    {"views", values.value(fmt::format("online_views_{}", r), "")}});
    return j;
}

nlohmann::json unit_options(WebContext& web, const CurrentUser& user, const std::string& selected) {
    nlohmann::json list = nlohmann::json::array();
    list.push_back({{"code", user.unit.code}, {"name", user.unit.name}, {"selected", selected == user.unit.code}});
    for (const auto& c : web.store.children(user.unit.id))
        list.push_back({{"code", c.code}, {"name", c.name}, {"selected", selected == c.code}});
    return list;
}

// The form page; `report` is set when editing.
http::Response form_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const Campaign& c, const std::optional<store::ReportListing>& report,
                         nlohmann::json extra, int status) {
    const auto metrics = web.campaign_plans.metrics(c.id);
    auto data = page_base(user, c, user.unit);
    nlohmann::json values;
    std::string form;
    std::vector<std::string> themes;
    if (extra.contains("values")) {
        values = extra["values"]["report"];
        form = values.value("form", "");
        // Submitted checkboxes are lost in the one-value-per-name map: re-read them from the form.
        themes = extra.value("submitted_themes", std::vector<std::string>{});
    } else if (report) {
        values = form_values_of(report->report.draft, metrics);
        form = report->report.draft.form;
        themes = report->report.draft.themes;
    } else {
        values = form_values_of(ReportDraft{}, metrics);
        values["participants"] = "";
        values["promoters"] = "";
    }
    data["values"] = values;
    data["options"] = form_options(form, themes, metrics, values);
    data["editing"] = report.has_value();
    if (report) data["report"] = {{"id", report->report.id.value}, {"unit_name", report->unit_name}};
    data["units"] = unit_options(web, user, r.query("unit").value_or(user.unit.code));
    data["action"] = report ? campaign_path(c, fmt::format("/reports/{}", report->report.id.value))
                            : campaign_path(c, "/reports");
    data.update(extra);
    return show_page(r, web, &user, report ? "修改活动报告" : "填报线下活动", "campaign_report_form",
                     data, status);
}

http::Response with_form_error(WebContext& web, const http::Request& r, const CurrentUser& user,
                               const Campaign& c, const std::optional<store::ReportListing>& report,
                               const FormFields& f, nlohmann::json extra, int status) {
    extra["submitted_themes"] = form_values(f, "themes");
    return form_page(web, r, user, c, report, extra, status);
}

http::Response new_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    require_file_for(user.actor, user.unit);
    return form_page(web, r, user, c, std::nullopt, nlohmann::json::object(), 200);
}

std::string after_save(const Campaign& c, ReportId id, bool submitted) {
    return campaign_path(c, fmt::format("/reports/{}?done={}", id.value,
                                        submitted ? "report_submitted" : "report_saved"));
}

http::Response create_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto form = r.form();
    return run_form(
        r, user, "report", form,
        [&](const FormFields& f) {
            const auto ctx = audit_context(r, user);
            auto draft = draft_from_form(f, web.campaign_plans.metrics(c.id));
            auto report = file_report(web, user, c, form_value(f, "unit"), draft, ctx);
            const bool submit = form_value(f, "then") == "submit";
            if (submit) submit_report(web, user, c, std::to_string(report.id.value), ctx);
            return after_save(c, report.id, submit);
        },
        [&](nlohmann::json extra, int status) {
            return with_form_error(web, r, user, c, std::nullopt, form, extra, status);
        });
}

http::Response edit_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto report = report_or_404(web, user, c, r.params.at("report"));
    return form_page(web, r, user, c, report, nlohmann::json::object(), 200);
}

http::Response update_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto report = report_or_404(web, user, c, r.params.at("report"));
    const auto form = r.form();
    return run_form(
        r, user, "report", form,
        [&](const FormFields& f) {
            const auto ctx = audit_context(r, user);
            auto draft = draft_from_form(f, web.campaign_plans.metrics(c.id));
            edit_report(web, user, c, r.params.at("report"), draft, ctx);
            const bool submit = form_value(f, "then") == "submit";
            if (submit) submit_report(web, user, c, r.params.at("report"), ctx);
            return after_save(c, report.report.id, submit);
        },
        [&](nlohmann::json extra, int status) {
            return with_form_error(web, r, user, c, report, form, extra, status);
        });
}

nlohmann::json report_view(WebContext& web, const CurrentUser& user, const store::ReportListing& l) {
    auto j = to_json(l.report);
    j["unit_name"] = l.unit_name;
    j["unit_code"] = l.unit_code;
    j["themes_text"] = fmt::format("{}", fmt::join(l.report.draft.themes, "、"));
    j["form_text"] = l.report.draft.form == "其他" ? "其他:" + l.report.draft.form_other : l.report.draft.form;
    j["submitted_local"] = l.report.submitted_at ? format_shanghai(*l.report.submitted_at) : "";
    j["decided_local"] = l.report.decided_at ? format_shanghai(*l.report.decided_at) : "";
    auto unit = web.store.find_unit(l.report.unit);
    const bool may_file = unit && may_file_for(user.actor, *unit);
    const bool may_decide = unit && may_decide_for(user.actor, *unit);
    j["may_edit"] = may_file && is_editable(l.report.state);
    j["may_submit"] = may_file && is_editable(l.report.state);
    j["may_decide"] = may_decide && l.report.state == ReportState::submitted;
    j["may_unlock"] = may_decide && l.report.state == ReportState::approved;
    j["is_" + std::string(to_string(l.report.state))] = true;
    return j;
}

http::Response report_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                           const Campaign& c, const std::string& id, nlohmann::json extra, int status) {
    auto l = report_or_404(web, user, c, id);
    auto data = page_base(user, c, user.unit);
    data["report"] = report_view(web, user, l);
    data["done"] = campaign_done_notice(r);
    data.update(extra);
    return show_page(r, web, &user, l.report.draft.activity_name, "campaign_report", data, status);
}

http::Response show_report(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return report_page(web, r, user, c, r.params.at("report"), nlohmann::json::object(), 200);
}

http::Response post_submit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto& id = r.params.at("report");
    return run_form(
        r, user, "submit", r.form(),
        [&](const FormFields&) {
            submit_report(web, user, c, id, audit_context(r, user));
            return campaign_path(c, fmt::format("/reports/{}?done=report_submitted", id));
        },
        [&](nlohmann::json extra, int status) { return report_page(web, r, user, c, id, extra, status); });
}

http::Response post_decision(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    const auto& id = r.params.at("report");
    return run_form(
        r, user, "decision", r.form(),
        [&](const FormFields& f) {
            const auto decision = form_value(f, "decision");
            decide_report(web, user, c, id, decision, form_value(f, "reason"), audit_context(r, user));
            const char* done = decision == "approve"  ? "report_approved"
                               : decision == "return" ? "report_returned"
                                                      : "report_unlocked";
            return campaign_path(c, fmt::format("/reports/{}?done={}", id, done));
        },
        [&](nlohmann::json extra, int status) { return report_page(web, r, user, c, id, extra, status); });
}

http::Response list_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    auto unit = viewed_unit(web, r, user);
    const auto state_text = r.query("state").value_or("");
    store::ReportQuery q{c.id, unit.path, parse_report_state(state_text), 50, 0};
    long long page = 1;
    if (auto p = r.query("page")) std::from_chars(p->data(), p->data() + p->size(), page);
    if (page < 1) page = 1;
    q.offset = static_cast<std::size_t>(page - 1) * q.limit;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& l : web.activity_reports.reports(q)) list.push_back(report_view(web, user, l));
    const auto total = web.activity_reports.count_reports(q);
    auto data = page_base(user, c, unit);
    data["reports"] = list;
    data["has_reports"] = !list.empty();
    data["total"] = total;
    data["states"] = nlohmann::json::array();
    data["states"].push_back({{"value", ""}, {"label", "全部"}, {"selected", state_text.empty()}});
    for (auto s : {ReportState::draft, ReportState::submitted, ReportState::approved, ReportState::returned})
        data["states"].push_back({{"value", std::string(to_string(s))},
                                  {"label", std::string(label_zh(s))},
                                  {"selected", state_text == to_string(s)}});
    const auto base = campaign_path(c, "/reports?unit=" + http::percent_encode(unit.code) +
                                           "&state=" + http::percent_encode(state_text) + "&page=");
    if (page > 1) data["prev_page"] = base + std::to_string(page - 1);
    if (static_cast<std::size_t>(page) * q.limit < total) data["next_page"] = base + std::to_string(page + 1);
    data["page"] = page;
    data["may_file"] = may_file_for(user.actor, user.unit);
    return show_page(r, web, &user, "线下活动报告", "campaign_reports", data);
}

http::Response news_page_with(WebContext& web, const http::Request& r, const CurrentUser& user,
                              const Campaign& c, nlohmann::json extra, int status) {
    auto unit = viewed_unit(web, r, user);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& n : web.activity_reports.news(c.id, unit.path)) {
        auto j = to_json(n);
        auto u = web.store.find_unit(n.unit);
        j["unit_name"] = u ? u->name : "";
        j["created_local"] = format_shanghai(n.created_at);
        j["accepted"] = n.state == "accepted";
        j["may_accept"] = u && n.state == "sent" && may_decide_for(user.actor, *u);
        list.push_back(j);
    }
    auto data = page_base(user, c, unit);
    data["news"] = list;
    data["has_news"] = !list.empty();
    data["may_send"] = may_file_for(user.actor, user.unit);
    data["done"] = campaign_done_notice(r);
    data.update(extra);
    return show_page(r, web, &user, "活动信息报送", "campaign_news", data, status);
}

http::Response news_page(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return news_page_with(web, r, user, c, nlohmann::json::object(), 200);
}

http::Response post_news(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto c = campaign_or_404(web, r.params.at("id"));
    return run_form(
        r, user, "news", r.form(),
        [&](const FormFields& f) {
            send_news(web, user, c, "", form_value(f, "title"), form_value(f, "body"),
                      form_value(f, "report_id"), audit_context(r, user));
            return campaign_path(c, "/news?done=news_sent");
        },
        [&](nlohmann::json extra, int status) { return news_page_with(web, r, user, c, extra, status); });
}

http::Response post_accept(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto c = campaign_or_404(web, r.params.at("id"));
    accept_news(web, user, c, r.params.at("news"), audit_context(r, user));
    return http::Response::redirect(campaign_path(c, "/news?done=news_accepted"));
}

}  // namespace

void register_report_pages(http::Router& router, WebContext& web) {
    const std::string base = "/campaigns/{id}/reports";
    router.add("GET", base, page_handler(web, list_page));
    router.add("POST", base, page_handler(web, create_report));
    router.add("GET", base + "/new", page_handler(web, new_report));
    router.add("GET", base + "/{report}", page_handler(web, show_report));
    router.add("POST", base + "/{report}", page_handler(web, update_report));
    router.add("GET", base + "/{report}/edit", page_handler(web, edit_page));
    router.add("POST", base + "/{report}/submit", page_handler(web, post_submit));
    router.add("POST", base + "/{report}/decision", page_handler(web, post_decision));
    router.add("GET", "/campaigns/{id}/news", page_handler(web, news_page));
    router.add("POST", "/campaigns/{id}/news", page_handler(web, post_news));
    router.add("POST", "/campaigns/{id}/news/{news}/accept", page_handler(web, post_accept));
}

}  // namespace wangju::web::campaign
