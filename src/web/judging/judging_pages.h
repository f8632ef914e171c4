// What the judging pages share: the two halves of register_judging_pages (judging_routes.h).
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::judging {

// /judge and /judge/assignments/{id}: the judge's side.
void register_judge_pages(http::Router& router, WebContext& web);
// /campaigns/{id}/judging, /judging/{id}, /rounds/{id}, /judging/{id}/awards: the admins' side.
void register_judging_admin_pages(http::Router& router, WebContext& web);

}  // namespace wangju::web::judging
