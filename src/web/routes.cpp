#include "web/routes.h"

#include "web/announcements/announcement_routes.h"
#include "web/notary/notary_record_routes.h"

namespace wangju::web {

void register_routes(http::Router& router, WebContext& web) {
    register_health_routes(router, web);
    register_session_api(router, web);
    register_account_api(router, web);
    register_unit_api(router, web);
    register_user_api(router, web);
    register_campaign_routes(router, web);
    register_upload_routes(router, web);
    register_pages(router, web);
    register_works_routes(router, web);
    register_judging_routes(router, web);
    register_vote_routes(router, web);
    announcements::register_announcement_routes(router, web);
    notary::register_notary_record_routes(router, web);
    register_exhibition_routes(router, web);
    register_portal_routes(router, web);
    register_mailbox_routes(router, web);
}

}  // namespace wangju::web
