#include "web/judging/judging_routes.h"

#include <algorithm>

#include "web/judging/judging_pages.h"
#include "web/routes.h"

namespace wangju::web {

void judging::register_judging_pages(http::Router& router, WebContext& web) {
    register_judge_pages(router, web);
    register_judging_admin_pages(router, web);
}

void register_judging_routes(http::Router& router, WebContext& web) {
    judging::register_judging_api(router, web);
    judging::register_judging_pages(router, web);
    judging::register_judging_tables(router, web);
    // A judge reads the files of the works assigned to them, while their round is under way or
    // after it.
    web.media.add_access_rule([&web](const Actor& actor, const std::string& sha256) {
        if (!actor.roles.has(Role::judge)) return false;
        const auto holding = web.works.works_holding(sha256);
        for (const auto& a : web.judgings.assignments_of_judge(actor.user)) {
            if (std::find(holding.begin(), holding.end(), a.work) == holding.end()) continue;
            auto round = web.judgings.find_round(a.round);
            if (round && round->state != RoundState::draft) return true;
        }
        return false;
    });
}

}  // namespace wangju::web
