// The pages of tracks and works: the track list with its rules, my works, the new and edit form,
// a work with its state, and the owner's actions. Each works without JavaScript.
#include "domain/error.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"
#include "web/works/works_routes.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

std::string work_url(const Work& work) { return "/works/" + std::to_string(work.id.value); }

std::map<std::string, std::string> values_of(const FormFields& form, const Track& track) {
    std::map<std::string, std::string> values;
    for (const auto& f : track.rules.fields) values[f.key] = form_value(form, "field_" + f.key);
    return values;
}

WorkContent content_of(const FormFields& form, const Track& track) {
    return {form_value(form, "title"), form_value(form, "authors"), values_of(form, track), {}};
}

http::Response get_works_home(WebContext& web, http::Request&) {
    // The newest campaign that takes works (a campaign may run without tracks).
    for (const auto& campaign : web.campaigns.campaigns()) {
        if (!web.works.tracks(campaign.id).empty())
            return http::Response::redirect("/campaigns/" + std::to_string(campaign.id.value) +
                                            "/tracks");
    }
    throw_not_found("尚未开展作品征集");
}

http::Response get_tracks(WebContext& web, http::Request& r) {
    auto user = current_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    Json tracks = Json::array();
    for (const auto& t : web.works.tracks(campaign.id))
        tracks.push_back(track_page_json(t, web.works.levels(t.id)));
    Json data{{"campaign", to_json(campaign)},
              {"tracks", tracks},
              {"logged_in", user.has_value()},
              {"can_edit_tracks", user && may_edit_tracks(user->actor)},
              {"can_review", user && user->user.roles.has(Role::unit_admin)}};
    return show_page(r, web, user ? &*user : nullptr, "作品征集子项目", "works_tracks", data);
}

Json edit_data(const Campaign& campaign, const Track& track, const WorkContent& content,
               const std::string& action, const CurrentUser& user) {
    return {{"campaign", to_json(campaign)},
            {"track", track_page_json(track, {})},
            {"action", action},
            {"title", content.title},
            {"authors", content.authors},
            {"fields", form_fields_json(track.rules.fields, content.form_values, {})},
            {"csrf", user.session.csrf_token}};
}

http::Response form_page(const http::Request& r, WebContext& web, const CurrentUser& user,
                         Json data, const Error* error) {
    int status = 200;
    if (error) {
        data["form_error"] = error_json(*error);
        for (auto& f : data["fields"]) {
            auto it = error->fields().find(f["key"].get<std::string>());
            if (it != error->fields().end()) f["error"] = it->second;
        }
        status = http_status(error->kind());
    }
    return show_page(r, web, &user, "填写作品", "works_edit", data, status);
}

http::Response get_new(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    const Track track = load_track(web, campaign, r.query("track").value_or(""));
    const std::string action = "/campaigns/" + std::to_string(campaign.id.value) + "/works";
    WorkContent blank{"", user.user.display_name, {}, {}};
    auto data = edit_data(campaign, track, blank, action, user);
    data["is_new"] = true;
    return form_page(r, web, user, data, nullptr);
}

http::Response post_new(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    auto form = r.form();
    const Track track = load_track(web, campaign, form_value(form, "track"));
    WorkForm work_form{track.code, "", content_of(form, track)};
    try {
        auto work = create_work(web, user, campaign, work_form, audit_context(r, user));
        return http::Response::redirect(work_url(work) + "?done=work_saved");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        auto data = edit_data(campaign, track, work_form.content,
                              "/campaigns/" + std::to_string(campaign.id.value) + "/works", user);
        data["is_new"] = true;
        return form_page(r, web, user, data, &e);
    }
}

http::Response get_mine(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = load_campaign(web, r.params.at("id"));
    std::map<std::int64_t, Track> tracks;
    Json track_list = Json::array();
    for (auto& t : web.works.tracks(campaign.id)) {
        track_list.push_back({{"code", t.code}, {"name", t.name}});
        tracks[t.id.value] = t;
    }
    Json works = Json::array();
    for (const auto& w : web.works.works_of_owner(user.user.id, campaign.id))
        works.push_back(work_page_json(w, tracks[w.track.value]));
    Json data{{"campaign", to_json(campaign)}, {"works", works}, {"has_works", !works.empty()},
              {"tracks", track_list}};
    return show_page(r, web, &user, "我的作品", "works_mine", data);
}

}  // namespace

http::Response work_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const Work& work, const Error* error);

namespace {

http::Response get_work(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return work_page(web, r, user, visible_work(web, user, r.params.at("id")), nullptr);
}

// Runs an action on a work from a form; an error the page can show is drawn on the work's page.
template <typename Action>
http::Response work_action(WebContext& web, http::Request& r, Action action) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const Work work = visible_work(web, user, r.params.at("id"));
    auto form = r.form();
    try {
        return http::Response::redirect(action(user, work, form));
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return work_page(web, r, user, visible_work(web, user, r.params.at("id")), &e);
    }
}

http::Response post_edit(WebContext& web, http::Request& r) {
    return work_action(web, r, [&](const CurrentUser& user, const Work& work, const FormFields& form) {
        auto track = web.works.find_track(work.track);
        save_work(web, user, work.id.value, content_of(form, *track), audit_context(r, user));
        return work_url(work) + "?done=work_saved";
    });
}

http::Response post_submit(WebContext& web, http::Request& r) {
    return work_action(web, r, [&](const CurrentUser& user, const Work& work, const FormFields&) {
        submit_work(web, user, work.id.value, audit_context(r, user));
        return work_url(work) + "?done=work_submitted";
    });
}

http::Response post_withdraw(WebContext& web, http::Request& r) {
    return work_action(web, r, [&](const CurrentUser& user, const Work& work, const FormFields&) {
        withdraw_work(web, user, work.id.value, audit_context(r, user));
        return work_url(work) + "?done=work_withdrawn";
    });
}

http::Response post_remove_file(WebContext& web, http::Request& r) {
    return work_action(web, r, [&](const CurrentUser& user, const Work& work, const FormFields& form) {
        std::size_t index = 0;
        try {
            index = std::stoul(form_value(form, "index"));
        } catch (const std::exception&) {
            throw_invalid("文件不存在");
        }
        remove_file(web, user, work.id.value, index, audit_context(r, user));
        return work_url(work);
    });
}

http::Response post_decision(WebContext& web, http::Request& r) {
    return work_action(web, r,
                       [&](const CurrentUser& user, const Work& work, const FormFields& form) {
                           require_decider(web, user, work.id.value);
                           auto decision = parse_decision(form_value(form, "decision"));
                           if (!decision)
                               throw_invalid("请选择审核意见", {{"decision", "请选择审核意见"}});
                           decide(web, user, work.id.value, *decision, form_value(form, "reason"),
                                  audit_context(r, user));
                           return "/campaigns/" + std::to_string(work.campaign.value) +
                                  "/review?done=work_decided";
                       });
}

}  // namespace

void register_works_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/works", page_handler(web, get_works_home));
    router.add("GET", "/campaigns/{id}/tracks", page_handler(web, get_tracks));
    router.add("GET", "/campaigns/{id}/works", page_handler(web, get_mine));
    router.add("GET", "/campaigns/{id}/works/new", page_handler(web, get_new));
    router.add("POST", "/campaigns/{id}/works", page_handler(web, post_new));
    router.add("GET", "/works/{id}", page_handler(web, get_work));
    router.add("POST", "/works/{id}/edit", page_handler(web, post_edit));
    router.add("POST", "/works/{id}/submit", page_handler(web, post_submit));
    router.add("POST", "/works/{id}/withdraw", page_handler(web, post_withdraw));
    router.add("POST", "/works/{id}/files/remove", page_handler(web, post_remove_file));
    router.add("POST", "/works/{id}/decision", page_handler(web, post_decision));
    register_review_page(router, web);
    register_track_admin_pages(router, web);
}

}  // namespace wangju::web::works
