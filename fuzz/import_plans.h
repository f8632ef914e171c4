// What the server does with the rows of an uploaded table: plans a unit import and a quota import
// from them, as the district union's admin, over a small stored tree.
#pragma once

#include <string_view>

namespace wangju::fuzz {

// Reads `bytes` as XLSX or as CSV (export/table_reader.h) and plans both imports from the
// rows; a refusal (wangju::Error) ends it quietly.
void plan_imports(std::string_view bytes, bool xlsx);

}  // namespace wangju::fuzz
