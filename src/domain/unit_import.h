// Checks an imported table of units (CSV or XLSX: code, name, kind, parent code, and optionally
// opening and closing dates) before anything is stored. Every bad row is reported with its row
// number and reason; the caller stores the rows only when there is no error at all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/permission.h"
#include "domain/unit.h"

namespace wangju {

struct RowError {
    int row = 0;          // 1-based row number as a spreadsheet shows it (the header is row 1)
    std::string reason;   // Chinese
};

struct UnitImportPlan {
    std::vector<NewUnit> units;   // ordered so that every parent comes before its children
    std::vector<RowError> errors; // empty when the import may be stored
};

using UnitLookup = std::function<std::optional<Unit>(std::string_view code)>;

// `rows[0]` is the header. Columns are recognised by name, in any order: code (编码, 单位编码),
// name (名称, 单位名称), kind (类型, 单位类型), parent_code (上级编码, 上级单位编码), and optional
// opens_on (成立日期, 启用日期), closes_on (撤销日期, 停用日期). Kinds may be code names or Chinese
// labels. A parent may be an existing unit (found with `lookup`) or a row of the same table.
// The actor must be allowed import_units on every existing parent. Blank rows are skipped.
UnitImportPlan plan_unit_import(const std::vector<std::vector<std::string>>& rows,
                                const Actor& actor, const UnitLookup& lookup);

}  // namespace wangju
