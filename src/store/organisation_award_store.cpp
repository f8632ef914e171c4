// OrganisationAwardStore: the figures the organisation awards score, and their lists.
#include "store/organisation_award_store.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/exhibition.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {
namespace {

using Json = nlohmann::json;

constexpr const char* kListColumns =
    "SELECT id, campaign_id, unit_id, formula, award_count, state, updated_at, confirmed_at FROM "
    "organisation_award_lists ";

struct ListRow {
    long long id = 0, campaign_id = 0, unit_id = 0;
    std::string formula;
    int award_count = 0;
    std::string state, updated_at;
    NullableText confirmed_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(campaign_id), soci::into(unit_id), soci::into(formula),
            soci::into(award_count), soci::into(state), soci::into(updated_at),
            soci::into(confirmed_at.value, confirmed_at.indicator);
    }
    OrganisationAwardList list() const {
        OrganisationAwardList l;
        l.id = id;
        l.campaign = CampaignId{campaign_id};
        l.unit = UnitId{unit_id};
        l.formula = formula_from_json(Json::parse(formula));
        l.award_count = award_count;
        l.confirmed = state == "confirmed";
        l.updated_at = timestamp_from(updated_at);
        l.confirmed_at = timestamp_from(confirmed_at);
        return l;
    }
};

struct MoveRow {
    long long unit_id = 0;
    int awarded = 0;
    std::string reason;
    NullableId moved_by;
    std::string moved_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit_id), soci::into(awarded), soci::into(reason),
            soci::into(moved_by.value, moved_by.indicator), soci::into(moved_at);
    }
};

struct AwardRow {
    long long list_id = 0, unit_id = 0;
    int position = 0, rank = 0;
    double score = 0;
    std::string code, issued_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(list_id), soci::into(unit_id), soci::into(position), soci::into(rank),
            soci::into(score), soci::into(code), soci::into(issued_at);
    }
    OrganisationAwardRecord award() const {
        return {UnitId{unit_id}, position, rank, score, code, timestamp_from(issued_at)};
    }
};

constexpr const char* kAwardColumns =
    "SELECT list_id, unit_id, position, rank, score, code, issued_at FROM organisation_awards ";

std::string list_object(long long id) { return fmt::format("organisation_awards:{}", id); }

void load_details(soci::session& s, OrganisationAwardList& l) {
    for (const auto& row : fetch_all<MoveRow>(
             s,
             "SELECT unit_id, awarded, reason, moved_by, moved_at FROM organisation_award_moves "
             "WHERE list_id = :l ORDER BY id",
             soci::use(l.id))) {
        std::optional<UserId> by;
        if (auto id = row.moved_by.get()) by = UserId{*id};
        l.moves.push_back({{UnitId{row.unit_id}, row.awarded != 0, row.reason}, by,
                           timestamp_from(row.moved_at)});
    }
    for (const auto& row : fetch_all<AwardRow>(
             s, std::string(kAwardColumns) + "WHERE list_id = :l ORDER BY position",
             soci::use(l.id)))
        l.awards.push_back(row.award());
}

std::optional<OrganisationAwardList> list_in(soci::session& s, long long id) {
    auto row = fetch_one<ListRow>(s, std::string(kListColumns) + "WHERE id = :id", soci::use(id));
    if (!row) return std::nullopt;
    auto l = row->list();
    load_details(s, l);
    return l;
}

OrganisationAwardList require_draft(soci::session& s, long long id) {
    auto l = list_in(s, id);
    if (!l) throw_not_found("优秀组织奖名单不存在");
    if (l->confirmed) throw_conflict("优秀组织奖名单已确认,请先撤销确认再修改");
    return *l;
}

Json list_audit(const OrganisationAwardList& l) {
    Json awarded = Json::array();
    for (const auto& a : l.awards) {
        awarded.push_back({{"unit_id", a.unit.value}, {"rank", a.rank}, {"score", a.score},
                           {"code", a.code}});
    }
    Json moves = Json::array();
    for (const auto& m : l.moves) {
        moves.push_back({{"unit_id", m.move.unit.value}, {"awarded", m.move.awarded},
                         {"reason", m.move.reason}});
    }
    return {{"campaign_id", l.campaign.value}, {"unit_id", l.unit.value},
            {"formula", formula_json(l.formula)}, {"award_count", l.award_count},
            {"confirmed", l.confirmed}, {"moves", moves}, {"awarded", awarded}};
}

NullableId actor_of(const AuditContext& ctx) {
    return NullableId(ctx.actor ? std::optional<long long>(ctx.actor->value) : std::nullopt);
}

// The id of the ancestor at `level` that a unit's path "/1/4/9/" names (its level + 1-th id),
// or 0 when the path is not that deep.
long long ancestor_at(const std::string& path, int level) {
    std::size_t start = 1;
    for (int i = 0; i < level; ++i) {
        start = path.find('/', start);
        if (start == std::string::npos) return 0;
        ++start;
    }
    const auto end = path.find('/', start);
    if (end == std::string::npos || end == start) return 0;
    return std::stoll(path.substr(start, end - start));
}

struct CodeFigure {
    long long unit_id = 0;
    std::string code;
    long long value = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit_id), soci::into(code), soci::into(value);
    }
};

struct ReportCounts {
    long long unit_id = 0, on_time = 0, late = 0;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(unit_id), soci::into(on_time), soci::into(late);
    }
};

struct PathCount {
    std::string path;
    long long n = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(path), soci::into(n); }
};

struct WorkPath {
    long long work_id = 0;
    std::string path;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(work_id), soci::into(path); }
};

// The units of `level` in the range, as the rows of the figures' joins name them.
constexpr const char* kUnitsOfLevel =
    " JOIN units u ON u.id = {}.unit_id WHERE {}.campaign_id = :c AND u.level = :l AND u.path >= "
    ":f AND u.path < :t";

}  // namespace

std::vector<UnitFigures> OrganisationAwardStore::figures(CampaignId campaign,
                                                         const std::string& scope_path,
                                                         int level) {
    const std::string from = scope_path;
    const std::string to = subtree_end(scope_path);
    return database_.read([&](soci::session& s) {
        std::map<long long, UnitFigures> by_unit;
        for (long long id : fetch_values<long long>(
                 s, "SELECT id FROM units WHERE level = :l AND path >= :f AND path < :t",
                 soci::use(level), soci::use(from), soci::use(to))) {
            by_unit[id].unit = UnitId{id};
        }
        const auto figure = [&](long long id) -> UnitFigures* {
            auto it = by_unit.find(id);
            return it == by_unit.end() ? nullptr : &it->second;
        };
        for (const auto& row : fetch_all<CodeFigure>(
                 s,
                 "SELECT q.unit_id, m.code, q.target FROM campaign_quotas q JOIN campaign_metrics "
                 "m ON m.id = q.metric_id" + fmt::format(kUnitsOfLevel, "q", "q"),
                 soci::use(campaign.value), soci::use(level), soci::use(from), soci::use(to))) {
            if (auto* f = figure(row.unit_id)) f->quota_targets[row.code] = row.value;
        }
        for (const auto& row : fetch_all<CodeFigure>(
                 s,
                 "SELECT t.unit_id, m.code, t.approved FROM campaign_totals t JOIN "
                 "campaign_metrics m ON m.id = t.metric_id" + fmt::format(kUnitsOfLevel, "t", "t"),
                 soci::use(campaign.value), soci::use(level), soci::use(from), soci::use(to))) {
            if (auto* f = figure(row.unit_id)) f->quota_approved[row.code] = row.value;
        }
        for (const auto& row : fetch_all<ReportCounts>(
                 s,
                 "SELECT r.unit_id, r.on_time, r.late FROM campaign_report_counts r" +
                     fmt::format(kUnitsOfLevel, "r", "r"),
                 soci::use(campaign.value), soci::use(level), soci::use(from), soci::use(to))) {
            if (auto* f = figure(row.unit_id)) {
                f->reports_on_time = static_cast<int>(row.on_time);
                f->reports_total = static_cast<int>(row.on_time + row.late);
            }
        }
        for (const auto& row : fetch_all<PathCount>(
                 s,
                 "SELECT u.path, count(*) FROM works w JOIN units u ON u.id = w.unit_id WHERE "
                 "w.campaign_id = :c AND w.submitted_at IS NOT NULL AND w.state NOT IN ('draft', "
                 "'withdrawn') AND u.path >= :f AND u.path < :t GROUP BY u.path",
                 soci::use(campaign.value), soci::use(from), soci::use(to))) {
            if (auto* f = figure(ancestor_at(row.path, level)))
                f->works_submitted += static_cast<int>(row.n);
        }
        for (const auto& row : fetch_all<PathCount>(
                 s,
                 "SELECT u.path, count(DISTINCT d.work_id) FROM work_decisions d JOIN works w ON "
                 "w.id = d.work_id JOIN units u ON u.id = d.unit_id WHERE w.campaign_id = :c AND "
                 "d.decision = 'recommend' AND d.active = 1 AND u.level = :l AND u.path >= :f AND "
                 "u.path < :t GROUP BY u.path",
                 soci::use(campaign.value), soci::use(level), soci::use(from), soci::use(to))) {
            if (auto* f = figure(ancestor_at(row.path, level)))
                f->works_recommended += static_cast<int>(row.n);
        }
        std::map<long long, std::set<long long>> awarded;
        for (const auto& row : fetch_all<WorkPath>(
                 s,
                 "SELECT DISTINCT a.work_id, u.path FROM judging_awards a JOIN judgings j ON j.id "
                 "= a.judging_id JOIN works w ON w.id = a.work_id JOIN units u ON u.id = "
                 "w.unit_id WHERE j.campaign_id = :c AND u.path >= :f AND u.path < :t",
                 soci::use(campaign.value), soci::use(from), soci::use(to))) {
            awarded[ancestor_at(row.path, level)].insert(row.work_id);
        }
        for (const auto& [unit, works] : awarded) {
            if (auto* f = figure(unit)) f->works_awarded = static_cast<int>(works.size());
        }
        for (const auto& row : fetch_all<PathCount>(
                 s,
                 "SELECT u.path, count(*) FROM votes v JOIN public_votes p ON p.id = "
                 "v.public_vote_id JOIN works w ON w.id = v.work_id JOIN units u ON u.id = "
                 "w.unit_id WHERE p.campaign_id = :c AND v.voided = 0 AND u.path >= :f AND "
                 "u.path < :t GROUP BY u.path",
                 soci::use(campaign.value), soci::use(from), soci::use(to))) {
            if (auto* f = figure(ancestor_at(row.path, level))) f->votes_received += row.n;
        }
        std::vector<UnitFigures> out;
        for (auto& [id, f] : by_unit) out.push_back(std::move(f));
        return out;
    });
}

std::optional<OrganisationAwardList> OrganisationAwardStore::find(CampaignId campaign,
                                                                  UnitId scope, int level) {
    return database_.read([&](soci::session& s) -> std::optional<OrganisationAwardList> {
        const auto ids = fetch_values<long long>(
            s,
            "SELECT id FROM organisation_award_lists WHERE campaign_id = :c AND unit_id = :u AND "
            "level = :l",
            soci::use(campaign.value), soci::use(scope.value), soci::use(level));
        if (ids.empty()) return std::nullopt;
        return list_in(s, ids.front());
    });
}

std::optional<OrganisationAwardList> OrganisationAwardStore::find(long long id) {
    return database_.read([&](soci::session& s) { return list_in(s, id); });
}

std::vector<OrganisationAwardList> OrganisationAwardStore::lists(CampaignId campaign) {
    return database_.read([&](soci::session& s) {
        std::vector<OrganisationAwardList> out;
        for (const auto& row : fetch_all<ListRow>(
                 s,
                 "SELECT l.id, l.campaign_id, l.unit_id, l.formula, l.award_count, l.state, "
                 "l.updated_at, l.confirmed_at FROM organisation_award_lists l JOIN units u ON "
                 "u.id = l.unit_id WHERE l.campaign_id = :c ORDER BY u.path, l.level",
                 soci::use(campaign.value)))
            out.push_back(row.list());
        for (auto& l : out) load_details(s, l);
        return out;
    });
}

OrganisationAwardList OrganisationAwardStore::save(CampaignId campaign, UnitId scope,
                                                   const OrganisationFormula& formula,
                                                   int award_count, Timestamp at,
                                                   const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        const std::string text = formula_json(formula).dump();
        const std::string now = stored(at);
        NullableId by = actor_of(ctx);
        const auto ids = fetch_values<long long>(
            s,
            "SELECT id FROM organisation_award_lists WHERE campaign_id = :c AND unit_id = :u AND "
            "level = :l",
            soci::use(campaign.value), soci::use(scope.value), soci::use(formula.level));
        Json before;
        long long id = 0;
        if (ids.empty()) {
            s << "INSERT INTO organisation_award_lists (campaign_id, unit_id, level, formula, "
                 "award_count, state, updated_at, updated_by, confirmed_at, confirmed_by) VALUES "
                 "(:c, :u, :l, :f, :n, 'draft', :at, :by, NULL, NULL) RETURNING id",
                soci::use(campaign.value), soci::use(scope.value), soci::use(formula.level),
                soci::use(text), soci::use(award_count), soci::use(now),
                soci::use(by.value, by.indicator), soci::into(id);
        } else {
            id = ids.front();
            before = list_audit(require_draft(s, id));
            // A new formula or count makes a new ranking: the moves made on the old one go.
            s << "DELETE FROM organisation_award_moves WHERE list_id = :id", soci::use(id);
            s << "UPDATE organisation_award_lists SET formula = :f, award_count = :n, updated_at "
                 "= :at, updated_by = :by WHERE id = :id",
                soci::use(text), soci::use(award_count), soci::use(now),
                soci::use(by.value, by.indicator), soci::use(id);
        }
        auto saved = list_in(s, id).value();
        append_event(s, ctx, "organisation_awards.set", list_object(id), before,
                     list_audit(saved));
        return saved;
    });
}

OrganisationAwardList OrganisationAwardStore::add_move(long long list, const OrganisationMove& move,
                                                       Timestamp at, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        require_draft(s, list);
        const int awarded = move.awarded ? 1 : 0;
        const std::string now = stored(at);
        NullableId by = actor_of(ctx);
        s << "INSERT INTO organisation_award_moves (list_id, unit_id, awarded, reason, moved_by, "
             "moved_at) VALUES (:l, :u, :a, :r, :by, :at)",
            soci::use(list), soci::use(move.unit.value), soci::use(awarded),
            soci::use(move.reason), soci::use(by.value, by.indicator), soci::use(now);
        append_event(s, ctx, "organisation_awards.move", list_object(list), nullptr,
                     Json{{"unit_id", move.unit.value}, {"awarded", move.awarded},
                          {"reason", move.reason}});
        return list_in(s, list).value();
    });
}

OrganisationAwardList OrganisationAwardStore::confirm(long long list,
                                                      std::vector<OrganisationAwardRecord> awards,
                                                      Timestamp at, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        require_draft(s, list);
        const std::string now = stored(at);
        NullableId by = actor_of(ctx);
        for (auto& a : awards) {
            a.code = new_certificate_code();
            s << "INSERT INTO organisation_awards (list_id, unit_id, position, rank, score, code, "
                 "issued_at) VALUES (:l, :u, :p, :r, :s, :c, :at)",
                soci::use(list), soci::use(a.unit.value), soci::use(a.position),
                soci::use(a.rank), soci::use(a.score), soci::use(a.code), soci::use(now);
        }
        s << "UPDATE organisation_award_lists SET state = 'confirmed', confirmed_at = :at, "
             "confirmed_by = :by WHERE id = :id",
            soci::use(now), soci::use(by.value, by.indicator), soci::use(list);
        auto confirmed = list_in(s, list).value();
        append_event(s, ctx, "organisation_awards.confirm", list_object(list), nullptr,
                     list_audit(confirmed));
        return confirmed;
    });
}

OrganisationAwardList OrganisationAwardStore::unconfirm(long long list, Timestamp at,
                                                        const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto l = list_in(s, list);
        if (!l) throw_not_found("优秀组织奖名单不存在");
        if (!l->confirmed) throw_conflict("优秀组织奖名单尚未确认");
        const std::string now = stored(at);
        NullableId by = actor_of(ctx);
        s << "DELETE FROM organisation_awards WHERE list_id = :l", soci::use(list);
        s << "UPDATE organisation_award_lists SET state = 'draft', confirmed_at = NULL, "
             "confirmed_by = NULL, updated_at = :at, updated_by = :by WHERE id = :id",
            soci::use(now), soci::use(by.value, by.indicator), soci::use(list);
        auto draft = list_in(s, list).value();
        append_event(s, ctx, "organisation_awards.unconfirm", list_object(list), list_audit(*l),
                     list_audit(draft));
        return draft;
    });
}

std::optional<OrganisationAwardStore::CodeLookup> OrganisationAwardStore::find_by_code(
    const std::string& code) {
    return database_.read([&](soci::session& s) -> std::optional<CodeLookup> {
        auto row = fetch_one<AwardRow>(s, std::string(kAwardColumns) + "WHERE code = :c",
                                       soci::use(code));
        if (!row) return std::nullopt;
        auto l = list_in(s, row->list_id);
        if (!l) return std::nullopt;
        return CodeLookup{*l, row->award()};
    });
}

}  // namespace wangju::store
