// The figures of one unit's dashboard, as the JSON API answers them and the page renders them:
// quota progress per metric for the unit and each child, completeness of reporting among the
// children, the children behind their quota, and the deadline with its countdown. Reads only the
// rows of the unit and its children (approved totals are kept rolled up by the store).
#pragma once

#include <nlohmann/json.hpp>

#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web::campaign {

nlohmann::json dashboard_json(WebContext& web, const CurrentUser& user, const Campaign& campaign,
                              const Unit& unit, Timestamp now);

}  // namespace wangju::web::campaign
