// Organisation awards (优秀组织奖) as their users act on them: an admin of a unit scores the units
// of one level of its subtree by the campaign's formula, sees the ranking with each unit's
// figures, sets the formula and the number to award, moves a unit in or out with a reason, and
// confirms; the units confirmed get a certificate with a verification code. The API and the pages
// both call these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/organisation_award.h"
#include "store/organisation_award_store.h"
#include "web/auth.h"

namespace wangju::web::campaign {

struct OrganisationRankingRow {
    Unit unit;
    UnitFigures figures;
    OrganisationScore score;
    bool proposed = false;  // within the award count by score
    bool awarded = false;   // on the list: after the moves, or confirmed
};

struct OrganisationAwardsView {
    Campaign campaign;
    Unit scope;  // the awarding unit
    int level = 0;
    std::vector<int> levels;  // the levels below the scope that have units, for a choice
    OrganisationFormula formula;
    int award_count = 0;
    bool saved = false;  // a list is stored (else: the default formula, not yet saved)
    bool confirmed = false;
    bool may_change = false;
    std::vector<OrganisationRankingRow> ranking;  // best first
    std::vector<Unit> awarded;                    // the list, in its order
    std::optional<store::OrganisationAwardList> list;
};

// The scope (the unit whose code is `unit_code`, or the user's unit when empty) and the level
// (`level_text`, or the one below the scope when empty): Error(invalid) naming "level" for a level
// not below the scope, "not found" for an unknown unit; forbidden unless the user may view the
// scope's campaign figures.
OrganisationAwardsView organisation_awards(WebContext& web, const CurrentUser& user,
                                           const Campaign& campaign, const std::string& unit_code,
                                           const std::string& level_text);

// Saves the formula's weights and the number to award, starting the moves anew (a new ranking
// makes the earlier moves meaningless). For the scope's admins; refused once confirmed.
OrganisationAwardsView save_organisation_awards(WebContext& web, const CurrentUser& user,
                                                OrganisationAwardsView view,
                                                const OrganisationFormula& formula,
                                                int award_count, const AuditContext& ctx);
// Moves the unit whose code is given into (awarded) or out of the list, with a reason; the list
// is saved first when it was not.
OrganisationAwardsView move_organisation_award(WebContext& web, const CurrentUser& user,
                                               OrganisationAwardsView view,
                                               const std::string& unit_code, bool awarded,
                                               const std::string& reason, const AuditContext& ctx);
OrganisationAwardsView confirm_organisation_awards(WebContext& web, const CurrentUser& user,
                                                   OrganisationAwardsView view,
                                                   const AuditContext& ctx);
OrganisationAwardsView unconfirm_organisation_awards(WebContext& web, const CurrentUser& user,
                                                     OrganisationAwardsView view,
                                                     const AuditContext& ctx);

// The certificate of a unit on a confirmed list (`list_id_text` from the path), for those who may
// view the awarding unit's figures and the awarded unit's own admins; "not found" unless the unit
// is on the confirmed list.
struct OrganisationCertificate {
    std::string pdf;
    std::string file_name;  // "证书-优秀组织奖-<unit name>.pdf"
};
OrganisationCertificate organisation_certificate(WebContext& web, const CurrentUser& user,
                                                 const std::string& list_id_text,
                                                 const std::string& unit_code);

// "/api/v1/organisation-awards/{list}/units/{code}/certificate.pdf"
std::string organisation_certificate_url(long long list, const Unit& unit);

// The organisation award certificates of a campaign that `user` may download (as for
// organisation_certificate), by awarding unit and position.
struct OrganisationCertificateEntry {
    Unit unit;    // the unit awarded
    Unit issuer;  // the unit that awarded it
    std::string code;
    std::string url;  // the PDF's
    Timestamp issued_at{};
};
std::vector<OrganisationCertificateEntry> organisation_certificates_for(WebContext& web,
                                                                        const CurrentUser& user,
                                                                        const Campaign& campaign);

// The view as the API answers it and the page renders it.
nlohmann::json organisation_awards_json(const OrganisationAwardsView& view);

// A weight typed in a form or sent in a body: a number from 0 to 1000, else Error(invalid)
// naming `field`.
double weight_from_text(const std::string& text, const std::string& field);

}  // namespace wangju::web::campaign
