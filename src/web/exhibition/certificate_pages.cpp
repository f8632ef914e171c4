// The certificates page of a campaign (/campaigns/{id}/certificates): everyone logged in finds the
// certificates they may download (a winner their own, a unit admin their subtree's, with the zip);
// the campaign's admins set the layout (title, issuing unit, date, seal), and the judging's admins
// re-issue a certificate with a reason (the old code then verifies as replaced).
#include "domain/error.h"
#include "domain/text.h"
#include "web/campaign/organisation_award_service.h"
#include "web/exhibition/exhibition_routes.h"
#include "web/exhibition/exhibition_service.h"
#include "web/exhibition/exhibition_views.h"
#include "web/multipart_form.h"
#include "web/page_forms.h"
#include "web/pages.h"
#include "web/works/works_service.h"

namespace wangju::web::exhibition {
namespace {

using Json = nlohmann::json;

std::string page_path(const Campaign& campaign) {
    return "/campaigns/" + std::to_string(campaign.id.value) + "/certificates";
}

// The page; `extra` holds a form's error and what was typed.
http::Response certificates_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                                 const Campaign& campaign, Json extra = Json::object(),
                                 int status = 200) {
    Json rows = Json::array();
    for (const auto& entry : certificates_for(web, user, campaign)) {
        Json row = award_json(entry.item);
        const auto id = std::to_string(entry.item.award.id.value);
        row["certificate_url"] = "/api/v1/awards/" + id + "/certificate.pdf";
        row["verify_url"] = "/certificates/" + entry.item.award.code;
        row["code"] = entry.item.award.code;
        row["issued_on"] = chinese_date(shanghai_date(entry.item.award.issued_at));
        row["may_reissue"] = entry.may_reissue;
        row["reissue_action"] = page_path(campaign) + "/" + id + "/reissue";
        if (extra.contains("reissue_error") && extra["reissue_award"] == entry.item.award.id.value)
            row["error"] = extra["reissue_error"];
        rows.push_back(std::move(row));
    }
    Json organisation = Json::array();
    for (const auto& entry : campaign::organisation_certificates_for(web, user, campaign)) {
        organisation.push_back({{"unit", entry.unit.name},
                                {"issuer", entry.issuer.name},
                                {"code", entry.code},
                                {"url", entry.url},
                                {"issued_on", chinese_date(shanghai_date(entry.issued_at))}});
    }
    Json data = {{"campaign",
                  {{"id", campaign.id.value}, {"year", campaign.year}, {"name", campaign.name}}},
                 {"unit", {{"code", user.unit.code}, {"name", user.unit.name}}},
                 {"certificates", rows},
                 {"has_certificates", !rows.empty()},
                 {"organisation_certificates", organisation},
                 {"has_organisation_certificates", !organisation.empty()},
                 {"may_zip", user.user.roles.has(Role::unit_admin) ||
                                 user.user.roles.has(Role::sysadmin)},
                 {"done", done_notice(r)},
                 {"layout", nullptr}};
    if (may_edit_certificate_layout(web, user, campaign)) {
        const auto layout = web.exhibition.layout(campaign.id);
        data["layout"] = {{"title", layout.title},
                          {"issuer", layout.issuer},
                          {"issued_on", layout.issued_on ? format_date(*layout.issued_on) : ""},
                          {"has_seal", !layout.seal_png.empty()}};
    }
    data.update(extra);
    return show_page(r, web, &user, "荣誉证书", "exhibition_certificates", std::move(data), status);
}

http::Response get_page(WebContext& web, http::Request& r) {
    const auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return certificates_page(web, r, user, campaign);
}

// POST /campaigns/{id}/certificates/layout (multipart: the seal is a file). No new seal keeps
// the one set, unless "remove_seal" is ticked.
http::Response post_layout(WebContext& web, http::Request& r) {
    const auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    require_layout_editor(web, user, campaign);
    FormFields typed;
    try {
        const auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
        typed = form.fields;
        require_csrf_token(user, form_value(form.fields, "csrf"));
        std::string seal;
        for (const auto& f : form.files)
            if (f.field == "seal" && !f.bytes.empty()) seal = f.bytes;
        if (seal.empty() && form_value(form.fields, "remove_seal").empty())
            seal = web.exhibition.layout(campaign.id).seal_png;
        set_certificate_layout(
            web, user, campaign,
            layout_from(std::string(trim(form_value(form.fields, "title"))),
                        std::string(trim(form_value(form.fields, "issuer"))),
                        std::string(trim(form_value(form.fields, "issued_on"))), std::move(seal)),
            audit_context(r, user));
        return http::Response::redirect(page_path(campaign) + "?done=certificate_layout_saved");
    } catch (const Error& e) {
        if (!shown_in_form(e)) throw;
        return certificates_page(web, r, user, campaign, form_error_context(e, "layout", typed),
                                 http_status(e.kind()));
    }
}

// POST /campaigns/{id}/certificates/{award}/reissue (reason).
http::Response post_reissue(WebContext& web, http::Request& r) {
    const auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const auto form = r.form();
    require_csrf(r, user);
    const auto& award = r.params.at("award");
    try {
        reissue_certificate(web, user, award, form_value(form, "reason"), audit_context(r, user));
        return http::Response::redirect(page_path(campaign) + "?done=certificate_reissued");
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input) throw;
        Json extra{{"reissue_error", e.message()}, {"reissue_award", std::stoll(award)}};
        return certificates_page(web, r, user, campaign, extra, http_status(e.kind()));
    }
}

}  // namespace

void register_certificate_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/campaigns/{id}/certificates", page_handler(web, get_page));
    http::RouteOptions layout_body;
    layout_body.max_body = 1024 * 1024;
    layout_body.too_large = "印章图片不能超过 512 KB";
    router.add("POST", "/campaigns/{id}/certificates/layout", page_handler(web, post_layout),
               layout_body);
    router.add("POST", "/campaigns/{id}/certificates/{award}/reissue",
               page_handler(web, post_reissue));
}

}  // namespace wangju::web::exhibition
