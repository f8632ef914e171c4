// Routes that serve stored blobs and their previews (web/uploads/blob_routes.cpp); registered by
// register_upload_routes.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

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

// What of a stored file a public page asks for: the file, its preview, or a thumbnail at the
// request's {width} (media::thumbnail_widths, made on first demand).
enum class FileForm { original, preview, thumbnail };

// A stored file that a public page shows (the exhibition, a public vote), for anyone: "not found"
// unless the request's {sha256} is well formed and `shown` says the page shows that file; else
// as stored_file answers it, cached a day by any cache and never sniffed.
http::Response public_file(WebContext& web, const http::Request& request, FileForm form,
                           const std::function<bool(const std::string& sha256)>& shown);

}  // namespace wangju::web
