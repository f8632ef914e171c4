// How the judging API shows judgings, rounds, assignments, a judge's blind view of a work,
// results and awards as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "web/judging/judging_service.h"

namespace wangju::web::judging {

nlohmann::json tiers_json(const std::vector<AwardTier>& tiers);
std::vector<AwardTier> tiers_from_json(const nlohmann::json& json);  // invalid: field "tiers"

nlohmann::json judging_json(WebContext& web, const Judging& judging);
nlohmann::json round_json(WebContext& web, const Round& round);
// For the judging's admins: who judges what, and whether it is scored (never the values).
nlohmann::json assignment_json(WebContext& web, const store::Assignment& assignment);

// What a judge sees of an assignment: the work as the round allows (blind: no authors, unit,
// path, identifying fields or file names; files are 文件1, 文件2), the rubric, and their own
// scores, never anyone else's.
nlohmann::json judge_entry_json(WebContext& web, const QueueEntry& entry);
// The values a judge saved: scores per key, total, verdict, comment.
nlohmann::json own_scores_json(const store::Assignment& assignment);

nlohmann::json results_json(const RoundResultsView& view);
nlohmann::json awards_json(const AwardsView& view);
nlohmann::json progress_json(const std::vector<JudgeProgress>& progress);

}  // namespace wangju::web::judging
