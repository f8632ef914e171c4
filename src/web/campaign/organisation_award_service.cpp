// Organisation awards: the ranking a unit's admin sees, the formula, the moves and the confirmed
// list, and the units' certificates.
#include "web/campaign/organisation_award_service.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "domain/campaign_permission.h"
#include "domain/error.h"
#include "domain/text.h"
#include "export/certificate_pdf.h"
#include "web/campaign/campaign_actions.h"
#include "web/exhibition/exhibition_service.h"
#include "web/json_views.h"
#include "web/web_context.h"

namespace wangju::web::campaign {
namespace {

using Json = nlohmann::json;

// Deeper than any unit tree the federation has (national, province, city, district, street,
// workplace): a level beyond is a typing error.
constexpr int max_levels_below = 10;
// Proposed when nothing was saved yet: a few units, as the published rounds award (10–15 of
// dozens), never more than there are.
constexpr int default_award_count = 3;

store::OrganisationAwardStore store_of(WebContext& web) {
    return store::OrganisationAwardStore(web.store.database());
}

int level_from_text(const std::string& text, const Unit& scope) {
    const std::string_view trimmed = trim(text);
    if (trimmed.empty()) return scope.level + 1;
    int level = 0;
    const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), level);
    const std::string message =
        fmt::format("层级应为 {} 到 {} 之间的整数(本单位为第 {} 级)", scope.level + 1,
                    scope.level + max_levels_below, scope.level);
    if (error != std::errc() || end != trimmed.data() + trimmed.size() || level <= scope.level ||
        level > scope.level + max_levels_below) {
        throw_invalid(message, {{"level", message}});
    }
    return level;
}

void require_change(const OrganisationAwardsView& view) {
    if (!view.may_change) throw_forbidden("只有本单位或上级单位的管理员可以评定优秀组织奖");
}

// The moves as they bear on today's proposal: a unit moved in that is now proposed anyway, or
// moved out that no longer is, changes nothing. Units proposed and still in come first in their
// order, then those moved in.
std::vector<UnitId> after_moves(const std::vector<UnitId>& proposed,
                                const std::vector<store::OrganisationMoveRecord>& moves) {
    std::set<UnitId> in(proposed.begin(), proposed.end());
    std::vector<UnitId> added;
    for (const auto& m : moves) {
        if (m.move.awarded && in.insert(m.move.unit).second) added.push_back(m.move.unit);
        if (!m.move.awarded && in.erase(m.move.unit) > 0) std::erase(added, m.move.unit);
    }
    std::vector<UnitId> out;
    for (const auto& u : proposed)
        if (in.contains(u)) out.push_back(u);
    for (const auto& u : added)
        if (in.contains(u)) out.push_back(u);
    return out;
}

const OrganisationRankingRow* row_of(const OrganisationAwardsView& view, UnitId unit) {
    for (const auto& row : view.ranking)
        if (row.unit.id == unit) return &row;
    return nullptr;
}

// The view again, from what is stored now.
OrganisationAwardsView reload(WebContext& web, const CurrentUser& user,
                              const OrganisationAwardsView& view) {
    return organisation_awards(web, user, view.campaign, view.scope.code,
                               std::to_string(view.level));
}

// Stores the shown formula and count when nothing was saved yet, so that a move or a confirmation
// has a list to belong to.
store::OrganisationAwardList ensure_saved(WebContext& web, const OrganisationAwardsView& view,
                                          const AuditContext& ctx) {
    if (view.list) return *view.list;
    if (view.ranking.empty()) {
        throw_invalid("该层级没有可评定的单位", {{"level", "该层级没有可评定的单位"}});
    }
    return store_of(web).save(view.campaign.id, view.scope.id, view.formula, view.award_count,
                              now_utc(), ctx);
}

Json figures_json(const UnitFigures& f) {
    return {{"quota_completion", quota_completion(f)},
            {"quota_targets", f.quota_targets},
            {"quota_approved", f.quota_approved},
            {"reports_total", f.reports_total},
            {"reports_on_time", f.reports_on_time},
            {"works_submitted", f.works_submitted},
            {"works_recommended", f.works_recommended},
            {"works_awarded", f.works_awarded},
            {"votes_received", f.votes_received}};
}

Json factor_values(const std::map<OrganisationFactor, double>& values) {
    Json out = Json::object();
    for (const auto& [factor, value] : values) out[std::string(to_string(factor))] = value;
    return out;
}

}  // namespace

double weight_from_text(const std::string& text, const std::string& field) {
    const std::string_view trimmed = trim(text);
    double value = 0;
    const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || error != std::errc() || end != trimmed.data() + trimmed.size() ||
        !std::isfinite(value) || value < 0 || value > 1000) {
        throw_invalid("权重应为 0 到 1000 之间的数", {{field, "权重应为 0 到 1000 之间的数"}});
    }
    return value;
}

OrganisationAwardsView organisation_awards(WebContext& web, const CurrentUser& user,
                                           const Campaign& campaign, const std::string& unit_code,
                                           const std::string& level_text) {
    OrganisationAwardsView view;
    view.campaign = campaign;
    view.scope = unit_code.empty() ? user.unit : unit_or_404(web, unit_code);
    require_view_campaign_unit(user.actor, view.scope);
    view.level = level_from_text(level_text, view.scope);
    view.may_change = may_set_deadlines_below(user.actor, view.scope);

    std::map<UnitId, Unit> units;
    std::set<int> levels;
    for (auto& u : web.store.subtree(view.scope)) {
        if (u.level > view.scope.level) levels.insert(u.level);
        if (u.level == view.level) units.emplace(u.id, std::move(u));
    }
    view.levels.assign(levels.begin(), levels.end());

    auto store = store_of(web);
    view.list = store.find(campaign.id, view.scope.id, view.level);
    view.saved = view.list.has_value();
    view.formula = view.list ? view.list->formula : default_organisation_formula(view.level);
    const int count = static_cast<int>(units.size());
    view.award_count =
        view.list ? view.list->award_count : std::min(default_award_count, std::max(count, 1));
    view.confirmed = view.list && view.list->confirmed;

    const auto figures = store.figures(campaign.id, view.scope.path, view.level);
    std::vector<OrganisationScore> scores;
    if (!figures.empty()) scores = score_units(view.formula, figures);
    std::vector<UnitId> proposed;
    if (!scores.empty()) {
        proposed = proposed_organisation_awards(scores, std::clamp(view.award_count, 1, count));
    }
    std::vector<UnitId> awarded;
    if (view.confirmed) {
        for (const auto& a : view.list->awards) awarded.push_back(a.unit);
    } else {
        awarded = after_moves(proposed, view.list ? view.list->moves
                                                  : std::vector<store::OrganisationMoveRecord>{});
    }
    const std::set<UnitId> proposed_set(proposed.begin(), proposed.end());
    const std::set<UnitId> awarded_set(awarded.begin(), awarded.end());
    std::map<UnitId, UnitFigures> figures_of;
    for (const auto& f : figures) figures_of[f.unit] = f;
    for (const auto& score : scores) {
        auto it = units.find(score.unit);
        if (it == units.end()) continue;  // a unit added meanwhile: scored at the next look
        view.ranking.push_back({it->second, figures_of[score.unit], score,
                                proposed_set.contains(score.unit),
                                awarded_set.contains(score.unit)});
    }
    for (const auto& id : awarded) {
        auto it = units.find(id);
        if (it != units.end()) {
            view.awarded.push_back(it->second);
        } else if (auto u = web.store.find_unit(id)) {
            view.awarded.push_back(*u);  // confirmed, then moved elsewhere in the tree
        }
    }
    return view;
}

OrganisationAwardsView save_organisation_awards(WebContext& web, const CurrentUser& user,
                                                OrganisationAwardsView view,
                                                const OrganisationFormula& formula,
                                                int award_count, const AuditContext& ctx) {
    require_change(view);
    if (view.confirmed) throw_conflict("优秀组织奖名单已确认,请先撤销确认再修改");
    OrganisationFormula checked = formula;
    checked.level = view.level;
    check_organisation_formula(checked);
    const int units = static_cast<int>(view.ranking.size());
    if (units == 0) throw_invalid("该层级没有可评定的单位", {{"level", "该层级没有可评定的单位"}});
    if (award_count < 1 || award_count > units) {
        const std::string message = fmt::format("评定数量应为 1 到 {} 之间的整数", units);
        throw_invalid(message, {{"count", message}});
    }
    store_of(web).save(view.campaign.id, view.scope.id, checked, award_count, now_utc(), ctx);
    return reload(web, user, view);
}

OrganisationAwardsView move_organisation_award(WebContext& web, const CurrentUser& user,
                                               OrganisationAwardsView view,
                                               const std::string& unit_code, bool awarded,
                                               const std::string& reason, const AuditContext& ctx) {
    require_change(view);
    if (view.confirmed) throw_conflict("优秀组织奖名单已确认,请先撤销确认再调整");
    const auto unit = web.store.find_unit_by_code(std::string(trim(unit_code)));
    const OrganisationRankingRow* row = unit ? row_of(view, unit->id) : nullptr;
    if (!row) {
        throw_invalid("请选择本层级参评的单位", {{"unit", "请选择本层级参评的单位"}});
    }
    if (row->awarded == awarded) {
        const std::string message = fmt::format("“{}”{}获奖名单中", row->unit.name,
                                                awarded ? "已在" : "不在");
        throw_invalid(message, {{"unit", message}});
    }
    const OrganisationMove move{row->unit.id, awarded, std::string(trim(reason))};
    std::vector<UnitId> current;
    for (const auto& u : view.awarded) current.push_back(u.id);
    apply_organisation_moves(current, {move});  // checks the reason
    const auto list = ensure_saved(web, view, ctx);
    store_of(web).add_move(list.id, move, now_utc(), ctx);
    return reload(web, user, view);
}

OrganisationAwardsView confirm_organisation_awards(WebContext& web, const CurrentUser& user,
                                                   OrganisationAwardsView view,
                                                   const AuditContext& ctx) {
    require_change(view);
    if (view.confirmed) throw_conflict("优秀组织奖名单已确认");
    if (view.awarded.empty()) throw_invalid("获奖名单为空,无法确认");
    std::vector<store::OrganisationAwardRecord> awards;
    for (const auto& u : view.awarded) {
        store::OrganisationAwardRecord a;
        a.unit = u.id;
        a.position = static_cast<int>(awards.size()) + 1;
        if (const auto* row = row_of(view, u.id)) {
            a.rank = row->score.rank;
            a.score = row->score.score;
        }
        awards.push_back(a);
    }
    const auto list = ensure_saved(web, view, ctx);
    store_of(web).confirm(list.id, std::move(awards), now_utc(), ctx);
    return reload(web, user, view);
}

OrganisationAwardsView unconfirm_organisation_awards(WebContext& web, const CurrentUser& user,
                                                     OrganisationAwardsView view,
                                                     const AuditContext& ctx) {
    require_change(view);
    if (!view.confirmed) throw_conflict("优秀组织奖名单尚未确认");
    store_of(web).unconfirm(view.list->id, now_utc(), ctx);
    return reload(web, user, view);
}

OrganisationCertificate organisation_certificate(WebContext& web, const CurrentUser& user,
                                                 const std::string& list_id_text,
                                                 const std::string& unit_code) {
    long long id = 0;
    const auto [end, error] =
        std::from_chars(list_id_text.data(), list_id_text.data() + list_id_text.size(), id);
    const bool numeric = error == std::errc() && end == list_id_text.data() + list_id_text.size();
    auto store = store_of(web);
    const auto list = numeric && id > 0 ? store.find(id) : std::nullopt;
    const auto unit = web.store.find_unit_by_code(unit_code);
    const store::OrganisationAwardRecord* award = nullptr;
    if (list && unit && list->confirmed) {
        for (const auto& a : list->awards)
            if (a.unit == unit->id) award = &a;
    }
    if (!award) throw_not_found("该单位没有这项优秀组织奖");
    const auto scope = web.store.find_unit(list->unit);
    if (!may_view_campaign_unit(user.actor, *unit) &&
        !(scope && may_view_campaign_unit(user.actor, *scope))) {
        throw_forbidden("只有获奖单位及评定单位的管理员可以下载证书");
    }
    const auto campaign = web.campaigns.find_campaign(list->campaign);
    const auto layout = web.exhibition.layout(list->campaign);
    const std::string issuer = scope ? scope->name : "";
    tables::CertificateText text;
    text.title = layout.title;
    text.winners = unit->name;
    text.citation = fmt::format("贵单位在“{}”主题活动中组织有力、成效显著,荣获",
                                campaign ? campaign->name : "");
    text.tier = "优秀组织奖";
    text.issuer = issuer;
    text.issued_on = exhibition::chinese_date(
        layout.issued_on.value_or(shanghai_date(list->confirmed_at.value_or(award->issued_at))));
    text.code = award->code;
    text.verify_url = exhibition::verify_url(web, award->code);
    // The campaign's seal is the issuer's: it goes on the certificate only when the awarding unit
    // is that issuer.
    if (layout.issuer.empty() || layout.issuer == issuer) text.seal_png = layout.seal_png;
    return {tables::certificate_pdf(text),
            exhibition::pdf_file_name("证书-优秀组织奖-" + unit->name)};
}

std::string organisation_certificate_url(long long list, const Unit& unit) {
    return fmt::format("/api/v1/organisation-awards/{}/units/{}/certificate.pdf", list,
                       http::percent_encode(unit.code));
}

std::vector<OrganisationCertificateEntry> organisation_certificates_for(WebContext& web,
                                                                        const CurrentUser& user,
                                                                        const Campaign& campaign) {
    std::vector<OrganisationCertificateEntry> out;
    for (const auto& list : store_of(web).lists(campaign.id)) {
        if (!list.confirmed) continue;
        const auto issuer = web.store.find_unit(list.unit);
        if (!issuer) continue;
        const bool sees_issuer = may_view_campaign_unit(user.actor, *issuer);
        for (const auto& a : list.awards) {
            const auto unit = web.store.find_unit(a.unit);
            if (!unit || !(sees_issuer || may_view_campaign_unit(user.actor, *unit))) continue;
            out.push_back(
                {*unit, *issuer, a.code, organisation_certificate_url(list.id, *unit), a.issued_at});
        }
    }
    return out;
}

Json organisation_awards_json(const OrganisationAwardsView& view) {
    Json weights = Json::array();
    for (const auto& w : view.formula.weights) {
        weights.push_back({{"factor", to_string(w.factor)},
                           {"label", label_zh(w.factor)},
                           {"weight", w.weight}});
    }
    Json ranking = Json::array();
    for (const auto& row : view.ranking) {
        ranking.push_back({{"unit", unit_json(row.unit)},
                           {"rank", row.score.rank},
                           {"tied", row.score.tied},
                           {"score", row.score.score},
                           {"raw", factor_values(row.score.raw)},
                           {"normalised", factor_values(row.score.normalised)},
                           {"figures", figures_json(row.figures)},
                           {"proposed", row.proposed},
                           {"awarded", row.awarded}});
    }
    Json moves = Json::array();
    Json awards = Json::array();
    if (view.list) {
        for (const auto& m : view.list->moves) {
            moves.push_back({{"unit_id", m.move.unit.value},
                             {"awarded", m.move.awarded},
                             {"reason", m.move.reason},
                             {"by", m.by ? Json(m.by->value) : Json()},
                             {"at", format_utc(m.at)}});
        }
        for (const auto& a : view.list->awards) {
            awards.push_back({{"unit_id", a.unit.value},
                              {"position", a.position},
                              {"rank", a.rank},
                              {"score", a.score},
                              {"code", a.code},
                              {"issued_at", format_utc(a.issued_at)}});
        }
    }
    Json awarded = Json::array();
    for (const auto& u : view.awarded) awarded.push_back(unit_json(u));
    return {{"campaign_id", view.campaign.id.value},
            {"list_id", view.list ? Json(view.list->id) : Json()},
            {"unit", unit_json(view.scope)},
            {"level", view.level},
            {"levels", view.levels},
            {"formula", formula_json(view.formula)},
            {"weights", weights},
            {"count", view.award_count},
            {"saved", view.saved},
            {"state", view.confirmed ? "confirmed" : "draft"},
            {"may_change", view.may_change},
            {"ranking", ranking},
            {"awarded", awarded},
            {"moves", moves},
            {"awards", awards}};
}

}  // namespace wangju::web::campaign
