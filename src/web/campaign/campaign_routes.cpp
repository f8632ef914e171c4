#include "web/campaign/campaign_routes.h"

#include "web/routes.h"

namespace wangju::web {

void register_campaign_routes(http::Router& router, WebContext& web) {
    campaign::register_campaign_api(router, web);
    campaign::register_campaign_pages(router, web);
    campaign::register_campaign_tables(router, web);
    campaign::register_campaign_admin_api(router, web);
    campaign::register_campaign_admin_pages(router, web);
    campaign::register_organisation_award_api(router, web);
    campaign::register_organisation_award_pages(router, web);
}

}  // namespace wangju::web
