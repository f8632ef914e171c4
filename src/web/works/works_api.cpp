// The JSON API of tracks, works and the recommendation chain (/api/v1/campaigns/{id}/tracks,
// /api/v1/works/...). Handlers parse, call works_service and answer.
#include "domain/error.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/routes.h"
#include "web/works/works_json.h"
#include "web/works/works_routes.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

std::map<std::string, std::string> form_values_of(const Json& body) {
    std::map<std::string, std::string> out;
    auto it = body.find("form_values");
    if (it == body.end() || it->is_null()) return out;
    if (!it->is_object()) throw_invalid("表单内容格式错误", {{"form_values", "应为对象"}});
    for (const auto& [k, v] : it->items()) {
        if (v.is_string()) out[k] = v.get<std::string>();
        else if (v.is_number()) out[k] = v.dump();
        else if (!v.is_null()) throw_invalid("表单内容格式错误", {{k, "应为文字或数字"}});
    }
    return out;
}

WorkContent content_of(const Json& body) {
    WorkContent c;
    c.title = optional_string(body, "title");
    c.authors = optional_string(body, "authors");
    c.form_values = form_values_of(body);
    return c;
}

std::int64_t work_id(WebContext& web, const CurrentUser& user, const http::Request& r) {
    return visible_work(web, user, r.params.at("id")).id.value;
}

http::Response get_tracks(WebContext& web, http::Request& r) {
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& t : web.works.tracks(campaign.id))
        list.push_back(track_json(t, web.works.levels(t.id)));
    return http::Response::json({{"campaign_id", campaign.id.value}, {"tracks", list}});
}

http::Response put_track(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    if (!may_edit_tracks(user.actor)) throw_forbidden("只有系统管理员可以修改子项目规则");
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Track track = load_track(web, campaign, r.params.at("code"));
    if (body.contains("name")) track.name = required_string(body, "name", "子项目名称");
    if (body.contains("kinds")) track.kinds = optional_string(body, "kinds");
    if (body.contains("description")) track.description = optional_string(body, "description");
    if (body.contains("contacts")) track.contacts = contacts_from_json(body["contacts"]);
    if (body.contains("rules")) track.rules = track_rules_from_json(body["rules"]);
    auto saved = web.works.update_track(track, audit_context(r, user));
    return http::Response::json(track_json(saved, web.works.levels(saved.id)));
}

http::Response put_level(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    if (!may_edit_tracks(user.actor)) throw_forbidden("只有系统管理员可以设置推荐名额和截止时间");
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    const Track track = load_track(web, campaign, r.params.at("code"));
    auto level = parse_chain_level(r.params.at("level"));
    if (!level) throw_not_found("层级“" + r.params.at("level") + "”不存在");
    if (!body.contains("quota") || !body["quota"].is_number_integer())
        throw_invalid("请填写推荐名额", {{"quota", "应为整数"}});
    auto deadline = parse_utc(optional_string(body, "deadline"));
    if (!deadline) {
        throw_invalid("截止时间格式应为 YYYY-MM-DDTHH:MM:SSZ",
                      {{"deadline", "格式应为 YYYY-MM-DDTHH:MM:SSZ"}});
    }
    LevelSetting setting{track.id, *level, body["quota"].get<int>(), *deadline};
    web.works.set_level(setting, audit_context(r, user));
    return http::Response::json(track_json(track, web.works.levels(track.id)));
}

http::Response post_work(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_submitter(user);
    auto body = checked_body(r, user);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    WorkForm form;
    form.track_code = required_string(body, "track", "子项目");
    form.unit_code = optional_string(body, "unit");
    form.content = content_of(body);
    auto work = create_work(web, user, campaign, form, audit_context(r, user));
    return http::Response::json(work_json(work), 201)
        .set_header("location", "/api/v1/works/" + std::to_string(work.id.value));
}

http::Response get_mine(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& w : web.works.works_of_owner(user.user.id, campaign.id))
        list.push_back(work_json(w));
    return http::Response::json({{"works", list}});
}

http::Response get_review(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Json list = Json::array();
    for (const auto& item : review_queue(web, user, campaign)) list.push_back(queue_item_json(item));
    return http::Response::json({{"unit", user.unit.code}, {"works", list}});
}

http::Response get_counts(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    const std::string code = r.query("unit").value_or("");
    const Unit unit = counted_unit(web, user, code);
    return http::Response::json(
        {{"unit", unit.code}, {"tracks", counts_json(work_counts(web, user, campaign, unit.code))}});
}

http::Response get_work(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Work work = visible_work(web, user, r.params.at("id"));
    Json j = work_json(work);
    Json decisions = Json::array();
    for (const auto& d : web.works.decisions(work.id)) {
        auto unit = web.store.find_unit(d.unit);
        decisions.push_back({{"unit", unit ? unit->code : ""},
                             {"unit_name", unit ? unit->name : ""},
                             {"decision", to_string(d.decision)},
                             {"decision_label", label_zh(d.decision)},
                             {"reason", d.reason},
                             {"decided_at", format_utc(d.decided_at)},
                             {"active", d.active}});
    }
    j["decisions"] = decisions;
    if (work.position) {
        if (auto unit = web.store.find_unit(*work.position)) {
            j["position"] = {{"code", unit->code}, {"name", unit->name}};
        }
    }
    return http::Response::json(j);
}

http::Response patch_work(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    auto work = save_work(web, user, work_id(web, user, r), content_of(body), audit_context(r, user));
    return http::Response::json(work_json(work));
}

http::Response post_submit(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    return http::Response::json(
        work_json(submit_work(web, user, work_id(web, user, r), audit_context(r, user))));
}

http::Response post_withdraw(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    return http::Response::json(
        work_json(withdraw_work(web, user, work_id(web, user, r), audit_context(r, user))));
}

http::Response post_decision(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const std::int64_t id = work_id(web, user, r);
    require_decider(web, user, id);
    auto body = checked_body(r, user);
    const auto text = required_string(body, "decision", "审核意见");
    auto decision = parse_decision(text);
    if (!decision) {
        throw_invalid("审核意见应为 recommend、not_recommend 或 return",
                      {{"decision", "应为 recommend、not_recommend 或 return"}});
    }
    auto work =
        decide(web, user, id, *decision, optional_string(body, "reason"), audit_context(r, user));
    return http::Response::json(work_json(work));
}

http::Response get_versions(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Work work = visible_work(web, user, r.params.at("id"));
    Json list = Json::array();
    for (const auto& v : web.works.versions(work.id)) {
        Json files = Json::array();
        for (const auto& f : v.content.files) files.push_back(work_file_json(f));
        list.push_back({{"version", v.version},
                        {"state", to_string(v.state)},
                        {"title", v.content.title},
                        {"authors", v.content.authors},
                        {"form_values", form_values_json(v.content.form_values)},
                        {"files", files},
                        {"saved_at", format_utc(v.saved_at)}});
    }
    return http::Response::json({{"versions", list}});
}

http::Response delete_file(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const auto& text = r.params.at("index");
    std::size_t index = 0;
    try {
        index = std::stoul(text);
    } catch (const std::exception&) {
        throw_not_found("文件不存在");
    }
    return http::Response::json(work_json(
        remove_file(web, user, work_id(web, user, r), index, audit_context(r, user))));
}

}  // namespace

void register_works_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("GET", "/api/v1/campaigns/{id}/tracks", bind(get_tracks));
    router.add("PUT", "/api/v1/campaigns/{id}/tracks/{code}", bind(put_track));
    router.add("PUT", "/api/v1/campaigns/{id}/tracks/{code}/levels/{level}", bind(put_level));
    router.add("POST", "/api/v1/campaigns/{id}/works", bind(post_work));
    router.add("GET", "/api/v1/campaigns/{id}/works/mine", bind(get_mine));
    router.add("GET", "/api/v1/campaigns/{id}/review", bind(get_review));
    router.add("GET", "/api/v1/campaigns/{id}/works/counts", bind(get_counts));
    router.add("GET", "/api/v1/works/{id}", bind(get_work));
    router.add("PATCH", "/api/v1/works/{id}", bind(patch_work));
    router.add("POST", "/api/v1/works/{id}/submit", bind(post_submit));
    router.add("POST", "/api/v1/works/{id}/withdraw", bind(post_withdraw));
    router.add("POST", "/api/v1/works/{id}/decision", bind(post_decision));
    router.add("GET", "/api/v1/works/{id}/versions", bind(get_versions));
    router.add("DELETE", "/api/v1/works/{id}/files/{index}", bind(delete_file));
}

}  // namespace wangju::web::works

namespace wangju::web {

void register_works_routes(http::Router& router, WebContext& web) {
    works::register_works_api(router, web);
    works::register_works_pages(router, web);
    works::register_works_tables(router, web);
    works::register_works_files(router, web);
    works::register_recommended_zip(router, web);
}

}  // namespace wangju::web
