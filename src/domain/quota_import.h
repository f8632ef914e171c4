// Checks an imported quota table laid out like 附件2 (CSV or XLSX): an optional title above, a
// header row naming the unit column (单位编码 or 单位名称) and one column per metric (its name or
// an alias, with or without the measure in brackets, or its code), then one row per unit. A column
// that is none of these (nor 序号 or 备注) stops the import: its figures would be lost unseen. Every bad row
// is reported with its row number; nothing may be stored unless there is no error at all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign_metric.h"
#include "domain/permission.h"
#include "domain/unit.h"
#include "domain/unit_import.h"

namespace wangju {

struct QuotaEntry {
    UnitId unit;
    MetricId metric;
    long long target = 0;
};

// A column of the table and the metric it was matched to.
struct QuotaColumn {
    std::string header;  // as the table heads it: "线下活动（场）"
    Metric metric;
};

struct QuotaImportPlan {
    std::vector<QuotaColumn> columns;
    std::vector<QuotaEntry> entries;
    std::vector<RowError> errors;  // empty when the import may be stored
};

struct QuotaLookups {
    std::function<std::optional<Unit>(std::string_view code)> by_code;
    std::function<std::optional<Unit>(std::string_view name)> by_name;  // within the actor's tree
};

// The actor must be allowed to decide for (set the quota of) every unit named. Blank rows and a
// totals row (合计/总计) are skipped; an empty metric cell leaves that quota unchanged.
QuotaImportPlan plan_quota_import(const std::vector<std::vector<std::string>>& rows,
                                  const std::vector<Metric>& metrics, const Actor& actor,
                                  const QuotaLookups& lookups);

// A quota typed by hand: a whole number from 0 to 1,000,000,000; throws Error(invalid) on `field`.
long long parse_quota(std::string_view text, const std::string& field);

}  // namespace wangju
