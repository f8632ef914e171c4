// The year in review (年度回顾) of a campaign for a unit's subtree, as JSON (the API answers it,
// the page renders its tables and charts from it, the XLSX workbook lists it). Public, like the
// gallery: it shows only totals, never a person.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::exhibition {

// `unit_code` empty: the root of the tree. Throws Error(invalid) naming "unit" when it does not
// exist.
nlohmann::json year_in_review_json(WebContext& web, const Campaign& campaign,
                                   const std::string& unit_code);
// Writes the same figures as a workbook, one sheet per table.
void write_year_in_review_xlsx(const nlohmann::json& review, const std::filesystem::path& path);

void register_year_in_review(http::Router& router, WebContext& web);

}  // namespace wangju::web::exhibition
