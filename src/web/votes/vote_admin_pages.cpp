// The organiser's pages of the public vote (system admins): /campaigns/{id}/public-votes (the
// campaign's votes and a form for a new one) and /admin/public-votes/{id} (the settings, editable
// until the vote opens; the figures; the results, hidden totals included; the flags, each with a
// form to void its votes; and every voiding with a form to restore it).
#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/time_input.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/votes/vote_json.h"
#include "web/votes/vote_pages.h"
#include "web/votes/vote_service.h"
#include "web/works/works_service.h"

namespace wangju::web::votes {
namespace {

using Json = nlohmann::json;

const char* const kFraudFields[][2] = {
    {"burst_votes", "同一地址短时间内的票数上限"},
    {"network_burst_votes", "同一网段短时间内的票数上限"},
    {"burst_seconds", "短时间的长度(秒)"},
    {"alike_accounts", "新账号集中投票的账号数"},
    {"alike_minutes", "新账号集中投票的时间窗(分钟)"},
    {"new_account_hours", "视为新账号的注册时长(小时)"},
    {"accounts_per_address", "同一地址的账号数上限"},
    {"min_solve_ms", "人机验证最短解出时间(毫秒)"},
};

std::string admin_url(PublicVoteId id) {
    return fmt::format("/admin/public-votes/{}", id.value);
}

int number_of(const FormFields& form, const std::string& field, const char* label) {
    const auto text = form_value(form, field);
    try {
        std::size_t used = 0;
        const int n = std::stoi(text, &used);
        if (used == text.size()) return n;
    } catch (const std::exception&) {
    }
    throw_invalid(fmt::format("{}应为整数", label), {{field, "应为整数"}});
}

Timestamp time_of(const FormFields& form, const std::string& field, const char* label) {
    auto at = parse_shanghai_input(form_value(form, field));
    if (!at) throw_invalid(fmt::format("请填写{}", label), {{field, "请选择日期和时间"}});
    return *at;
}

// The settings form as the JSON body the API takes, so that both are checked alike.
Json body_of(const FormFields& form) {
    Json rules{
        {"per_account_per_work_per_day",
         number_of(form, "per_account_per_work_per_day", "每个账号每天对同一作品的票数")},
        {"per_account_per_day", number_of(form, "per_account_per_day", "每个账号每天的总票数")},
        {"per_address_per_day", number_of(form, "per_address_per_day", "每个网络地址每天的票数")},
        {"totals", form_value(form, "totals")},
        {"totals_from", nullptr},
        {"fraud", Json::object()}};
    if (!form_value(form, "totals_from").empty())
        rules["totals_from"] = format_utc(time_of(form, "totals_from", "公布票数的时间"));
    for (const auto& [field, label] : kFraudFields)
        rules["fraud"][field] = number_of(form, field, label);
    return {{"name", form_value(form, "name")},
            {"tracks", form_values(form, "tracks")},
            {"starts_at", format_utc(time_of(form, "starts_at", "开始时间"))},
            {"ends_at", format_utc(time_of(form, "ends_at", "结束时间"))},
            {"rules", rules}};
}

Json settings_json(WebContext& web, const PublicVote& v, const Campaign& campaign) {
    Json tracks = Json::array();
    for (const auto& t : web.works.tracks(campaign.id)) {
        const bool on = std::find(v.tracks.begin(), v.tracks.end(), t.code) != v.tracks.end();
        tracks.push_back({{"code", t.code}, {"name", t.name}, {"checked", on}});
    }
    Json fraud = rules_json(v.rules, v.fraud)["fraud"];
    Json thresholds = Json::array();
    for (const auto& [field, label] : kFraudFields)
        thresholds.push_back({{"field", field}, {"label", label}, {"value", fraud[field]}});
    return {
        {"name", v.name},
        {"tracks", tracks},
        {"starts_at", format_shanghai_input(v.starts_at)},
        {"ends_at", format_shanghai_input(v.ends_at)},
        {"per_account_per_work_per_day", v.rules.per_account_per_work_per_day},
        {"per_account_per_day", v.rules.per_account_per_day},
        {"per_address_per_day", v.rules.per_address_per_day},
        {"totals_never", v.rules.totals == TotalsShown::never},
        {"totals_live", v.rules.totals == TotalsShown::live},
        {"totals_from", v.rules.totals == TotalsShown::from},
        {"totals_from_at", v.rules.totals_from ? format_shanghai_input(*v.rules.totals_from) : ""},
        {"thresholds", thresholds}};
}

PublicVote default_vote(const Campaign& campaign) {
    PublicVote v;
    v.campaign = campaign.id;
    v.starts_at = now_utc() + std::chrono::hours(24);
    v.ends_at = v.starts_at + std::chrono::hours(24 * 10);
    return v;
}

http::Response list_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const Campaign& campaign, const PublicVote& draft, const Error* error,
                         int status = 200) {
    const Timestamp now = now_utc();
    Json votes = Json::array();
    for (const auto& v : web.public_votes.of_campaign(campaign.id)) {
        votes.push_back({{"name", v.name},
                         {"url", admin_url(v.id)},
                         {"public_url", fmt::format("/public-votes/{}", v.id.value)},
                         {"phase", label_zh(phase_at(v, now))},
                         {"starts", format_shanghai(v.starts_at)},
                         {"ends", format_shanghai(v.ends_at)}});
    }
    Json data{{"campaign", {{"id", campaign.id.value}, {"name", campaign.name}}},
              {"votes", votes},
              {"has_votes", !votes.empty()},
              {"form", settings_json(web, draft, campaign)},
              {"action", fmt::format("/campaigns/{}/public-votes", campaign.id.value)},
              {"csrf", user.session.csrf_token}};
    if (error) data["error"] = error_json(*error);
    auto response = show_page(r, web, &user, "网络投票管理", "votes_admin_list", data,
                              error ? http_status(error->kind()) : status);
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response vote_admin_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                               const PublicVote& vote, const Error* error, Json notice = nullptr) {
    const Timestamp now = now_utc();
    const Campaign campaign = works::load_campaign(web, vote.campaign.value);
    Json results = Json::array();
    for (const auto& e : vote_entries(web, vote, true, true)) results.push_back(entry_json(e, vote_files_base(vote.id)));
    Json flags = Json::array();
    for (const auto& f : vote_flags(web, vote)) {
        Json flag = flag_json(f);
        flag["first_local"] = format_shanghai(f.first);
        flag["last_local"] = format_shanghai(f.last);
        flag["all_voided"] = f.voided == static_cast<int>(f.votes.size());
        flags.push_back(flag);
    }
    Json voidings = Json::array();
    for (const auto& v : web.public_votes.voidings(vote.id)) {
        std::string ids;
        for (auto id : v.votes) {
            if (!ids.empty()) ids += ',';
            ids += std::to_string(id.value);
        }
        auto actor = web.store.find_user(v.acted_by);
        voidings.push_back({{"id", v.id},
                            {"restore", v.restore},
                            {"reason", v.reason},
                            {"count", v.votes.size()},
                            {"vote_ids", ids},
                            {"by", actor ? actor->display_name : ""},
                            {"at", format_shanghai(v.acted_at)}});
    }
    Json data{{"vote",
               {{"id", vote.id.value},
                {"name", vote.name},
                {"public_url", fmt::format("/public-votes/{}", vote.id.value)},
                {"phase", label_zh(phase_at(vote, now))}}},
              {"campaign", {{"id", campaign.id.value}, {"name", campaign.name}}},
              {"editable", phase_at(vote, now) == VotePhase::upcoming},
              {"ended", phase_at(vote, now) == VotePhase::ended},
              {"form", settings_json(web, vote, campaign)},
              {"summary", vote_summary_json(web, vote)},
              {"results", results},
              {"flags", flags},
              {"has_flags", !flags.empty()},
              {"voidings", voidings},
              {"has_voidings", !voidings.empty()},
              {"notice", notice},
              {"csrf", user.session.csrf_token}};
    if (error) data["error"] = error_json(*error);
    auto response = show_page(r, web, &user, vote.name + " - 投票管理", "votes_admin", data,
                              error ? http_status(error->kind()) : 200);
    response.set_header("cache-control", "no-store");
    return response;
}

CurrentUser organiser(WebContext& web, const http::Request& r) {
    auto user = require_user(web, r);
    require_organiser(user);
    return user;
}

http::Response get_list(WebContext& web, http::Request& r) {
    auto user = organiser(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return list_page(web, r, user, campaign, default_vote(campaign), nullptr);
}

http::Response post_list(WebContext& web, http::Request& r) {
    auto user = organiser(web, r);
    require_csrf(r, user);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const auto form = r.form();
    PublicVote draft = default_vote(campaign);
    try {
        apply_vote_json(body_of(form), draft);
        auto created = create_vote(web, user, draft, {}, audit_context(r, user));
        return http::Response::redirect(admin_url(created.id));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return list_page(web, r, user, campaign, draft, &e);
    }
}

http::Response get_admin(WebContext& web, http::Request& r) {
    auto user = organiser(web, r);
    return vote_admin_page(web, r, user, load_vote(web, r.params.at("id")), nullptr);
}

http::Response post_admin(WebContext& web, http::Request& r) {
    auto user = organiser(web, r);
    require_csrf(r, user);
    const auto vote = load_vote(web, r.params.at("id"));
    try {
        update_vote(web, user, vote, body_of(r.form()), audit_context(r, user));
        return http::Response::redirect(admin_url(vote.id) + "?done=saved");
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::conflict) throw;
        return vote_admin_page(web, r, user, vote, &e);
    }
}

std::vector<VoteId> ids_of(const std::string& text) {
    std::vector<VoteId> out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find(',', at);
        if (end == std::string::npos) end = text.size();
        const auto part = text.substr(at, end - at);
        try {
            std::size_t used = 0;
            const long long id = std::stoll(part, &used);
            if (used != part.size() || id <= 0) throw std::invalid_argument(part);
            out.push_back(VoteId{id});
        } catch (const std::exception&) {
            throw_invalid("投票编号应以逗号分隔", {{"vote_ids", "编号格式错误"}});
        }
        at = end + 1;
    }
    return out;
}

http::Response post_voiding(WebContext& web, http::Request& r, bool restore) {
    auto user = organiser(web, r);
    require_csrf(r, user);
    const auto vote = load_vote(web, r.params.at("id"));
    const auto form = r.form();
    try {
        std::optional<std::string> flag;
        std::vector<VoteId> ids;
        if (!form_value(form, "flag_id").empty()) {
            flag = form_value(form, "flag_id");
        } else {
            ids = ids_of(form_value(form, "vote_ids"));
        }
        const int changed = void_votes(web, user, vote, ids, flag, form_value(form, "reason"),
                                       restore, audit_context(r, user));
        return vote_admin_page(web, r, user, vote, nullptr,
                               {{"text", fmt::format("已{} {} 票,计票已随之更新。",
                                                     restore ? "恢复" : "作废", changed)}});
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return vote_admin_page(web, r, user, vote, &e);
    }
}

}  // namespace

void register_vote_admin_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/public-votes", page_handler(web, get_list));
    router.add("POST", "/campaigns/{id}/public-votes", page_handler(web, post_list));
    router.add("GET", "/admin/public-votes/{id}", page_handler(web, get_admin));
    router.add("POST", "/admin/public-votes/{id}", page_handler(web, post_admin));
    router.add("POST", "/admin/public-votes/{id}/void",
               [&web](http::Request& r) { return post_voiding(web, r, false); });
    router.add("POST", "/admin/public-votes/{id}/restore",
               [&web](http::Request& r) { return post_voiding(web, r, true); });
}

}  // namespace wangju::web::votes
