// Stored files for the browser: GET /api/v1/blobs/{sha256} (with byte ranges, so that video and
// audio play and seek) and /api/v1/blobs/{sha256}/preview (poster frame or thumbnail). Readable
// by whoever uploaded the file and by those a feature's access rule admits
// (MediaLibrary::add_access_rule).
#include <charconv>

#include <fmt/format.h>

#include "http/byte_range.h"
#include "media/previews.h"
#include "web/auth.h"
#include "web/uploads/blob_routes.h"
#include "web/routes.h"

namespace wangju::web {

namespace {

// Content never changes under its name, so the browser may keep it; "private": it is not public.
constexpr const char* cache_control = "private, max-age=31536000, immutable";

}  // namespace

http::Response ranged_file(const http::Request& request, const media::BlobRecord& blob,
                           const std::filesystem::path& path) {
    http::Response response;
    response.set_header("content-type", blob.mime_type);
    response.set_header("accept-ranges", "bytes");
    response.set_header("etag", "\"" + blob.sha256 + "\"");
    response.set_header("cache-control", cache_control);
    response.set_header("content-disposition", "inline");
    http::ByteRange range{0, blob.size_bytes};
    auto range_header = request.header("range");
    auto if_range = request.header("if-range");
    if (range_header && (!if_range || *if_range == "\"" + blob.sha256 + "\"")) {
        auto wanted = http::parse_range(*range_header, blob.size_bytes);
        if (wanted.kind == http::RangeRequest::Kind::unsatisfiable) {
            response.status = 416;
            response.set_header("content-range", fmt::format("bytes */{}", blob.size_bytes));
            return response;
        }
        if (wanted.kind == http::RangeRequest::Kind::partial) {
            range = wanted.range;
            response.status = 206;
            response.set_header("content-range",
                                fmt::format("bytes {}-{}/{}", range.offset,
                                            range.offset + range.length - 1, blob.size_bytes));
        }
    }
    response.file = http::FileBody{path, range.offset, range.length, nullptr, nullptr};
    return response;
}

namespace {

// The blob as the answer: 304 when the browser has it, else ranged_file.
http::Response blob_answer(WebContext& web, const http::Request& request,
                           const media::BlobRecord& blob) {
    if (auto match = request.header("if-none-match"); match && *match == "\"" + blob.sha256 + "\"") {
        http::Response response;
        response.status = 304;
        response.set_header("etag", "\"" + blob.sha256 + "\"");
        return response;
    }
    return ranged_file(request, blob, web.media.blobs.path_of(blob.sha256));
}

}  // namespace

http::Response stored_file(WebContext& web, const http::Request& request,
                           const std::string& sha256, bool preview) {
    auto blob = web.media.blobs.find(sha256);
    if (!blob) throw_not_found("文件不存在");
    if (preview) {
        auto preview_sha = media::preview_or_make(web.media.blobs, web.store.database(), sha256);
        if (!preview_sha) throw_not_found("此文件没有预览图");
        blob = web.media.blobs.find(*preview_sha);
        if (!blob) throw_not_found("此文件没有预览图");
    }
    return blob_answer(web, request, *blob);
}

http::Response public_file(WebContext& web, const http::Request& request, FileForm form,
                           const std::function<bool(const std::string& sha256)>& shown) {
    const auto& sha256 = request.params.at("sha256");
    if (!media::is_sha256_hex(sha256) || !shown(sha256)) throw_not_found("文件不存在");
    http::Response response;
    if (form == FileForm::thumbnail) {
        const auto& width = request.params.at("width");
        int pixels = 0;
        const auto [end, ec] = std::from_chars(width.data(), width.data() + width.size(), pixels);
        std::optional<std::string> thumbnail;
        if (ec == std::errc() && end == width.data() + width.size())
            thumbnail = media::thumbnail_of(web.media.blobs, web.store.database(), sha256, pixels);
        const auto blob = thumbnail ? web.media.blobs.find(*thumbnail) : std::nullopt;
        if (!blob) throw_not_found("此文件没有这一宽度的缩略图");
        response = blob_answer(web, request, *blob);
    } else {
        response = stored_file(web, request, sha256, form == FileForm::preview);
    }
    response.set_header("cache-control", "public, max-age=86400");
    response.set_header("x-content-type-options", "nosniff");
    return response;
}

namespace {

http::Response serve_blob(WebContext& web, http::Request& request, bool preview) {
    auto user = require_user(web, request);
    const auto& sha256 = request.params.at("sha256");
    if (!web.media.blobs.find(sha256)) throw_not_found("文件不存在");
    if (!web.media.may_read(user.actor, sha256)) throw_forbidden("您没有权限查看此文件");
    return stored_file(web, request, sha256, preview);
}

}  // namespace

void register_blob_routes(http::Router& router, WebContext& web) {
    router.add("GET", "/api/v1/blobs/{sha256}",
               [&web](http::Request& r) { return serve_blob(web, r, false); });
    router.add("GET", "/api/v1/blobs/{sha256}/preview",
               [&web](http::Request& r) { return serve_blob(web, r, true); });
}

}  // namespace wangju::web
