// Organisation awards (优秀组织奖) in the database: the campaign's figures per unit that the
// formula scores, and per campaign, awarding unit and level one list: its formula and award
// count, the admin's moves with their reasons, and once confirmed the units awarded with their
// certificates' verification codes. Built on the shared Database with its contract: thread-safe;
// a change commits together with its audit event or not at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/organisation_award.h"
#include "domain/time.h"
#include "domain/user.h"
#include "store/database.h"

namespace wangju::store {

struct OrganisationMoveRecord {
    OrganisationMove move;
    std::optional<UserId> by;
    Timestamp at{};
};

struct OrganisationAwardRecord {
    UnitId unit;
    int position = 0;  // 1… in the confirmed list's order
    int rank = 0;      // the unit's rank in the scoring when confirmed (0: moved in from outside)
    double score = 0;
    std::string code;  // the certificate's verification code (核验码)
    Timestamp issued_at{};
};

struct OrganisationAwardList {
    long long id = 0;
    CampaignId campaign;
    UnitId unit;  // the awarding unit; the units scored are of formula.level in its subtree
    OrganisationFormula formula;
    int award_count = 0;
    bool confirmed = false;
    Timestamp updated_at{};
    std::optional<Timestamp> confirmed_at;
    std::vector<OrganisationMoveRecord> moves;      // in the order made
    std::vector<OrganisationAwardRecord> awards;    // the confirmed list, by position
};

class OrganisationAwardStore {
  public:
    explicit OrganisationAwardStore(Database& database) : database_(database) {}

    // The campaign's figures of every unit of `level` below `scope` (its path "/1/4/"), each for
    // the unit's whole subtree, by unit id: quota targets of the unit (附件2) and approved totals,
    // activity reports on time and in all, works submitted (not drafts nor withdrawn), works the
    // unit recommended upward, works with a confirmed award in one of the campaign's judgings,
    // and valid public votes for the subtree's works.
    std::vector<UnitFigures> figures(CampaignId campaign, const std::string& scope_path, int level);

    std::optional<OrganisationAwardList> find(CampaignId campaign, UnitId scope, int level);
    std::optional<OrganisationAwardList> find(long long id);
    // The lists of a campaign, by awarding unit path and level.
    std::vector<OrganisationAwardList> lists(CampaignId campaign);

    // Creates the draft list of (campaign, scope, formula.level) or changes its formula and award
    // count, dropping the moves made on the old ranking; refused (conflict) once confirmed.
    // Audited as organisation_awards.set.
    OrganisationAwardList save(CampaignId campaign, UnitId scope, const OrganisationFormula& formula,
                               int award_count, Timestamp at, const AuditContext& ctx);
    // Records a move on a draft list; refused (conflict) once confirmed. The caller checked it
    // with apply_organisation_moves. Audited as organisation_awards.move.
    OrganisationAwardList add_move(long long list, const OrganisationMove& move, Timestamp at,
                                   const AuditContext& ctx);
    // Confirms a draft list as `awards` (position, rank and score filled; codes are made here),
    // refused (conflict) when it was confirmed meanwhile. Audited as organisation_awards.confirm.
    OrganisationAwardList confirm(long long list, std::vector<OrganisationAwardRecord> awards,
                                  Timestamp at, const AuditContext& ctx);
    // Back to a draft: the certificates' codes stop verifying. Audited as
    // organisation_awards.unconfirm.
    OrganisationAwardList unconfirm(long long list, Timestamp at, const AuditContext& ctx);

    // The confirmed list and award that a certificate's code names.
    struct CodeLookup {
        OrganisationAwardList list;
        OrganisationAwardRecord award;
    };
    std::optional<CodeLookup> find_by_code(const std::string& code);

  private:
    Database& database_;
};

}  // namespace wangju::store
