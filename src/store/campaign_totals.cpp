#include "store/campaign_totals.h"

#include <algorithm>
#include <vector>

namespace wangju::store {

namespace {

constexpr const char* kTotalsOf =
    "SELECT campaign_id, metric_id, approved FROM campaign_totals WHERE unit_id = :u";
constexpr const char* kCountsOf =
    "SELECT campaign_id, on_time, late FROM campaign_report_counts WHERE unit_id = :u";
constexpr const char* kAddTotal =
    "INSERT INTO campaign_totals (campaign_id, unit_id, metric_id, approved) "
    "VALUES (:c, :u, :m, :v) ON CONFLICT (campaign_id, unit_id, metric_id) "
    "DO UPDATE SET approved = campaign_totals.approved + excluded.approved";
constexpr const char* kAddCount =
    "INSERT INTO campaign_report_counts (campaign_id, unit_id, on_time, late) "
    "VALUES (:c, :u, :on_time, :late) ON CONFLICT (campaign_id, unit_id) DO UPDATE SET "
    "on_time = campaign_report_counts.on_time + excluded.on_time, "
    "late = campaign_report_counts.late + excluded.late";

struct Figure {
    long long campaign = 0, key = 0, a = 0, b = 0;
};

std::vector<Figure> figures(soci::session& s, const char* query, long long unit, bool totals) {
    std::vector<Figure> out;
    Figure f;
    soci::statement st = (s.prepare << query, soci::into(f.campaign), soci::into(totals ? f.key : f.a),
                          soci::into(totals ? f.a : f.b), soci::use(unit));
    st.execute();
    while (st.fetch()) out.push_back(f);
    return out;
}

// Ancestors on `from` that are not on `other`.
std::vector<UnitId> only_on(const std::string& from, const std::string& other) {
    const auto keep = ids_on_path(other);
    std::vector<UnitId> out;
    for (const auto id : ids_on_path(from)) {
        if (std::find(keep.begin(), keep.end(), id) == keep.end()) out.push_back(id);
    }
    return out;
}

void add(soci::session& s, const std::vector<UnitId>& ancestors, const std::vector<Figure>& totals,
         const std::vector<Figure>& counts, long long sign) {
    for (const auto unit : ancestors) {
        for (const auto& t : totals) add_to_total(s, t.campaign, unit, t.key, sign * t.a);
        for (const auto& c : counts) add_to_report_counts(s, c.campaign, unit, sign * c.a, sign * c.b);
    }
}

}  // namespace

void add_to_total(soci::session& s, long long campaign, UnitId unit, long long metric, long long value) {
    s << kAddTotal, soci::use(campaign), soci::use(unit.value), soci::use(metric), soci::use(value);
}

void add_to_report_counts(soci::session& s, long long campaign, UnitId unit, long long on_time,
                          long long late) {
    s << kAddCount, soci::use(campaign), soci::use(unit.value), soci::use(on_time), soci::use(late);
}

void move_campaign_rollups(soci::session& s, UnitId moved, const std::string& old_parent_path,
                           const std::string& new_parent_path) {
    const auto totals = figures(s, kTotalsOf, moved.value, true);
    const auto counts = figures(s, kCountsOf, moved.value, false);
    if (totals.empty() && counts.empty()) return;
    add(s, only_on(old_parent_path, new_parent_path), totals, counts, -1);
    add(s, only_on(new_parent_path, old_parent_path), totals, counts, +1);
}

}  // namespace wangju::store
