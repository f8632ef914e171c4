// Routes that serve stored blobs and their previews (web/uploads/blob_routes.cpp); registered by
// register_upload_routes.
#pragma once

#include <filesystem>

#include "http/router.h"
#include "media/blob_store.h"
#include "web/web_context.h"

namespace wangju::web {

void register_blob_routes(http::Router& router, WebContext& web);

// The stored file `blob` at `path` as the answer to `request`: the whole file, or the byte range
// it asks for (206; 416 when unsatisfiable), with its type, ETag and a year-long cache lifetime.
http::Response ranged_file(const http::Request& request, const media::BlobRecord& blob,
                           const std::filesystem::path& path);
// Stored blob `sha256`, or its preview, as ranged_file answers it (304 when the browser has it);
// "not found" when missing. The caller has decided that the request may read it.
http::Response stored_file(WebContext& web, const http::Request& request,
                           const std::string& sha256, bool preview);

}  // namespace wangju::web
