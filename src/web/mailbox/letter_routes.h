// The routes of the chairman's mailbox, one function per file of web/mailbox/.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web {

void register_letter_api(http::Router& router, WebContext& web);
void register_letter_pages(http::Router& router, WebContext& web);
void register_letter_admin_pages(http::Router& router, WebContext& web);

}  // namespace wangju::web
