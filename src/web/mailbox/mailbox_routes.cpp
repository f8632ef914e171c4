#include "web/mailbox/letter_routes.h"
#include "web/routes.h"

namespace wangju::web {

void register_mailbox_routes(http::Router& router, WebContext& web) {
    register_letter_api(router, web);
    register_letter_pages(router, web);
    register_letter_admin_pages(router, web);
}

}  // namespace wangju::web
