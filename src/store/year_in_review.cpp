#include "store/year_in_review.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "store/rows.h"

namespace wangju::store {
namespace {

struct MetricRow {
    long long id = 0;
    std::string code, name, measure;
    long long approved = 0;
    NullableId quota;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(name), soci::into(measure),
            soci::into(approved), soci::into(quota.value, quota.indicator);
    }
};

constexpr const char* kMetrics =
    "SELECT m.id, m.code, m.name, m.measure, COALESCE(t.approved, 0), q.target "
    "FROM campaign_metrics m "
    "LEFT JOIN campaign_totals t ON t.campaign_id = m.campaign_id AND t.metric_id = m.id "
    "AND t.unit_id = :u "
    "LEFT JOIN campaign_quotas q ON q.campaign_id = m.campaign_id AND q.metric_id = m.id "
    "AND q.unit_id = :u2 "
    "WHERE m.campaign_id = :c ORDER BY m.position, m.id";

struct TotalRow {
    long long metric = 0, approved = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(metric), soci::into(approved); }
};

struct CountRow {
    long long key = 0;
    std::string kind;
    long long count = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(key), soci::into(kind), soci::into(count);
    }
};

struct ReportRow {
    std::string draft, kind;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(draft), soci::into(kind); }
};

struct TrackRow {
    long long id = 0;
    int number = 0;
    std::string code, name;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(number), soci::into(code), soci::into(name);
    }
};

struct RoundRow {
    std::string unit, unit_path, track, name, kind, state;
    long long works = 0, judges = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit), soci::into(unit_path), soci::into(track), soci::into(name),
            soci::into(kind), soci::into(state), soci::into(works), soci::into(judges);
    }
};

}  // namespace

YearInReview read_year_in_review(Database& database, CampaignId campaign, const Unit& unit,
                                 const std::vector<Unit>& children) {
    return database.read([&](soci::session& s) {
        YearInReview y;
        const long long c = campaign.value;
        const std::string subtree = unit.path + "%";
        std::vector<long long> metric_ids;
        for (const auto& r : fetch_all<MetricRow>(s, kMetrics, soci::use(unit.id.value),
                                                  soci::use(unit.id.value), soci::use(c))) {
            metric_ids.push_back(r.id);
            y.metrics.push_back({r.code, r.name, r.measure, r.approved, r.quota.get()});
        }
        for (const auto& child : children) {
            ChildFigures f{child, std::vector<long long>(metric_ids.size(), 0)};
            for (const auto& t : fetch_all<TotalRow>(
                     s,
                     "SELECT metric_id, approved FROM campaign_totals WHERE campaign_id = :c AND "
                     "unit_id = :u",
                     soci::use(c), soci::use(child.id.value))) {
                auto at = std::find(metric_ids.begin(), metric_ids.end(), t.metric);
                if (at != metric_ids.end()) f.approved[at - metric_ids.begin()] = t.approved;
            }
            y.children.push_back(std::move(f));
        }

        // Approved reports of the subtree by form (the form is a field of the report's draft) and
        // by the level (kind) of the unit that held them.
        std::map<std::string, FormFigure> forms;
        std::map<UnitKind, ActivityLevelFigure> levels;
        for (const auto& row : fetch_all<ReportRow>(
                 s,
                 "SELECT r.draft_json, u.kind FROM campaign_reports r JOIN units u ON u.id = "
                 "r.unit_id WHERE r.campaign_id = :c AND r.state = 'approved' AND u.path LIKE :p",
                 soci::use(c), soci::use(subtree))) {
            const auto j = nlohmann::json::parse(row.draft, nullptr, false);
            std::string form = j.is_object() ? j.value("form", "") : "";
            if (form.empty() || form == "其他") form = "其他";
            long long participants = 0;
            if (j.is_object() && j.contains("participants") &&
                j["participants"].is_number_integer())
                participants = j["participants"].get<long long>();
            auto& f = forms[form];
            f.form = form;
            ++f.reports;
            f.participants += participants;
            if (auto kind = parse_unit_kind(row.kind)) {
                auto& l = levels[*kind];
                l.kind = *kind;
                ++l.reports;
                l.participants += participants;
            }
            ++y.approved_reports;
        }
        for (auto& [kind, l] : levels) y.levels.push_back(l);
        // Top down: the national federation first, the workplace last.
        std::sort(y.levels.begin(), y.levels.end(),
                  [](const ActivityLevelFigure& a, const ActivityLevelFigure& b) {
                      return kind_rank(a.kind) < kind_rank(b.kind);
                  });
        for (auto& [name, f] : forms) y.forms.push_back(f);
        std::sort(y.forms.begin(), y.forms.end(),
                  [](const FormFigure& a, const FormFigure& b) { return a.reports > b.reports; });

        s << "SELECT COUNT(*) FROM (SELECT r.unit_id FROM campaign_reports r JOIN units u ON "
             "u.id = r.unit_id WHERE r.campaign_id = :c AND r.state = 'approved' AND u.path LIKE "
             ":p UNION SELECT w.unit_id FROM works w JOIN units u ON u.id = w.unit_id WHERE "
             "w.campaign_id = :c2 AND w.state <> 'draft' AND u.path LIKE :p2) taking_part",
            soci::use(c), soci::use(subtree), soci::use(c), soci::use(subtree),
            soci::into(y.units_taking_part);

        // The funnel: works submitted per track, and recommended by each kind of unit.
        for (const auto& t : fetch_all<TrackRow>(
                 s,
                 "SELECT id, number, code, name FROM tracks WHERE campaign_id = :c ORDER BY number",
                 soci::use(c)))
            y.tracks.push_back({t.id, t.number, t.code, t.name, 0, {}});
        auto track_of = [&](long long id) -> TrackFigures* {
            for (auto& t : y.tracks)
                if (t.track_id == id) return &t;
            return nullptr;
        };
        for (const auto& r : fetch_all<CountRow>(
                 s,
                 "SELECT w.track_id, 'works', COUNT(*) FROM works w JOIN units u ON u.id = "
                 "w.unit_id "
                 "WHERE w.campaign_id = :c AND w.state <> 'draft' AND u.path LIKE :p "
                 "GROUP BY w.track_id",
                 soci::use(c), soci::use(subtree)))
            if (auto* t = track_of(r.key)) t->submitted = r.count;
        for (const auto& r : fetch_all<CountRow>(
                 s,
                 "SELECT d.track_id, du.kind, COUNT(DISTINCT d.work_id) FROM work_decisions d "
                 "JOIN works w ON w.id = d.work_id JOIN units u ON u.id = w.unit_id "
                 "JOIN units du ON du.id = d.unit_id WHERE w.campaign_id = :c AND "
                 "d.decision = 'recommend' AND d.active = 1 AND u.path LIKE :p "
                 "GROUP BY d.track_id, du.kind",
                 soci::use(c), soci::use(subtree))) {
            auto* t = track_of(r.key);
            auto kind = parse_unit_kind(r.kind);
            if (t && kind) t->recommended.push_back({*kind, r.count});
        }
        for (auto& t : y.tracks) {
            // Bottom up: the workplace first, the national federation last.
            std::sort(t.recommended.begin(), t.recommended.end(),
                      [](const LevelCount& a, const LevelCount& b) {
                          return kind_rank(a.kind) > kind_rank(b.kind);
                      });
        }

        for (const auto& r : fetch_all<RoundRow>(
                 s,
                 "SELECT ju.name, ju.path, t.name, r.name, r.kind, r.state, "
                 "(SELECT COUNT(*) FROM round_works rw JOIN works w ON w.id = rw.work_id "
                 "JOIN units u ON u.id = w.unit_id WHERE rw.round_id = r.id AND u.path LIKE :p), "
                 "(SELECT COUNT(*) FROM round_judges rj WHERE rj.round_id = r.id) "
                 "FROM judging_rounds r JOIN judgings j ON j.id = r.judging_id "
                 "JOIN units ju ON ju.id = j.unit_id JOIN tracks t ON t.id = j.track_id "
                 "WHERE j.campaign_id = :c ORDER BY t.number, ju.path, r.seq",
                 soci::use(subtree), soci::use(c))) {
            // Rounds run in the subtree, or above it on works from it.
            if (!is_within(r.unit_path, unit.path) && r.works == 0) continue;
            y.rounds.push_back(
                {r.unit, r.track, r.name, r.kind, r.state, r.unit_path, r.works, r.judges});
        }
        return y;
    });
}

}  // namespace wangju::store
