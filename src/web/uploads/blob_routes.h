// Routes that serve stored blobs and their previews (web/uploads/blob_routes.cpp); registered by
// register_upload_routes.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web {

void register_blob_routes(http::Router& router, WebContext& web);

}  // namespace wangju::web
