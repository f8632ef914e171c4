// The tus 1.0 endpoint at /api/v1/uploads (creation, termination, checksum, expiration) and a
// JSON view of one upload. Any logged-in user may upload; only the owner may touch an upload.
//
// CSRF: creation, PATCH and DELETE require the session's token in X-CSRF-Token, as every other
// state-changing API call does. tus-js-client sends extra headers on every request (its
// `headers` option), so this costs the browser nothing, and it does not rest on the assumption
// that a custom header (Tus-Resumable) always forces a CORS preflight that this site refuses.
#include <fmt/format.h>

#include "http/body_sink.h"
#include "media/media_facts_json.h"
#include "web/auth.h"
#include "web/error_response.h"
#include "web/routes.h"
#include "web/uploads/blob_routes.h"
#include "web/uploads/tus_headers.h"

namespace wangju::web {

namespace {

constexpr const char* collection = "/api/v1/uploads";
constexpr const char* member = "/api/v1/uploads/{id}";

// An answer with the tus status codes that ErrorKind does not name (412, 415, 460).
http::Response tus_error(const http::Request& request, int status, const Error& error) {
    auto response = render_error(request, error);
    response.status = status;
    return tus::with_tus(response);
}

// Every request but OPTIONS must speak our tus version.
void require_tus_version(const http::Request& request) {
    auto sent = request.header("tus-resumable");
    if (!sent || *sent != tus::version)
        throw Error(ErrorKind::invalid_input, "不支持的上传协议版本（需要 Tus-Resumable: 1.0.0）");
}

std::optional<http::Response> version_mismatch(const http::Request& request) {
    try {
        require_tus_version(request);
        return std::nullopt;
    } catch (const Error& error) {
        auto response = tus_error(request, 412, error);
        response.set_header("tus-version", std::string(tus::version));
        return response;
    }
}

std::string location_of(const media::Upload& upload) {
    return fmt::format("{}/{}", collection, upload.id);
}

http::Response options(WebContext& web) {
    auto response = http::Response::no_content();
    response.set_header("tus-version", std::string(tus::version));
    response.set_header("tus-extension", std::string(tus::extensions));
    response.set_header("tus-max-size", std::to_string(web.media.uploads.limits().max_size));
    response.set_header("tus-checksum-algorithm", std::string(tus::checksum_algorithms));
    return tus::with_tus(response);
}

http::Response create(WebContext& web, http::Request& request) {
    if (auto refusal = version_mismatch(request)) return *refusal;
    auto user = require_user(web, request);
    require_csrf(request, user);
    if (request.header("upload-defer-length"))
        throw_invalid("必须在开始上传时给出文件大小（Upload-Length）");
    auto length_header = request.header("upload-length");
    if (!length_header) throw_invalid("缺少文件大小（Upload-Length）", {{"Upload-Length", "必填"}});
    auto length = tus::parse_size(*length_header, "Upload-Length");
    auto metadata = tus::parse_metadata(request.header("upload-metadata").value_or(""));
    auto upload = web.media.uploads.create(user.user.id, length, std::move(metadata),
                                           audit_context(request, user));
    http::Response response;
    response.status = 201;
    response.set_header("location", location_of(upload));
    return tus::with_upload_state(response, upload);
}

http::Response head(WebContext& web, http::Request& request) {
    if (auto refusal = version_mismatch(request)) return *refusal;
    auto user = require_user(web, request);
    auto upload = web.media.uploads.owned_upload(request.params.at("id"), user.user.id);
    http::Response response;
    response.status = 200;
    return tus::with_upload_state(response, upload);
}

http::Response terminate(WebContext& web, http::Request& request) {
    if (auto refusal = version_mismatch(request)) return *refusal;
    auto user = require_user(web, request);
    require_csrf(request, user);
    web.media.uploads.terminate(request.params.at("id"), user.user.id,
                                audit_context(request, user));
    auto response = http::Response::no_content();
    return tus::with_tus(response);
}

nlohmann::json upload_json(const media::Upload& upload) {
    nlohmann::json json = {{"id", upload.id},
                           {"filename", upload.filename},
                           {"length", upload.length},
                           {"offset", upload.offset},
                           {"state", media::state_name(upload.state)}};
    if (upload.sha256) json["sha256"] = *upload.sha256;
    if (upload.facts) json["facts"] = media::to_json(*upload.facts);
    if (upload.refusal) json["refusal"] = *upload.refusal;
    if (upload.attached_to) json["attached_to"] = *upload.attached_to;
    return json;
}

http::Response show(WebContext& web, http::Request& request) {
    auto user = require_user(web, request);
    return http::Response::json(
        upload_json(web.media.uploads.owned_upload(request.params.at("id"), user.user.id)));
}

// One PATCH: the body goes straight into the upload's file.
class PatchSink : public http::BodySink {
  public:
    PatchSink(const http::Request& request, std::unique_ptr<media::UploadChunk> chunk)
        : request_(request), chunk_(std::move(chunk)) {}

    void write(std::string_view piece) override { chunk_->write(piece); }

    http::Response finish() override {
        try {
            auto upload = chunk_->finish();
            auto response = http::Response::no_content();
            return tus::with_upload_state(response, upload);
        } catch (const media::ChecksumMismatch& mismatch) {
            return tus_error(request_, 460, mismatch);
        }
    }

    void abandon() noexcept override { chunk_->abandon(); }

  private:
    http::Request request_;  // a copy of the header part, for error answers
    std::unique_ptr<media::UploadChunk> chunk_;
};

std::unique_ptr<http::BodySink> open_patch(WebContext& web, http::Request& request) {
    require_tus_version(request);
    auto user = require_user(web, request);
    require_csrf(request, user);
    // Not found for anyone but the owner, before the headers are checked.
    web.media.uploads.owned_upload(request.params.at("id"), user.user.id);
    if (request.header("content-type") != std::optional<std::string_view>("application/offset+octet-stream"))
        throw_invalid("上传数据的类型必须是 application/offset+octet-stream");
    auto offset_header = request.header("upload-offset");
    if (!offset_header) throw_invalid("缺少上传位置（Upload-Offset）", {{"Upload-Offset", "必填"}});
    auto offset = tus::parse_size(*offset_header, "Upload-Offset");
    std::optional<media::ChunkChecksum> checksum;
    if (auto header = request.header("upload-checksum")) checksum = tus::parse_checksum(*header);
    auto chunk = web.media.uploads.begin_chunk(request.params.at("id"), user.user.id, offset,
                                               std::move(checksum), audit_context(request, user));
    return std::make_unique<PatchSink>(request, std::move(chunk));
}

}  // namespace

void register_upload_routes(http::Router& router, WebContext& web) {
    router.add("OPTIONS", collection, [&web](http::Request&) { return options(web); });
    router.add("POST", collection, [&web](http::Request& r) { return create(web, r); });
    router.add("HEAD", member, [&web](http::Request& r) { return head(web, r); });
    router.add("GET", member, [&web](http::Request& r) { return show(web, r); });
    router.add("DELETE", member, [&web](http::Request& r) { return terminate(web, r); });
    http::RouteOptions streamed;
    streamed.max_body = web.media.uploads.limits().max_size;
    streamed.body_sink = [&web](http::Request& r) { return open_patch(web, r); };
    router.add(
        "PATCH", member,
        [](http::Request&) -> http::Response { throw std::logic_error("streamed route"); },
        streamed);
    register_blob_routes(router, web);
}

}  // namespace wangju::web
