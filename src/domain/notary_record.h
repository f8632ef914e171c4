// Records for the notary (公证记录): what a judging round decided, or how a public vote ended, as the
// notaries who watched need it written down. The facts are gathered from the judging or the vote
// (web/notary); this file holds what they are, their canonical JSON snapshot (what `wangju check`
// compares later) and the Chinese description of what changed between two snapshots.
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

// ---- a public vote

struct NotaryVoteWork {
    WorkId id;
    std::string title;
    std::string track;
    std::string unit;
    int rank = 0;  // by valid votes, ties sharing a rank
    long long valid = 0;
    long long voided = 0;
    long long restored = 0;  // voided and then restored (counted in `valid`)
};

// One voiding or restoration of votes by an organiser.
struct NotaryVoiding {
    bool restore = false;
    std::string reason;
    std::string flag;  // the flag it acted on, "" when votes were picked one by one
    long long votes = 0;
    std::string by;  // the organiser's name
    std::string at;  // Beijing time, "2023-06-21 16:30"
};

struct NotaryVoteFacts {
    std::string campaign;
    std::string name;    // the vote
    std::string tracks;  // "正能量职工网络达人、新媒体账号"
    std::string starts;  // Beijing time
    std::string ends;
    std::vector<std::string> rules;  // vote_rule_lines
    std::vector<NotaryVoteWork> works;  // by rank, then title
    std::vector<NotaryVoiding> voidings;  // in the order they were made
    std::string notice;  // the title of the vote's shortlist notice, "" when none
    std::vector<NotaryObjection> objections;
};

// The canonical snapshot: every fact in a fixed order, numbers as text with two decimals, so that
// the same facts give the same JSON text (dump()) byte for byte.
nlohmann::json notary_snapshot(const NotaryFacts& facts);

nlohmann::json notary_vote_snapshot(const NotaryVoteFacts& facts);

// Ranks by valid votes (1, 1, 3, …) and sorts `works` by rank, then title.
void rank_vote_works(std::vector<NotaryVoteWork>& works);

// What changed from `stored` to `now`, one line per change in Chinese ("作品《…》评委 张伟 的评分
// 85.00 → 90.00"); empty when they are the same.
std::vector<std::string> notary_changes(const nlohmann::json& stored, const nlohmann::json& now);
// The same for a public vote's snapshots ("作品《…》的有效票 12 → 11").
std::vector<std::string> notary_vote_changes(const nlohmann::json& stored,
                                             const nlohmann::json& now);

// "GZ" + Shanghai date (YYMMDD) + 8 characters (domain/tracking_code.h).
std::string notary_record_code(Date day, std::string_view random_bytes);

// Two decimals, the way the record prints scores.
std::string score_text(double value);

}  // namespace wangju
