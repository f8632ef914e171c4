// The exhibition's JSON API and files: GET /api/v1/campaigns/{id}/awards (published awards only),
// the certificates (/api/v1/awards/{id}/certificate.pdf, .../certificate/reissue,
// /api/v1/campaigns/{id}/certificates.zip, /api/v1/certificates/{code}, the campaign's
// certificate layout), and /exhibition/files/{sha256} (the files of exhibited works, for anyone).
#include <fstream>

#include "domain/base64.h"
#include "domain/error.h"
#include "export/works_zip.h"
#include "web/api_body.h"
#include "web/exhibition/exhibition_routes.h"
#include "web/exhibition/exhibition_views.h"
#include "web/json_views.h"
#include "web/temp_files.h"
#include "web/uploads/blob_routes.h"
#include "web/works/works_service.h"

namespace wangju::web::exhibition {
namespace {

using Json = nlohmann::json;

GalleryFilter filter_of(const http::Request& r) {
    return {r.query("track").value_or(""), r.query("tier").value_or(""),
            r.query("unit").value_or("")};
}

http::Response get_awards(WebContext& web, http::Request& r) {
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    const Gallery g = gallery(web, campaign, filter_of(r), now_utc());
    Json list = Json::array();
    for (const auto& item : g.items) list.push_back(award_json(item));
    return http::Response::json({{"campaign_id", campaign.id.value}, {"awards", list}});
}

http::Response get_certificate(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const auto award = load_award(web, r.params.at("id"), now_utc());
    // Someone who may not download it learns no more than that it is not theirs.
    if (!may_download_certificate(web, user, award)) throw_forbidden("只能下载本人或本单位的证书");
    return certificate_response(certificate_pdf(web, award), certificate_file_name(award));
}

Json certificate_json(WebContext& web, const store::PublicAward& award) {
    return {{"award_id", award.id.value},
            {"code", award.code},
            {"issued_at", format_utc(award.issued_at)},
            {"verify_url", verify_url(web, award.code)}};
}

http::Response post_reissue(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    const auto award = reissue_certificate(web, user, r.params.at("id"),
                                           optional_string(body, "reason"), audit_context(r, user));
    return http::Response::json(certificate_json(web, award));
}

http::Response get_certificates_zip(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    Unit unit;
    const auto awards = subtree_awards(web, user, campaign, r.query("unit").value_or(""), unit);
    TempFiles temp;
    std::vector<tables::ZipEntry> entries;
    for (const auto& award : awards) {
        const auto path = temp.add("certificate", ".pdf");
        {
            std::ofstream out(path, std::ios::binary);
            const std::string pdf = certificate_pdf(web, award);
            out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
            if (!out) throw std::runtime_error("certificates.zip: cannot write " + path.string());
        }
        const Unit at = *web.store.find_unit(award.work_unit);
        entries.push_back({tables::zip_segment(at.name) + "/" + std::to_string(award.id.value) +
                               " " + tables::zip_segment(award.tier + "-" + award.title) + ".pdf",
                           path, true});
    }
    const auto zip = temp.add("certificates", ".zip");
    tables::write_zip(zip, entries);
    auto opened = std::make_shared<const http::OpenFile>(zip);
    http::Response response;
    response.file = http::FileBody{zip, 0, opened->size(), nullptr, opened};
    return response.set_header("content-type", "application/zip")
        .set_header("content-disposition",
                    "attachment; filename=\"certificates.zip\"; filename*=UTF-8''" +
                        http::percent_encode("荣誉证书-" + unit.name + ".zip"));
}

http::Response get_verification(WebContext& web, http::Request& r) {
    const auto v = verify_certificate(web, r.params.at("code"));
    if (!v.found) throw_not_found("核验码不存在,证书不是本站颁发的");
    Json out = {{"code", v.code},
                {"genuine", !v.replaced},
                {"replaced", v.replaced},
                {"issued_at", format_utc(v.lookup->issued_at)},
                {"campaign", v.campaign_name}};
    if (v.award) {
        out["award"] = award_json(*v.award);
    } else {
        out["organisation_award"] = {{"unit", v.organisation_unit},
                                     {"issuer", v.organisation_issuer},
                                     {"tier", "优秀组织奖"}};
    }
    if (v.replaced) {
        out["replaced_at"] = format_utc(*v.lookup->replaced_at);
        out["reason"] = v.lookup->reason;
    }
    return http::Response::json(out);
}

Json layout_json(const CertificateLayout& layout) {
    return {{"title", layout.title},
            {"issuer", layout.issuer},
            {"issued_on", layout.issued_on ? Json(format_date(*layout.issued_on)) : Json(nullptr)},
            {"seal_png_base64",
             layout.seal_png.empty() ? Json(nullptr) : Json(base64_encode(layout.seal_png))}};
}

http::Response get_layout(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    return http::Response::json(layout_json(certificate_layout(web, user, campaign)));
}

http::Response put_layout(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign campaign = works::load_campaign(web, r.params.at("id"));
    require_layout_editor(web, user, campaign);
    auto body = checked_body(r, user);
    std::string seal_png;
    if (const auto seal = optional_string(body, "seal_png_base64"); !seal.empty()) {
        auto bytes = base64_decode(seal);
        if (!bytes)
            throw_invalid("印章图片应为 base64 编码的 PNG", {{"seal_png_base64", "不是 base64"}});
        seal_png = std::move(*bytes);
    }
    CertificateLayout layout =
        layout_from(required_string(body, "title", "证书标题"), optional_string(body, "issuer"),
                    optional_string(body, "issued_on"), std::move(seal_png));
    try {
        return http::Response::json(layout_json(
            set_certificate_layout(web, user, campaign, layout, audit_context(r, user))));
    } catch (Error& e) {
        // The API names the field as the body does.
        if (e.fields().count("seal"))
            throw_invalid(e.message(), {{"seal_png_base64", e.fields().at("seal")}});
        throw;
    }
}

// The files of exhibited works and their previews, for anyone.
http::Response exhibited_file(WebContext& web, http::Request& r, FileForm form) {
    return public_file(web, r, form, [&web](const std::string& sha256) {
        return is_exhibited_file(web, sha256, now_utc());
    });
}

}  // namespace

http::Response certificate_response(std::string pdf, const std::string& file_name) {
    auto response = http::Response::text(std::move(pdf), "application/pdf");
    response.set_header("content-disposition",
                        "attachment; filename=\"certificate.pdf\"; filename*=UTF-8''" +
                            http::percent_encode(file_name));
    response.set_header("cache-control", "no-store");
    return response;
}

void register_exhibition_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    router.add("GET", "/api/v1/campaigns/{id}/awards", bind(get_awards));
    router.add("GET", "/api/v1/campaigns/{id}/certificates.zip", bind(get_certificates_zip));
    router.add("GET", "/api/v1/campaigns/{id}/certificate-layout", bind(get_layout));
    http::RouteOptions layout_body;
    layout_body.max_body = 1024 * 1024;
    layout_body.too_large = "印章图片不能超过 512 KB";
    router.add("PUT", "/api/v1/campaigns/{id}/certificate-layout", bind(put_layout), layout_body);
    router.add("GET", "/api/v1/awards/{id}/certificate.pdf", bind(get_certificate));
    router.add("POST", "/api/v1/awards/{id}/certificate/reissue", bind(post_reissue));
    router.add("GET", "/api/v1/certificates/{code}", bind(get_verification));
    router.add("GET", "/exhibition/files/{sha256}",
               [&web](http::Request& r) { return exhibited_file(web, r, FileForm::original); });
    router.add("GET", "/exhibition/files/{sha256}/preview",
               [&web](http::Request& r) { return exhibited_file(web, r, FileForm::preview); });
    router.add("GET", "/exhibition/files/{sha256}/thumbnails/{width}",
               [&web](http::Request& r) { return exhibited_file(web, r, FileForm::thumbnail); });
}

}  // namespace wangju::web::exhibition
