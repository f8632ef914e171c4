#include "web/campaign/campaign_actions.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/article.h"
#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "domain/quota_import.h"
#include "export/table_reader.h"
#include "web/portal/portal_pages.h"

namespace wangju::web::campaign {

namespace {

long long id_from(const std::string& text, const char* what) {
    long long id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || p != text.data() + text.size() || id <= 0)
        throw_not_found(fmt::format("找不到该{}", what));
    return id;
}

Date date_or_invalid(const std::string& text, const char* field) {
    auto d = parse_date(text);
    if (!d) throw_invalid("日期格式应为YYYY-MM-DD", {{field, "日期格式应为YYYY-MM-DD,例如2023-08-05"}});
    return *d;
}

Unit unit_of(WebContext& web, UnitId id) {
    auto u = web.store.find_unit(id);
    if (!u) throw_not_found("找不到该单位");
    return *u;
}

// The report and its unit, after checking that `allowed` holds for the unit.
template <typename Check>
std::pair<store::ReportListing, Unit> report_for(WebContext& web, const CurrentUser& user,
                                                 const Campaign& campaign,
                                                 const std::string& id_text, Check check) {
    auto listing = report_or_404(web, user, campaign, id_text);
    auto unit = unit_of(web, listing.report.unit);
    check(user.actor, unit);
    return {std::move(listing), std::move(unit)};
}

}  // namespace

Campaign campaign_or_404(WebContext& web, const std::string& id_text) {
    auto c = web.campaigns.find_campaign(CampaignId{id_from(id_text, "活动")});
    if (!c) throw_not_found("找不到该活动");
    return *c;
}

Unit unit_or_404(WebContext& web, const std::string& code) {
    auto u = web.store.find_unit_by_code(code);
    if (!u) throw_not_found("找不到单位“" + code + "”");
    return *u;
}

Unit viewed_unit(WebContext& web, const http::Request& request, const CurrentUser& user) {
    auto code = request.query("unit");
    Unit unit = code && !code->empty() ? unit_or_404(web, *code) : user.unit;
    require_view_campaign_unit(user.actor, unit);
    return unit;
}

store::ReportListing report_or_404(WebContext& web, const CurrentUser& user,
                                   const Campaign& campaign, const std::string& id_text) {
    auto listing = web.activity_reports.find_report(ReportId{id_from(id_text, "活动报告")});
    // A report of another subtree is answered as missing, so that nobody learns it exists.
    if (!listing || listing->report.campaign != campaign.id ||
        !may_view_campaign_unit(user.actor, unit_of(web, listing->report.unit)))
        throw_not_found("找不到该活动报告");
    return *listing;
}

ActivityReport file_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const std::string& unit_code, const ReportDraft& draft,
                           const AuditContext& ctx) {
    Unit unit = unit_code.empty() ? user.unit : unit_or_404(web, unit_code);
    require_file_for(user.actor, unit);
    return web.activity_reports.create_report(campaign.id, unit, draft, user.user.id, now_utc(), ctx);
}

ActivityReport edit_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const std::string& id_text, const ReportDraft& draft,
                           const AuditContext& ctx) {
    auto [listing, unit] = report_for(web, user, campaign, id_text, require_file_for);
    return web.activity_reports.update_report(listing.report.id, draft, now_utc(), ctx);
}

ActivityReport submit_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                             const std::string& id_text, const AuditContext& ctx) {
    auto [listing, unit] = report_for(web, user, campaign, id_text, require_file_for);
    const auto now = now_utc();
    require_can_submit(listing.report.state);
    auto window = web.campaign_plans.duty_window(campaign.id, duty_activity_report, unit, now);
    require_open(window, duty_activity_report);
    return web.activity_reports.submit_report(listing.report.id, window.late, now, ctx);
}

ActivityReport decide_report(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                             const std::string& id_text, const std::string& decision,
                             const std::string& reason, const AuditContext& ctx) {
    auto [listing, unit] = report_for(web, user, campaign, id_text, require_decide_for);
    const auto id = listing.report.id;
    ActivityReport result;
    std::string title;
    if (decision == "approve") {
        result = web.activity_reports.approve_report(id, web.campaign_plans.metrics(campaign.id),
                                                     now_utc(), ctx);
        title = "活动报告已审核通过";
    } else if (decision == "return") {
        result = web.activity_reports.return_report(id, reason, now_utc(), ctx);
        title = "活动报告被退回";
    } else if (decision == "unlock") {
        result = web.activity_reports.unlock_report(id, reason, now_utc(), ctx);
        title = "活动报告已解锁,可修改后重新报送";
    } else {
        throw_invalid("未知的审核操作", {{"decision", "应为 approve、return 或 unlock"}});
    }
    store::InboxNotice notice{0, unit.id, title,
                              fmt::format("“{}”:{}{}", listing.report.draft.activity_name, title,
                                          reason.empty() ? "" : "。原因:" + reason),
                              fmt::format("/campaigns/{}/reports/{}", campaign.id.value, id.value),
                              now_utc(), std::nullopt};
    web.inbox.notify(notice, fmt::format("report:{}:{}:{}", id.value, decision, format_utc(now_utc())),
                     ctx);
    return result;
}

void set_quotas_by_hand(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                        const std::map<std::string, std::string>& cells, const AuditContext& ctx) {
    const auto metrics = web.campaign_plans.metrics(campaign.id);
    std::vector<QuotaEntry> entries;
    std::map<std::string, std::string> errors;
    for (const auto& [field, text] : cells) {
        if (!field.starts_with("q_") || text.empty()) continue;
        const auto cut = field.rfind('_');
        const std::string code = field.substr(2, cut - 2);
        long long metric_id = 0;
        std::from_chars(field.data() + cut + 1, field.data() + field.size(), metric_id);
        bool known = false;
        for (const auto& m : metrics) known = known || m.id.value == metric_id;
        auto unit = web.store.find_unit_by_code(code);
        if (!unit || !known) {
            errors[field] = "单位或指标不存在";
            continue;
        }
        require_decide_for(user.actor, *unit);
        try {
            entries.push_back({unit->id, MetricId{metric_id}, parse_quota(text, field)});
        } catch (const Error& e) {
            errors[field] = e.fields().begin()->second;
        }
    }
    if (!errors.empty()) throw_invalid("任务数填写有误,未保存任何任务", errors);
    if (entries.empty()) throw_invalid("没有填写任何任务数");
    web.campaign_plans.set_quotas(campaign.id, entries, ctx);
}

QuotaImportPlan import_quotas(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          std::string_view bytes, const AuditContext& ctx) {
    if (bytes.empty()) throw_invalid("请选择要导入的表格文件", {{"file", "请选择 CSV 或 XLSX 文件"}});
    const auto rows = tables::read_table(bytes);
    const auto metrics = web.campaign_plans.metrics(campaign.id);
    // Names are looked up among the actor's subtree only: names repeat across districts.
    const auto units = web.store.subtree(user.unit);
    QuotaLookups lookups{
        [&](std::string_view code) { return web.store.find_unit_by_code(code); },
        [&](std::string_view name) -> std::optional<Unit> {
            for (const auto& u : units)
                if (u.name == name) return u;
            return std::nullopt;
        }};
    auto plan = plan_quota_import(rows, metrics, user.actor, lookups);
    if (!plan.errors.empty()) {
        std::map<std::string, std::string> fields;
        for (const auto& e : plan.errors) {
            auto& text = fields["row:" + std::to_string(e.row)];
            text += (text.empty() ? "" : ";") + e.reason;
        }
        throw_invalid(fmt::format("导入失败:{}行有错误,未导入任何任务", fields.size()), fields);
    }
    web.campaign_plans.set_quotas(campaign.id, plan.entries, ctx);
    return plan;
}

Deadline set_deadline(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                      const std::string& duty, const std::string& unit_code,
                      const std::string& due_text, const AuditContext& ctx) {
    Unit unit = unit_code.empty() ? user.unit : unit_or_404(web, unit_code);
    require_set_deadlines_below(user.actor, unit);
    return web.campaign_plans.set_deadline(campaign.id, duty.empty() ? duty_activity_report : duty,
                                           unit.id, date_or_invalid(due_text, "due_on"), ctx);
}

Extension grant_extension(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          const std::string& duty, const std::string& unit_code,
                          const std::string& until_text, const std::string& reason,
                          const AuditContext& ctx) {
    Unit unit = unit_or_404(web, unit_code);
    require_decide_for(user.actor, unit);
    Extension e{0, campaign.id, duty.empty() ? duty_activity_report : duty, unit.id,
                date_or_invalid(until_text, "until"), reason, user.user.id, now_utc()};
    return web.campaign_plans.grant_extension(e, unit, ctx);
}

store::NewsItem send_news(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                          const std::string& unit_code, const std::string& title,
                          const std::string& body, const std::string& report_id_text,
                          const AuditContext& ctx) {
    Unit unit = unit_code.empty() ? user.unit : unit_or_404(web, unit_code);
    require_file_for(user.actor, unit);
    store::NewsItem item{0, campaign.id, unit.id, std::nullopt, title, body, "sent",
                         user.user.id, now_utc(), std::nullopt};
    if (!report_id_text.empty()) {
        auto r = report_or_404(web, user, campaign, report_id_text);
        item.report = r.report.id;
    }
    return web.activity_reports.send_news(item, ctx);
}

store::NewsItem accept_news(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                            const std::string& id_text, const AuditContext& ctx) {
    auto item = web.activity_reports.find_news(id_from(id_text, "信息"));
    if (!item || item->campaign != campaign.id) throw_not_found("找不到该条信息");
    auto unit = unit_of(web, item->unit);
    if (!may_view_campaign_unit(user.actor, unit)) throw_not_found("找不到该条信息");
    require_decide_for(user.actor, unit);
    return web.activity_reports.accept_news(item->id, user.user.id, now_utc(), ctx);
}

// Three writes in two stores, so not one transaction: the draft comes first (a failure later
// leaves only a draft the editors can see), the news is marked next (the step that refuses a
// second publication), and the article is published last.
Article publish_news_on_portal(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                               const std::string& id_text, const AuditContext& ctx) {
    auto item = web.activity_reports.find_news(id_from(id_text, "信息"));
    if (!item || item->campaign != campaign.id) throw_not_found("找不到该条信息");
    const Unit unit = unit_of(web, item->unit);
    // The portal's approver of a unit publishes the news of its subtree.
    if (!is_within(unit.path, user.unit.path)) throw_not_found("找不到该条信息");
    require(user.actor, ArticleAction::publish, user.unit.path);
    if (item->state == "published") throw_conflict("该条信息已在门户网站发布");
    ArticleText text{"news_grassroots", item->title,
                     item->body + "\n\n(" + unit.name + " 报送)", std::nullopt};
    const Article draft = web.articles.create_article(text, user.unit.id, user.user.id, ctx);
    web.activity_reports.mark_news_published(item->id, draft.id.value, ctx);
    web.articles.change_state(draft.id, ArticleAction::submit, ctx);
    const Article published = web.articles.change_state(draft.id, ArticleAction::publish, ctx);
    portal_changed(web, published.id);
    return published;
}

std::size_t send_reminders(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                           const Unit& root, int days_ahead, const AuditContext& ctx) {
    require_view_campaign_unit(user.actor, root);
    const auto now = now_utc();
    const auto deadlines = web.campaign_plans.deadlines(campaign.id);
    const auto metrics = web.campaign_plans.metrics(campaign.id);
    std::size_t sent = 0;
    for (const auto& parent : web.store.subtree(root)) {
        auto due = deadline_below(deadlines, parent.path, duty_activity_report);
        if (!due || !is_on_time(now, due->due_on)) continue;
        if (end_of_shanghai_day(due->due_on) - now > std::chrono::days(days_ahead)) continue;
        const auto figures = web.campaign_plans.figures(campaign.id, parent);
        for (const auto& child : web.store.children(parent.id)) {
            if (!child.is_open_on(shanghai_date(now))) continue;
            std::string behind;
            for (const auto& m : metrics) {
                auto q = figures.quotas.find({child.id, m.id});
                if (q == figures.quotas.end()) continue;
                auto a = figures.approved.find({child.id, m.id});
                const long long done = a == figures.approved.end() ? 0 : a->second;
                if (done < q->second)
                    behind += fmt::format("{}{}:已完成 {}/{} {}", behind.empty() ? "" : ";", m.name,
                                          done, q->second, m.measure);
            }
            if (behind.empty()) continue;
            store::InboxNotice n{0, child.id,
                                 fmt::format("催办:{} 前完成“{}”任务", format_date(due->due_on), campaign.name),
                                 fmt::format("截止 {}({})。{}", format_date(due->due_on),
                                             countdown_text(due->due_on, now), behind),
                                 fmt::format("/campaigns/{}/dashboard?unit={}", campaign.id.value, child.code),
                                 now, std::nullopt};
            const auto key = fmt::format("remind:{}:{}:{}:{}", campaign.id.value, child.id.value,
                                         format_date(due->due_on), format_date(shanghai_date(now)));
            if (web.inbox.notify(n, key, ctx)) ++sent;
        }
    }
    return sent;
}

}  // namespace wangju::web::campaign
