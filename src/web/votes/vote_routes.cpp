#include "web/votes/vote_routes.h"

#include "web/routes.h"
#include "web/votes/vote_pages.h"
#include "web/votes/vote_results.h"

namespace wangju::web {

void register_vote_routes(http::Router& router, WebContext& web) {
    votes::register_vote_api(router, web);
    votes::register_vote_pages(router, web);
    votes::register_vote_admin_pages(router, web);
    votes::register_vote_tables(router, web);
}

}  // namespace wangju::web
