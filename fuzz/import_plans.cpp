#include "import_plans.h"

#include <map>
#include <optional>
#include <string>

#include "domain/campaign_metric.h"
#include "domain/error.h"
#include "domain/quota_import.h"
#include "domain/unit_import.h"
#include "export/table_reader.h"

namespace wangju::fuzz {
namespace {

Unit unit_below(const Unit* parent, long long id, std::string code, std::string name,
                UnitKind kind) {
    Unit unit{.id = UnitId{id}, .code = std::move(code), .name = std::move(name), .kind = kind};
    unit.path = (parent ? parent->path : std::string("/")) + std::to_string(id) + "/";
    if (parent) {
        unit.parent = parent->id;
        unit.level = parent->level + 1;
    }
    return unit;
}

// Tianjin with Binhai and its development zone, and another district.
const std::map<std::string, Unit, std::less<>>& stored_units() {
    static const std::map<std::string, Unit, std::less<>> units = [] {
        const Unit tianjin = unit_below(nullptr, 1, "tj", "天津市总工会", UnitKind::city);
        const Unit binhai = unit_below(&tianjin, 2, "bh", "滨海新区总工会", UnitKind::district);
        std::map<std::string, Unit, std::less<>> all;
        for (const Unit& unit :
             {tianjin, binhai,
              unit_below(&binhai, 3, "bh_teda", "天津经济技术开发区总工会", UnitKind::zone),
              unit_below(&tianjin, 4, "hp", "和平区总工会", UnitKind::district)})
            all.emplace(unit.code, unit);
        return all;
    }();
    return units;
}

std::optional<Unit> by_code(std::string_view code) {
    auto found = stored_units().find(code);
    if (found == stored_units().end()) return std::nullopt;
    return found->second;
}

std::optional<Unit> by_name(std::string_view name) {
    for (const auto& [code, unit] : stored_units())
        if (unit.name == name) return unit;
    return std::nullopt;
}

const std::vector<Metric>& metrics() {
    static const std::vector<Metric> all = [] {
        auto defaults = default_metrics();
        for (std::size_t i = 0; i < defaults.size(); ++i)
            defaults[i].id = MetricId{static_cast<long long>(i + 1)};
        return defaults;
    }();
    return all;
}

}  // namespace

void plan_imports(std::string_view bytes, bool xlsx) {
    tables::Rows rows;
    try {
        rows = xlsx ? tables::read_xlsx(bytes) : tables::read_csv(bytes);
    } catch (const Error&) {
        return;
    }
    const Actor district{UserId{10}, Roles{Role::unit_admin}, UnitId{2}, "/1/2/"};
    try {
        (void)plan_unit_import(rows, district, by_code);
    } catch (const Error&) {
    }
    try {
        (void)plan_quota_import(rows, metrics(), district, QuotaLookups{by_code, by_name});
    } catch (const Error&) {
    }
}

}  // namespace wangju::fuzz
