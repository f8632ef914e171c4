#include "web/pages.h"

#include "web/routes.h"
#include "web/view.h"

namespace wangju::web {

void register_pages(http::Router& router, WebContext& web) {
    register_portal_pages(router, web);
    register_login_pages(router, web);
    register_account_pages(router, web);
    register_admin_unit_pages(router, web);
    register_admin_user_pages(router, web);
}

http::Response show_page(const http::Request& request, WebContext& web, const CurrentUser* user,
                         std::string title, std::string_view view, nlohmann::json data,
                         int status) {
    PageFrame frame{std::move(title), user, &web.config, status};
    return render_page(request, frame, view, std::move(data));
}

}  // namespace wangju::web
