#include "web/exhibition/exhibition_routes.h"

#include "web/exhibition/year_in_review.h"
#include "web/routes.h"

namespace wangju::web {

void register_exhibition_routes(http::Router& router, WebContext& web) {
    exhibition::register_exhibition_api(router, web);
    exhibition::register_exhibition_pages(router, web);
    exhibition::register_certificate_pages(router, web);
    exhibition::register_year_in_review(router, web);
}

}  // namespace wangju::web
