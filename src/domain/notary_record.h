// Record for the notary (公证记录): what a judging round decided, as the notaries who watched the
// panel score need it written down. The facts are gathered from the judging (web/notary); this
// file holds what they are, their canonical JSON snapshot (what `wangju check` compares later)
// and the Chinese description of what changed between two snapshots.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/judging.h"
#include "domain/time.h"

namespace wangju {

struct NotaryRecordId {
    std::int64_t value = 0;
    auto operator<=>(const NotaryRecordId&) const = default;
};

struct NotaryJudge {
    UserId id;
    std::string name;
    std::string unit;
};

struct NotaryScore {
    UserId judge;
    std::optional<double> total;         // none: not scored (qualifying rounds: a verdict)
    std::optional<std::string> verdict;  // "通过" / "不通过"
};

struct NotaryWork {
    WorkId id;
    std::string title;
    std::string unit;
    int rank = 0;                     // in the round's results (0: not ranked)
    std::vector<NotaryScore> scores;  // by judge id
    double raw_mean = 0;
    double normalised_mean = 0;
};

struct NotaryVoteTotals {
    std::string name;  // the public vote
    long long valid = 0;
    long long voided = 0;
    long long restored = 0;  // votes voided and then restored (counted in `valid`)
};

struct NotaryAward {
    WorkId work;
    std::string title;
    std::string unit;
    int rank = 0;
    double expert = 0;
    long long votes = 0;
    double final_score = 0;
    std::optional<std::string> proposed_tier;
    std::optional<std::string> tier;  // after the admin's moves
    std::string move_reason;
};

struct NotaryObjection {
    std::string code;
    std::string work_title;
    std::string reason;
    std::string answer;  // "成立(撤销)", "不成立", "" while unanswered
    std::string answer_reason;
};

struct NotaryFacts {
    std::string campaign;
    std::string track;
    std::string unit;        // the judging's unit
    std::string round;       // "第1轮 初评"
    std::string round_kind;  // "评分"
    Rubric rubric;
    std::vector<NotaryJudge> panel;
    std::vector<NotaryWork> works;  // by rank, then id
    int vote_weight = 0;            // percent of the final ranking given to the public vote
    std::vector<NotaryVoteTotals> votes;
    std::string awards_state;         // "草案", "已确认", "已公布"
    std::vector<NotaryAward> awards;  // by rank
    std::string notice;               // the title of the judging's winners notice, "" when none
    std::vector<NotaryObjection> objections;
};

// The canonical snapshot: every fact in a fixed order, numbers as text with two decimals, so that
// the same facts give the same JSON text (dump()) byte for byte.
nlohmann::json notary_snapshot(const NotaryFacts& facts);

// What changed from `stored` to `now`, one line per change in Chinese ("作品《…》评委 张伟 的评分
// 85.00 → 90.00"); empty when they are the same.
std::vector<std::string> notary_changes(const nlohmann::json& stored, const nlohmann::json& now);

// "GZ" + Shanghai date (YYMMDD) + 8 characters (domain/tracking_code.h).
std::string notary_record_code(Date day, std::string_view random_bytes);

// Two decimals, the way the record prints scores.
std::string score_text(double value);

}  // namespace wangju
