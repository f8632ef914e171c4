#include "web/portal/desk_routes.h"
#include "web/portal/portal_pages.h"
#include "web/routes.h"

namespace wangju::web {

void register_portal_routes(http::Router& router, WebContext& web) {
    register_article_page(router, web);
    register_portal_lists(router, web);
    register_portal_feeds(router, web);
    register_article_api(router, web);
    desk::register_desk_pages(router, web);
}

}  // namespace wangju::web
