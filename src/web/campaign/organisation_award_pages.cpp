// The organisation awards page of a unit (/campaigns/{id}/organisation-awards?unit=&level=): the
// ranking of the units of one level below it with their figures, the formula and the number to
// award, the moves with their reasons, confirmation, and the certificates of a confirmed list.
#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_page_support.h"
#include "web/campaign/campaign_routes.h"
#include "web/campaign/organisation_award_service.h"

namespace wangju::web::campaign {
namespace {

using Json = nlohmann::json;

const char* const level_names[] = {"全国", "省级", "市级", "区县级", "街道乡镇级", "基层"};

std::string level_label(int level) {
    if (level >= 0 && level < static_cast<int>(std::size(level_names))) {
        return fmt::format("第 {} 级({})", level, level_names[level]);
    }
    return fmt::format("第 {} 级", level);
}

bool is_ratio(OrganisationFactor factor) {
    return factor == OrganisationFactor::quota_completion ||
           factor == OrganisationFactor::reports_on_time;
}

std::string shown_value(OrganisationFactor factor, double raw) {
    if (is_ratio(factor)) return fmt::format("{:.1f}%", raw * 100);
    return fmt::format("{:.0f}", raw);
}

std::string shown_weight(double weight) {
    std::string text = fmt::format("{:.2f}", weight);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string awards_path(const OrganisationAwardsView& view, const char* done) {
    return campaign_path(view.campaign,
                         fmt::format("/organisation-awards?unit={}&level={}&done={}",
                                     http::percent_encode(view.scope.code), view.level, done));
}

Json page_data(const OrganisationAwardsView& view) {
    Json data = organisation_awards_json(view);
    Json levels = Json::array();
    for (int level : view.levels) {
        levels.push_back({{"value", level}, {"label", level_label(level)},
                          {"selected", level == view.level}});
    }
    data["level_options"] = levels;
    data["level_label"] = level_label(view.level);
    Json weights = Json::array();
    for (const auto& w : view.formula.weights) {
        weights.push_back({{"name", "w_" + std::string(to_string(w.factor))},
                           {"label", label_zh(w.factor)},
                           {"value", shown_weight(w.weight)}});
    }
    data["weight_fields"] = weights;
    std::map<UnitId, std::string> names;
    Json rows = Json::array();
    for (const auto& row : view.ranking) {
        names[row.unit.id] = row.unit.name;
        Json cells = Json::array();
        for (const auto& w : view.formula.weights) {
            cells.push_back(shown_value(w.factor, row.score.raw.at(w.factor)));
        }
        rows.push_back({{"code", row.unit.code},
                        {"name", row.unit.name},
                        {"rank", row.score.rank},
                        {"tied", row.score.tied},
                        {"score", fmt::format("{:.2f}", row.score.score)},
                        {"cells", cells},
                        {"proposed", row.proposed},
                        {"awarded", row.awarded}});
    }
    data["rows"] = rows;
    data["has_rows"] = !rows.empty();
    Json moves = Json::array();
    if (view.list) {
        for (const auto& m : view.list->moves) {
            const auto name = names.find(m.move.unit);
            moves.push_back({{"unit", name == names.end() ? std::to_string(m.move.unit.value)
                                                          : name->second},
                             {"direction", m.move.awarded ? "调入" : "调出"},
                             {"reason", m.move.reason},
                             {"at", format_shanghai(m.at)}});
        }
        Json certificates = Json::array();
        for (const auto& a : view.list->awards) {
            for (const auto& u : view.awarded) {
                if (u.id == a.unit) {
                    certificates.push_back({{"name", u.name},
                                            {"code", a.code},
                                            {"url", organisation_certificate_url(view.list->id, u)}});
                }
            }
        }
        data["has_certificates"] = !certificates.empty();
        data["certificates"] = certificates;
    }
    data["move_list"] = moves;
    data["has_moves"] = !moves.empty();
    data["state_label"] = view.confirmed ? "已确认" : "拟定中";
    data["editable"] = view.may_change && !view.confirmed;
    data["may_unconfirm"] = view.may_change && view.confirmed;
    return data;
}

http::Response awards_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                           const OrganisationAwardsView& view, Json extra, int status) {
    auto data = page_base(user, view.campaign, view.scope);
    data.update(page_data(view));
    data["done"] = campaign_done_notice(r);
    data.update(extra);
    return show_page(r, web, &user, "优秀组织奖评定 - " + view.scope.name,
                     "campaign_organisation_awards", data, status);
}

http::Response get_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Campaign c = campaign_or_404(web, r.params.at("id"));
    const auto view = organisation_awards(web, user, c, r.query("unit").value_or(""),
                                          r.query("level").value_or(""));
    return awards_page(web, r, user, view, Json::object(), 200);
}

// Runs a form of the page: the scope and level come from the form's hidden fields.
template <typename Action>
http::Response post_form(WebContext& web, http::Request& r, const char* form_name, Action action) {
    auto user = require_user(web, r);
    const Campaign c = campaign_or_404(web, r.params.at("id"));
    const auto form = r.form();
    const auto view =
        organisation_awards(web, user, c, form_value(form, "unit"), form_value(form, "level"));
    return run_form(
        r, user, form_name, form,
        [&](const FormFields& f) { return action(user, view, f, audit_context(r, user)); },
        [&](Json extra, int status) { return awards_page(web, r, user, view, extra, status); });
}

http::Response post_formula(WebContext& web, http::Request& r) {
    return post_form(web, r, "formula",
                     [&](const CurrentUser& user, const OrganisationAwardsView& view,
                         const FormFields& f, const AuditContext& ctx) {
                         OrganisationFormula formula;
                         formula.level = view.level;
                         for (const auto& w : view.formula.weights) {
                             const std::string field = "w_" + std::string(to_string(w.factor));
                             formula.weights.push_back(
                                 {w.factor, weight_from_text(form_value(f, field), field)});
                         }
                         const std::string count_text(trim(form_value(f, "count")));
                         int count = 0;
                         try {
                             std::size_t used = 0;
                             count = std::stoi(count_text, &used);
                             if (used != count_text.size()) count = 0;
                         } catch (const std::exception&) {
                             count = 0;
                         }
                         save_organisation_awards(web, user, view, formula, count, ctx);
                         return awards_path(view, "organisation_formula_saved");
                     });
}

http::Response post_move(WebContext& web, http::Request& r) {
    return post_form(web, r, "move",
                     [&](const CurrentUser& user, const OrganisationAwardsView& view,
                         const FormFields& f, const AuditContext& ctx) {
                         const std::string direction = form_value(f, "direction");
                         if (direction != "in" && direction != "out") {
                             throw_invalid("请选择调入或调出", {{"direction", "请选择调入或调出"}});
                         }
                         move_organisation_award(web, user, view, form_value(f, "target"),
                                                 direction == "in", form_value(f, "reason"), ctx);
                         return awards_path(view, "organisation_moved");
                     });
}

http::Response post_confirm(WebContext& web, http::Request& r) {
    return post_form(web, r, "confirm",
                     [&](const CurrentUser& user, const OrganisationAwardsView& view,
                         const FormFields&, const AuditContext& ctx) {
                         confirm_organisation_awards(web, user, view, ctx);
                         return awards_path(view, "organisation_confirmed");
                     });
}

http::Response post_unconfirm(WebContext& web, http::Request& r) {
    return post_form(web, r, "confirm",
                     [&](const CurrentUser& user, const OrganisationAwardsView& view,
                         const FormFields&, const AuditContext& ctx) {
                         unconfirm_organisation_awards(web, user, view, ctx);
                         return awards_path(view, "organisation_unconfirmed");
                     });
}

}  // namespace

void register_organisation_award_pages(http::Router& router, WebContext& web) {
    const std::string base = "/campaigns/{id}/organisation-awards";
    router.add("GET", base, page_handler(web, get_awards));
    router.add("POST", base + "/formula", page_handler(web, post_formula));
    router.add("POST", base + "/moves", page_handler(web, post_move));
    router.add("POST", base + "/confirm", page_handler(web, post_confirm));
    router.add("POST", base + "/unconfirm", page_handler(web, post_unconfirm));
}

}  // namespace wangju::web::campaign
