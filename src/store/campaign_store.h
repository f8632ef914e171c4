// Campaigns in the database. Built on the Database that a Store shares (Store::database()), with
// the same contract: thread-safe; a change commits together with its audit event or not at all.
#pragma once

#include <optional>
#include <vector>

#include "domain/audit.h"
#include "domain/campaign.h"
#include "store/database.h"

namespace wangju::store {

class CampaignStore {
  public:
    explicit CampaignStore(Database& database) : database_(database) {}

    // Refuses (conflict) a second campaign of the same year and name.
    Campaign create_campaign(const NewCampaign& campaign, const AuditContext& ctx);
    std::optional<Campaign> find_campaign(CampaignId id);
    std::vector<Campaign> campaigns();  // newest year first

  private:
    Database& database_;
};

}  // namespace wangju::store
