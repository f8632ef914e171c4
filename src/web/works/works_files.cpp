// Files of works from finished uploads (POST /api/v1/works/{id}/files) and who may read a work's
// blobs: whoever may see a work holding it (media/media_library.h access rule).
#include "domain/error.h"
#include "media/probe.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/works/works_json.h"
#include "web/works/works_routes.h"
#include "web/works/works_service.h"

namespace wangju::web::works {
namespace {

// The upload's facts; an upload finished before probing existed is probed now.
MediaFacts facts_of(WebContext& web, const media::Upload& upload) {
    if (upload.facts) return *upload.facts;
    return media::probe(web.media.blobs.path_of(*upload.sha256));
}

http::Response post_file(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Work work = owned_work(web, user, visible_work(web, user, r.params.at("id")).id.value);
    auto body = checked_body(r, user);
    const std::string upload_id = required_string(body, "upload_id", "上传标识");
    const std::string target = "work:" + std::to_string(work.id.value);
    const media::Upload upload = web.media.uploads.owned_upload(upload_id, user.user.id);
    if (upload.state == media::UploadState::refused)
        throw_invalid(upload.refusal.value_or("文件不符合要求"), {{"upload_id", "文件不符合要求"}});
    if (upload.state != media::UploadState::finished || !upload.sha256)
        throw_conflict("文件尚未上传完成");
    // Checked before the work changes, so that a refused attach leaves the work as it was.
    if (upload.attached_to && *upload.attached_to != target)
        throw_conflict("该文件已被其他作品使用");
    const MediaFacts facts = facts_of(web, upload);
    WorkFile file{*upload.sha256, upload.length, upload.filename, facts.mime_type, facts};
    const auto ctx = audit_context(r, user);
    // A file breaking a track rule is refused (400 naming the rule and the measured value)
    // before anything changes. The upload is then marked as used before the work takes the file:
    // were the server to stop between the two, an upload would be kept that no work holds,
    // rather than a work holding a file whose upload expires and whose blob is then collected.
    const Work checked = check_file_for_work(web, user, work.id.value, file);
    web.media.uploads.attach(upload_id, user.user.id, target, ctx);
    try {
        Work saved = add_checked_file(web, checked, file, ctx);
        return http::Response::json(work_json(saved), 201);
    } catch (...) {
        if (!upload.attached_to) web.media.uploads.detach(upload_id, target, ctx);
        throw;
    }
}

}  // namespace

void register_works_files(http::Router& router, WebContext& web) {
    router.add("POST", "/api/v1/works/{id}/files",
               [&web](http::Request& r) { return post_file(web, r); });
    web.media.add_access_rule([&web](const Actor& actor, const std::string& sha256) {
        for (WorkId id : web.works.works_holding(sha256)) {
            auto work = web.works.find_work(id);
            if (work && may_see_work(actor, *work, reach_of(web, *work))) return true;
        }
        return false;
    });
}

}  // namespace wangju::web::works
