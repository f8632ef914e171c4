#include "store/campaign_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

#define WANGJU_CAMPAIGN_COLUMNS "SELECT id, year, name, theme, created_at FROM campaigns "
constexpr const char* kFind = WANGJU_CAMPAIGN_COLUMNS "WHERE id = :id";
constexpr const char* kFindByName = WANGJU_CAMPAIGN_COLUMNS "WHERE year = :year AND name = :name";
constexpr const char* kAll = WANGJU_CAMPAIGN_COLUMNS "ORDER BY year DESC, id DESC";
#undef WANGJU_CAMPAIGN_COLUMNS
constexpr const char* kInsert =
    "INSERT INTO campaigns (year, name, theme, created_at) "
    "VALUES (:year, :name, :theme, :created_at) RETURNING id";

struct CampaignRow {
    long long id = 0;
    int year = 0;
    std::string name, theme, created_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(year), soci::into(name), soci::into(theme),
            soci::into(created_at);
    }
    Campaign campaign() const {
        return {CampaignId{id}, year, name, theme, timestamp_from(created_at)};
    }
};

std::optional<Campaign> find_in(soci::session& session, CampaignId id) {
    auto row = fetch_one<CampaignRow>(session, kFind, soci::use(id.value));
    if (!row) return std::nullopt;
    return row->campaign();
}

}  // namespace

Campaign CampaignStore::create_campaign(const NewCampaign& campaign, const AuditContext& ctx) {
    check_new_campaign(campaign);
    return database_.write([&](soci::session& s) {
        if (fetch_one<CampaignRow>(s, kFindByName, soci::use(campaign.year),
                                   soci::use(campaign.name))) {
            throw_conflict(fmt::format("{} 年已有名为“{}”的活动", campaign.year, campaign.name));
        }
        long long id = 0;
        const std::string created_at = stored(now_utc());
        s << kInsert, soci::use(campaign.year), soci::use(campaign.name),
            soci::use(campaign.theme), soci::use(created_at), soci::into(id);
        Campaign created = *find_in(s, CampaignId{id});
        append_event(s, ctx, "campaign.create", fmt::format("campaign:{}", id), nullptr,
                     to_json(created));
        return created;
    });
}

std::optional<Campaign> CampaignStore::find_campaign(CampaignId id) {
    return database_.read([&](soci::session& s) { return find_in(s, id); });
}

std::vector<Campaign> CampaignStore::campaigns() {
    return database_.read([&](soci::session& s) {
        std::vector<Campaign> out;
        for (const auto& row : fetch_all<CampaignRow>(s, kAll)) out.push_back(row.campaign());
        return out;
    });
}

}  // namespace wangju::store
