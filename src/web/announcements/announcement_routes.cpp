#include "web/announcements/announcement_routes.h"

namespace wangju::web::announcements {

void register_announcement_routes(http::Router& router, WebContext& web) {
    register_announcement_api(router, web);
    register_announcement_pages(router, web);
}

}  // namespace wangju::web::announcements
