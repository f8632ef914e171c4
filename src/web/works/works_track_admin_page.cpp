// The admin's pages of a track: /campaigns/{id}/tracks/{code}/edit shows the form of its
// description, contacts and rules and the form of each level's quota and deadline; both post back
// to it. Plain forms without JavaScript; a refused form is drawn again with a Chinese message
// beside each wrong input, and nothing is stored.
#include "domain/error.h"
#include "domain/work_permission.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"
#include "web/works/works_routes.h"
#include "web/works/works_track_form.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

struct EditedTrack {
    CurrentUser user;
    Campaign campaign;
    Track track;
};

EditedTrack edited_track(WebContext& web, const http::Request& r) {
    auto user = require_user(web, r);
    if (!may_edit_tracks(user.actor)) throw_forbidden("只有系统管理员可以修改子项目规则");
    auto campaign = load_campaign(web, r.params.at("id"));
    auto track = load_track(web, campaign, r.params.at("code"));
    return {std::move(user), std::move(campaign), std::move(track)};
}

std::string edit_url(const EditedTrack& edited) {
    return "/campaigns/" + std::to_string(edited.campaign.id.value) + "/tracks/" +
           edited.track.code + "/edit";
}

// One row per level of the chain; `refused` is the level whose form came back with `error`.
Json levels_view(WebContext& web, const Track& track, std::optional<ChainLevel> refused,
                 const FormFields& sent, const Error* error) {
    auto settings = web.works.levels(track.id);
    Json rows = Json::array();
    for (auto level : all_chain_levels()) {
        const auto* setting = setting_for(settings, level);
        Json row{{"level", to_string(level)},
                 {"label", label_zh(level)},
                 {"taking_part", setting != nullptr},
                 {"quota", setting ? std::to_string(setting->quota) : ""},
                 {"deadline", setting ? deadline_input_value(setting->deadline) : ""},
                 {"e", Json::object()}};
        if (refused == level && error) {
            row["quota"] = form_value(sent, "quota");
            row["deadline"] = form_value(sent, "deadline");
            for (const auto& [name, message] : error->fields()) row["e"][name] = message;
            row["has_error"] = true;
        }
        rows.push_back(row);
    }
    return rows;
}

struct Shown {
    FormFields track_form;
    std::map<std::string, std::string> track_errors;
    const Error* error = nullptr;  // drawn above the forms
    std::optional<ChainLevel> refused_level;
    FormFields level_form;
};

http::Response edit_page(WebContext& web, const http::Request& r, const EditedTrack& edited,
                         const Shown& shown) {
    Json data = track_form_view(shown.track_form, shown.track_errors);
    data["campaign"] = to_json(edited.campaign);
    data["track"] = {{"code", edited.track.code},
                     {"name", edited.track.name},
                     {"number", edited.track.number}};
    data["action"] = edit_url(edited);
    data["levels_action"] = "/campaigns/" + std::to_string(edited.campaign.id.value) + "/tracks/" +
                            edited.track.code + "/levels";
    data["levels"] = levels_view(web, edited.track, shown.refused_level, shown.level_form, shown.error);
    data["csrf"] = edited.user.session.csrf_token;
    auto done = r.query("done");
    if (done == "track_saved") data["done"] = "子项目规则已保存。";
    if (done == "level_saved") data["done"] = "推荐名额和截止时间已保存。";
    int status = 200;
    if (shown.error) {
        Json problems = Json::array();
        for (const auto& [name, text] : shown.error->fields())
            problems.push_back({{"label", input_label(name)}, {"text", text}});
        data["form_error"] = {{"message", shown.error->message()}, {"problems", problems}};
        status = http_status(shown.error->kind());
    }
    return show_page(r, web, &edited.user, "修改子项目规则:" + edited.track.name,
                     "works_track_edit", data, status);
}

http::Response get_edit(WebContext& web, http::Request& r) {
    auto edited = edited_track(web, r);
    return edit_page(web, r, edited, {track_form_values(edited.track), {}, nullptr, {}, {}});
}

http::Response post_edit(WebContext& web, http::Request& r) {
    auto edited = edited_track(web, r);
    require_csrf(r, edited.user);
    auto form = r.form();
    try {
        web.works.update_track(track_from_form(edited.track, form), audit_context(r, edited.user));
        return http::Response::redirect(edit_url(edited) + "?done=track_saved");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return edit_page(web, r, edited, {form, e.fields(), &e, {}, {}});
    }
}

http::Response post_level(WebContext& web, http::Request& r) {
    auto edited = edited_track(web, r);
    require_csrf(r, edited.user);
    auto form = r.form();
    auto level = parse_chain_level(form_value(form, "level"));
    if (!level) throw_invalid("请选择层级", {{"level", "层级不存在"}});
    try {
        web.works.set_level(level_from_form(edited.track.id, *level, form),
                            audit_context(r, edited.user));
        return http::Response::redirect(edit_url(edited) + "?done=level_saved#levels");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return edit_page(web, r, edited, {track_form_values(edited.track), {}, &e, *level, form});
    }
}

}  // namespace

void register_track_admin_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/tracks/{code}/edit", page_handler(web, get_edit));
    router.add("POST", "/campaigns/{id}/tracks/{code}/edit", page_handler(web, post_edit));
    router.add("POST", "/campaigns/{id}/tracks/{code}/levels", page_handler(web, post_level));
}

}  // namespace wangju::web::works
