// The JSON API of organisation awards: GET|PUT /api/v1/campaigns/{id}/organisation-awards
// (?unit=<code>&level=<n>: the awarding unit, the user's own by default, and the level scored,
// the one below by default), POST .../organisation-awards/moves, .../confirm and .../unconfirm,
// and GET /api/v1/organisation-awards/{list}/units/{code}/certificate.pdf. Handlers parse, call
// organisation_award_service and answer.
#include "domain/error.h"
#include "web/api_body.h"
#include "web/campaign/campaign_actions.h"
#include "web/campaign/campaign_routes.h"
#include "web/campaign/organisation_award_service.h"
#include "web/exhibition/exhibition_routes.h"
#include "web/json_views.h"

namespace wangju::web::campaign {
namespace {

using Json = nlohmann::json;

OrganisationAwardsView view_of(WebContext& web, const http::Request& r, const CurrentUser& user) {
    const Campaign c = campaign_or_404(web, r.params.at("id"));
    return organisation_awards(web, user, c, r.query("unit").value_or(""),
                               r.query("level").value_or(""));
}

// The ranking moves with every report approved and every vote: never cached.
http::Response answer(const OrganisationAwardsView& view) {
    auto response = http::Response::json(organisation_awards_json(view));
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response get_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return answer(view_of(web, r, user));
}

// {"weights": {"quota_completion": 30, ...}, "count": 3}
http::Response put_awards(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Json body = checked_body(r, user);
    auto view = view_of(web, r, user);
    if (!body.contains("weights")) throw_invalid("请提供评分公式的权重", {{"weights", "必填"}});
    const OrganisationFormula formula =
        formula_from_json(Json{{"level", view.level}, {"weights", body["weights"]}});
    const auto count = body.find("count");
    if (count == body.end() || !count->is_number_integer() || count->get<long long>() < 1 ||
        count->get<long long>() > 100000) {
        throw_invalid("评定数量应为正整数", {{"count", "应为正整数"}});
    }
    return answer(save_organisation_awards(web, user, std::move(view), formula,
                                           static_cast<int>(count->get<long long>()),
                                           audit_context(r, user)));
}

// {"unit": "<code>", "awarded": true, "reason": "…"}
http::Response post_move(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const Json body = checked_body(r, user);
    auto view = view_of(web, r, user);
    const auto awarded = body.find("awarded");
    if (awarded == body.end() || !awarded->is_boolean()) {
        throw_invalid("请说明调入还是调出获奖名单", {{"awarded", "应为 true 或 false"}});
    }
    return answer(move_organisation_award(web, user, std::move(view),
                                          required_string(body, "unit", "单位"),
                                          awarded->get<bool>(), optional_string(body, "reason"),
                                          audit_context(r, user)));
}

http::Response post_confirm(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    return answer(
        confirm_organisation_awards(web, user, view_of(web, r, user), audit_context(r, user)));
}

http::Response post_unconfirm(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    checked_body(r, user);
    return answer(
        unconfirm_organisation_awards(web, user, view_of(web, r, user), audit_context(r, user)));
}

http::Response get_certificate(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto certificate =
        organisation_certificate(web, user, r.params.at("list"), r.params.at("code"));
    return exhibition::certificate_response(std::move(certificate.pdf), certificate.file_name);
}

}  // namespace

void register_organisation_award_api(http::Router& router, WebContext& web) {
    auto bind = [&web](http::Response (*f)(WebContext&, http::Request&)) {
        return [&web, f](http::Request& r) { return f(web, r); };
    };
    const std::string base = "/api/v1/campaigns/{id}/organisation-awards";
    router.add("GET", base, bind(get_awards));
    router.add("PUT", base, bind(put_awards));
    router.add("POST", base + "/moves", bind(post_move));
    router.add("POST", base + "/confirm", bind(post_confirm));
    router.add("POST", base + "/unconfirm", bind(post_unconfirm));
    router.add("GET", "/api/v1/organisation-awards/{list}/units/{code}/certificate.pdf",
               bind(get_certificate));
}

}  // namespace wangju::web::campaign
