// What the vote's pages offer the rest of the site.
#pragma once

#include <optional>
#include <string>

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::votes {

// The public pages and the voter's (vote_pages.cpp); the organiser's (vote_admin_pages.cpp).
void register_vote_pages(http::Router& router, WebContext& web);
void register_vote_admin_pages(http::Router& router, WebContext& web);

// The site's login for a voter's name: the redirect with the voter's session, Error when the
// password is wrong, or nothing when no voter has that name.
std::optional<http::Response> voter_login(WebContext& web, const http::Request& request,
                                          const std::string& username, const std::string& password,
                                          const std::string& next);

}  // namespace wangju::web::votes
