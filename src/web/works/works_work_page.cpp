// GET /works/{id}: a work with its state, where it stands, the path it came by, its files and
// versions, and the forms its owner (edit, submit, withdraw) or the deciding admin may use.
#include "domain/error.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_page_data.h"
#include "web/works/works_routes.h"

namespace wangju::web::works {
namespace {

using Json = nlohmann::json;

std::string done_text(const http::Request& r) {
    static const std::map<std::string, std::string> texts = {
        {"work_saved", "作品已保存。"},
        {"work_submitted", "作品已提交,等待审核。"},
        {"work_withdrawn", "作品已撤回。"},
        {"file_attached", "文件已通过检查并添加到作品。"},
        {"work_decided", "审核意见已保存。"}};
    auto key = r.query("done");
    if (!key) return "";
    auto it = texts.find(*key);
    return it == texts.end() ? "" : it->second;
}

Json decisions_json(WebContext& web, const Work& work) {
    Json list = Json::array();
    for (const auto& d : web.works.decisions(work.id)) {
        auto unit = web.store.find_unit(d.unit);
        list.push_back({{"unit_name", unit ? unit->name : ""},
                        {"decision", label_zh(d.decision)},
                        {"reason", d.reason},
                        {"at", local_time(d.decided_at)},
                        {"active", d.active}});
    }
    return list;
}

// The awards of the work whose lists are published and public by now.
Json public_awards_json(WebContext& web, const Work& work) {
    Json list = Json::array();
    for (const auto& a : web.exhibition.public_awards_of_work(work.id, now_utc())) {
        auto unit = web.store.find_unit(a.judging_unit);
        list.push_back({{"tier", a.tier},
                        {"by", unit ? unit->name : ""},
                        {"certificate_url", "/api/v1/awards/" + std::to_string(a.id.value) +
                                                "/certificate.pdf"},
                        {"exhibition_url", "/exhibition/works/" + std::to_string(work.id.value)}});
    }
    return list;
}

bool decided_on(WebContext& web, const Work& work) {
    for (const auto& d : web.works.decisions(work.id)) {
        if (d.active) return true;
    }
    return false;
}

}  // namespace

http::Response work_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                         const Work& work, const Error* error) {
    auto track = web.works.find_track(work.track);
    auto campaign = load_campaign(web, work.campaign.value);
    Json data = work_page_json(work, *track);
    const bool owner = may_edit_work(user.actor, work);
    const bool editable_state = work.state == WorkState::draft || work.state == WorkState::returned ||
                                work.state == WorkState::withdrawn ||
                                (work.state == WorkState::pending && !decided_on(web, work));
    data["campaign"] = to_json(campaign);
    data["csrf"] = user.session.csrf_token;
    data["is_owner"] = owner;
    data["can_edit"] = owner && editable_state;
    data["can_submit"] = owner && (work.state == WorkState::draft || work.state == WorkState::returned ||
                                   work.state == WorkState::withdrawn);
    data["can_withdraw"] = owner && (work.state == WorkState::pending ||
                                     work.state == WorkState::not_recommended ||
                                     work.state == WorkState::entry);
    data["can_decide"] = work.state == WorkState::pending && work.position == user.unit.id &&
                         may_decide_at(user.actor, user.unit);
    data["is_returned"] = work.state == WorkState::returned;
    if (work.position) {
        if (auto unit = web.store.find_unit(*work.position)) data["position"] = unit->name;
    }
    data["decisions"] = decisions_json(web, work);
    data["has_decisions"] = !data["decisions"].empty();
    data["fields"] = form_fields_json(track->rules.fields, work.content.form_values, {});
    data["rules"] = describe_rules(track->rules);
    data["accepts_files"] = !track->rules.files.formats.empty();
    data["versions"] = web.works.versions(work.id).size();
    data["awards"] = public_awards_json(web, work);
    data["has_awards"] = !data["awards"].empty();
    data["done"] = done_text(r);
    int status = 200;
    if (error) {
        data["form_error"] = error_json(*error);
        status = http_status(error->kind());
    }
    return show_page(r, web, &user, work.content.title, "works_show", data, status);
}

}  // namespace wangju::web::works
