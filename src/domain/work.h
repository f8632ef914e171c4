// A work (作品): an entry in a track, with its title, authors, form values and files. It is a
// draft until submitted; then it passes up the recommendation chain (domain/recommendation.h).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/campaign.h"
#include "domain/time.h"
#include "domain/track.h"
#include "domain/unit.h"
#include "domain/user.h"
#include "domain/media_facts.h"

namespace wangju {

struct WorkId {
    std::int64_t value = 0;
    auto operator<=>(const WorkId&) const = default;
};

// draft: being written by its owner. pending: submitted, waiting for the decision of the unit
// it stands at (position). not_recommended: stopped at its position. returned: sent back to the
// owner for changes, with a reason. withdrawn: taken back by the owner. entry: recommended by the
// top of the chain, an entry of judging.
enum class WorkState { draft, pending, not_recommended, returned, withdrawn, entry };

std::string_view to_string(WorkState state);
std::optional<WorkState> parse_work_state(std::string_view text);
std::string_view label_zh(WorkState state);  // "待审核"
const std::vector<WorkState>& all_work_states();

// What happens to a work; next_state says where each leads or refuses it.
enum class WorkEvent { edit, submit, withdraw, recommend, recommend_to_judging, not_recommend,
                       return_for_changes };

// The state after `event`, or Error(conflict) naming why not ("作品已提交,不能再次提交").
WorkState next_state(WorkState state, WorkEvent event);

// A file of a work: a reference to a stored blob (content-addressed by SHA-256), with what its
// content measured.
struct WorkFile {
    std::string sha256;    // 64 lowercase hex digits
    std::uint64_t size_bytes = 0;
    std::string filename;  // as uploaded; shown, never used as a path
    std::string mime_type;
    MediaFacts facts;
};

struct WorkContent {
    std::string title;
    std::string authors;  // "张伟、李娜"
    std::map<std::string, std::string> form_values;
    std::vector<WorkFile> files;
};

struct Work {
    WorkId id;
    CampaignId campaign;
    TrackId track;
    UserId owner;
    UnitId unit;                     // the submitting unit: the chain starts here
    WorkContent content;
    WorkState state = WorkState::draft;
    std::optional<UnitId> position;  // the unit it stands at, once submitted
    std::string return_reason;       // when returned
    int version = 1;                 // every save adds one; each is kept
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> submitted_at;
};

// Checks title and authors and the form values against the track; returns the content with the
// values kept by check_form_values. Throws Error(invalid) naming each bad field.
WorkContent checked_content(const Track& track, WorkContent content);

bool is_sha256_hex(std::string_view text);

nlohmann::json work_file_json(const WorkFile& file);
WorkFile work_file_from_json(const nlohmann::json& json);
nlohmann::json form_values_json(const std::map<std::string, std::string>& values);
std::map<std::string, std::string> form_values_from_json(const nlohmann::json& json);

}  // namespace wangju
