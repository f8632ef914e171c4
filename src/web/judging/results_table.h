// The results table (评审结果) of a judging as bytes, for its admins: the download of
// judging_tables.cpp and the hash that a record for the notary states.
#pragma once

#include <optional>
#include <string>

#include "export/official_table.h"
#include "web/judging/judging_service.h"

namespace wangju::web::judging {

// `date` ("YYYY-MM-DD") is the table's 填报日期. With `created` (seconds since 1970) the XLSX
// states that creation time, so that the same data and date give the same bytes.
std::string results_table_bytes(WebContext& web, const CurrentUser& user, const Judging& judging,
                                tables::TableFormat format, const std::string& date,
                                std::optional<long long> created = {});

}  // namespace wangju::web::judging
