// Offline activity reports (线下活动, 附件3): what a unit held, filed by the unit and approved by
// the unit above. Only approved reports count toward quotas; approved data is locked until a
// higher level unlocks it with a reason.
//
// States: draft -> submitted -> approved, or submitted -> returned (with a reason) -> submitted
// again after editing; approved -> draft when unlocked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/campaign_metric.h"
#include "domain/time.h"
#include "domain/unit.h"
#include "domain/user.h"

namespace wangju {

struct ReportId {
    std::int64_t value = 0;
    auto operator<=>(const ReportId&) const = default;
};

enum class ReportState { draft, submitted, approved, returned };
std::string_view to_string(ReportState state);
std::string_view label_zh(ReportState state);
std::optional<ReportState> parse_report_state(std::string_view text);

// The forms and themes of the notice; "其他" (other) takes free text in `form_other`.
const std::vector<std::string>& activity_forms();
const std::vector<std::string>& activity_themes();

struct OnlinePromotion {
    std::string url;           // a live stream or short video, http(s)
    long long views = 0;
};

// What a unit types into the report form.
struct ReportDraft {
    std::string activity_name;
    std::optional<Date> held_on;
    std::string place;
    std::string form;                  // one of activity_forms() or "其他"
    std::string form_other;            // when form is "其他"
    std::vector<std::string> themes;   // from activity_themes(), plus free text themes
    long long participants = 0;
    long long promoters = 0;
    std::vector<OnlinePromotion> online;
    std::vector<std::string> photos;   // links to photos (http(s) or /media/...)
    std::string summary;
    std::map<std::string, long long> entered;  // metric code -> value, for `entered` metrics
};

struct ActivityReport {
    ReportId id;
    CampaignId campaign;
    UnitId unit;
    ReportDraft draft;
    ReportState state = ReportState::draft;
    std::string note;                      // the reason of the last return or unlock
    UserId created_by;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> submitted_at;
    std::optional<Timestamp> decided_at;   // approved or returned
    bool late = false;                     // submitted after the deadline (within an extension)
};

// Throws Error(invalid) with one message per bad field; leaves nothing half-checked.
void check_report_draft(const ReportDraft& draft);

// May a report in `state` be edited by its unit? (draft and returned only; approved is locked.)
bool is_editable(ReportState state);
// The transitions; each throws Error(conflict) with a Chinese message when not allowed.
void require_can_submit(ReportState state);
void require_can_decide(ReportState state);   // approve or return
void require_can_unlock(ReportState state);
// A return or unlock needs a reason; throws Error(invalid) on field "reason".
void check_reason(std::string_view reason);

// What one approved report adds to each metric.
std::map<MetricId, long long> contribution(const ReportDraft& draft,
                                           const std::vector<Metric>& metrics);

nlohmann::json to_json(const ReportDraft& draft);
ReportDraft draft_from_json(const nlohmann::json& j);  // lenient: missing fields stay empty
nlohmann::json to_json(const ActivityReport& report);

}  // namespace wangju
