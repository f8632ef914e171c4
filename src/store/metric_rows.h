// A campaign's metrics in the database (campaign_metrics), read and added inside a caller's
// transaction; shared by the plan store (quotas, defaults) and the admin store (editing).
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/campaign_metric.h"

namespace wangju::store {

// The campaign's metrics by position.
std::vector<Metric> metrics_in(soci::session& s, CampaignId campaign);

// The aliases column: a JSON array of strings (anything else reads as none).
std::vector<std::string> aliases_from_json(const std::string& text);
std::string aliases_json(const Metric& metric);

// Stores `metric` in the campaign at `position`; returns it with its id, campaign and position.
Metric insert_metric(soci::session& s, CampaignId campaign, Metric metric, int position);

}  // namespace wangju::store
