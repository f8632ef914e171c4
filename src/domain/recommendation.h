// The recommendation chain (推荐): each level collects the works of its subtree, keeps the best
// and recommends them upward within its quota and by its deadline, per track.
//
// How levels map to units: a work's chain is its unit, then each ancestor up to the root, keeping
// only the units whose level takes part in the track (has a LevelSetting). Submitting places the
// work at the first unit of its chain; recommending at a unit moves it to the next; recommending
// at the last unit makes it an entry of judging. A level without a setting is passed through, so
// a grassroots union without its own quota sends its workers' works straight to its zone.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/time.h"
#include "domain/track.h"
#include "domain/unit.h"

namespace wangju {

// zone, town, sector and direct unions form one level (they rank alike under a district).
enum class ChainLevel { grassroots, zone, district, city, national };

ChainLevel chain_level_of(UnitKind kind);
std::string_view to_string(ChainLevel level);                    // "zone"
std::optional<ChainLevel> parse_chain_level(std::string_view text);
std::string_view label_zh(ChainLevel level);                     // "开发区/街镇/系统工会"
const std::vector<ChainLevel>& all_chain_levels();               // from the bottom up

// Per track and level: how many works each unit of the level may recommend, and until when.
struct LevelSetting {
    TrackId track;
    ChainLevel level = ChainLevel::zone;
    int quota = 0;
    Timestamp deadline{};  // decisions and, at a work's first level, submissions end here
};

enum class Decision { recommend, not_recommend, return_for_changes };
std::string_view to_string(Decision decision);
std::optional<Decision> parse_decision(std::string_view text);
std::string_view label_zh(Decision decision);  // "推荐"

const LevelSetting* setting_for(const std::vector<LevelSetting>& settings, ChainLevel level);

// `unit_and_ancestors`: the work's unit first, then its parent, ... up to the root. Returns the
// units of the chain in the same order (only those whose level has a setting). Of grassroots
// units one inside another (a group in a branch union in a grassroots union), only the outermost
// is in the chain: it decides for the grassroots level.
std::vector<Unit> chain_of(const std::vector<Unit>& unit_and_ancestors,
                           const std::vector<LevelSetting>& settings);

// The unit after `current` in `chain`, or nothing when `current` is the last (judging follows).
std::optional<Unit> next_in_chain(const std::vector<Unit>& chain, UnitId current);

// Throws Error(deadline_passed) after the level's deadline: "本级推荐截止时间(2023-08-05 17:00)已过".
void check_decision_deadline(const LevelSetting& setting, Timestamp now);
// Throws Error(deadline_passed) once the first level's deadline passed: no more submitting,
// editing or withdrawing.
void check_submission_deadline(const LevelSetting& first_level, Timestamp now);
// Throws Error(quota_full) "推荐名额已满..." when `already_recommended` reached the quota.
void check_quota(const LevelSetting& setting, long long already_recommended);

// How many works a person and a unit may submit in a track; counts exclude drafts and withdrawn
// works. Throws Error(quota_full) naming the limit.
void check_submission_limits(const TrackRules& rules, long long by_person, long long by_unit);

}  // namespace wangju
