// A campaign (活动): one year's edition, such as the 2023 "网聚职工正能量 争做中国好网民".
// Its phases, deadlines, metrics and quotas (campaign features) and its tracks and works hang off
// the campaign's id.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/time.h"

namespace wangju {

struct CampaignId {
    std::int64_t value = 0;
    auto operator<=>(const CampaignId&) const = default;
};

struct NewCampaign {
    int year = 0;
    std::string name;   // "网聚职工正能量 争做中国好网民"
    std::string theme;  // one line under the name; may be empty
};

struct Campaign {
    CampaignId id;
    int year = 0;
    std::string name;
    std::string theme;
    Timestamp created_at{};
};

// Checks a new campaign; throws Error(invalid) naming each bad field.
void check_new_campaign(const NewCampaign& campaign);

nlohmann::json to_json(const Campaign& campaign);

}  // namespace wangju
