// The JSON API of public notices and objections (/api/v1/judging/{id}/announcements,
// /api/v1/public-votes/{id}/announcements, /api/v1/announcements/..., /api/v1/objections/...)
// and of the working calendar they count by (/api/v1/calendar/...). Handlers parse, call
// announcement_service and answer.
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/form_text.h"
#include "domain/text.h"
#include "web/announcements/announcement_json.h"
#include "web/announcements/announcement_routes.h"
#include "web/announcements/announcement_service.h"
#include "web/api_body.h"
#include "web/json_views.h"

namespace wangju::web::announcements {
namespace {

using Json = nlohmann::json;

// Everything here changes by the day (days left, answers): never cached.
http::Response uncached(http::Response response) {
    response.set_header("cache-control", "no-store");
    return response;
}

std::int64_t id_param(const http::Request& r, const char* what) {
    return id_from_text(r.params.at("id"), what);
}

NoticeForm notice_form_of(const Json& body) {
    NoticeForm form;
    form.kind = required_string(body, "kind", "公示类型");
    form.starts = required_string(body, "starts", "公示开始日期");
    if (body.contains("working_days")) {
        const auto& days = body["working_days"];
        if (!days.is_number_integer() || days.get<long long>() < 1 ||
            days.get<long long>() > 1000) {
            throw_invalid("公示期应为 1 至 30 个工作日", {{"working_days", "应为 1 至 30 的整数"}});
        }
        form.working_days = static_cast<int>(days.get<long long>());
    }
    form.contact = required_string(body, "contact", "联系方式");
    form.title = optional_string(body, "title");
    return form;
}

http::Response created(const Announcement& a, WebContext& web) {
    return uncached(
        http::Response::json(announcement_json(a, now_utc(), web.announcements.calendar()), 201)
            .set_header("location", "/api/v1/announcements/" + std::to_string(a.id.value)));
}

http::Response post_judging_notice(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const JudgingId id{id_param(r, "评审")};
    require_judging_notice_right(web, user, id);
    auto body = checked_body(r, user);
    return created(open_for_judging(web, user, id, notice_form_of(body), audit_context(r, user)),
                   web);
}

http::Response post_vote_notice(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_vote_notice_right(user);
    auto body = checked_body(r, user);
    const PublicVoteId id{id_param(r, "网络投票")};
    return created(open_for_vote(web, user, id, notice_form_of(body), audit_context(r, user)), web);
}

http::Response get_announcements(WebContext& web, http::Request& r) {
    std::optional<CampaignId> campaign;
    if (auto c = r.query("campaign_id")) {
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(c->data(), c->data() + c->size(), id);
        if (ec != std::errc() || end != c->data() + c->size() || id <= 0) {
            throw_invalid("campaign_id 应为编号", {{"campaign_id", "应为编号"}});
        }
        campaign = CampaignId{id};
    }
    const auto calendar = web.announcements.calendar();
    const Timestamp now = now_utc();
    Json list = Json::array();
    for (const auto& a : web.announcements.list(campaign)) {
        list.push_back(announcement_json(a, now, calendar));
    }
    return uncached(http::Response::json({{"announcements", list}}));
}

http::Response get_announcement(WebContext& web, http::Request& r) {
    const auto a = load_announcement(web, r.params.at("id"));
    return uncached(
        http::Response::json(announcement_json(a, now_utc(), web.announcements.calendar())));
}

http::Response post_objection(WebContext& web, http::Request& r) {
    const auto a = load_announcement(web, r.params.at("id"));
    auto body = json_object_body(r);
    NewObjection objection;
    const auto& work = body["work_id"];
    if (work.is_number_integer()) objection.work_id = work.get<std::int64_t>();
    objection.reason = optional_string(body, "reason");
    objection.name = optional_string(body, "name");
    objection.phone = optional_string(body, "phone");
    const std::string altcha = optional_string(body, "altcha");
    auto stored = submit_objection(web, r, a, objection, altcha, {});
    return uncached(http::Response::json(objection_json(stored, false, true), 201));
}

http::Response get_objection_by_code(WebContext& web, http::Request& r) {
    auto objection = objection_by_code(web, r, r.params.at("code"));
    return uncached(http::Response::json(objection_json(objection, false, true)));
}

http::Response get_objections(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto a = load_announcement(web, r.params.at("id"));
    require_answerer(web, user, a);
    Json list = Json::array();
    for (const auto& o : web.announcements.objections(a.id)) {
        list.push_back(objection_json(o, true, false));
    }
    return uncached(http::Response::json({{"announcement_id", a.id.value}, {"objections", list}}));
}

http::Response post_answer(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const ObjectionId id{id_param(r, "异议")};
    require_objection_answerer(web, user, id);
    auto body = checked_body(r, user);
    const auto& upheld = body["upheld"];
    if (!upheld.is_boolean()) {
        throw_invalid("请说明异议是否成立", {{"upheld", "应为 true 或 false"}});
    }
    AnswerForm form;
    form.answer = upheld.get<bool>() ? "upheld" : "dismissed";
    form.outcome = optional_string(body, "outcome");
    form.reason = optional_string(body, "reason");
    auto answered = answer_objection(web, user, id, form, audit_context(r, user));
    return uncached(http::Response::json(objection_json(answered, true, false)));
}

http::Response post_close(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    const AnnouncementId id{id_param(r, "公示")};
    auto closed = close_announcement(web, user, id, audit_context(r, user));
    return uncached(
        http::Response::json(announcement_json(closed, now_utc(), web.announcements.calendar())));
}

// ---- the working calendar

http::Response calendar_of(WebContext& web, int year) {
    Json days = Json::array();
    for (const auto& d : web.announcements.calendar_days(year)) {
        days.push_back({{"day", format_date(d.day)}, {"working", d.working}, {"name", d.name}});
    }
    return http::Response::json({{"year", year}, {"days", days}});
}

http::Response get_calendar(WebContext& web, http::Request& r) {
    const std::string& text = r.params.at("year");
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || year < 2000 || year > 2100) {
        throw_not_found("没有该年份的日历");
    }
    return calendar_of(web, year);
}

// PUT /api/v1/calendar/days/{date}: {"working": bool, "name"} sets a holiday or a weekend worked;
// {"clear": true} removes the day. System admins only.
http::Response put_calendar_day(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    if (!user.user.roles.has(Role::sysadmin)) throw_forbidden("只有系统管理员可以维护节假日");
    const auto day = parse_date(r.params.at("date"));
    if (!day) throw_not_found("日期应为 YYYY-MM-DD");
    const bool clear = body.value("clear", false) == true;
    store::CalendarDay entry{*day, false, ""};
    if (!clear) {
        const auto& working = body["working"];
        if (!working.is_boolean()) {
            throw_invalid("请说明该日是节假日还是调休上班", {{"working", "应为 true 或 false"}});
        }
        entry.working = working.get<bool>();
        entry.name = std::string(trim(required_string(body, "name", "名称")));
        std::map<std::string, std::string> errors;
        check_text(errors, "name", entry.name, "名称", 1, 20);
        if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
    }
    web.announcements.set_calendar_day(entry, clear, audit_context(r, user));
    return calendar_of(web, static_cast<int>(day->year()));
}

}  // namespace

void register_announcement_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("POST", "/api/v1/judging/{id}/announcements", bind(post_judging_notice));
    router.add("POST", "/api/v1/public-votes/{id}/announcements", bind(post_vote_notice));
    router.add("GET", "/api/v1/announcements", bind(get_announcements));
    router.add("GET", "/api/v1/announcements/{id}", bind(get_announcement));
    router.add("POST", "/api/v1/announcements/{id}/objections", bind(post_objection));
    router.add("GET", "/api/v1/announcements/{id}/objections", bind(get_objections));
    router.add("POST", "/api/v1/announcements/{id}/close", bind(post_close));
    router.add("GET", "/api/v1/objections/{code}", bind(get_objection_by_code));
    router.add("POST", "/api/v1/objections/{id}/answer", bind(post_answer));
    router.add("GET", "/api/v1/calendar/{year}", bind(get_calendar));
    router.add("PUT", "/api/v1/calendar/days/{date}", bind(put_calendar_day));
}

}  // namespace wangju::web::announcements
