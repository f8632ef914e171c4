// The checks of a work's files against its track's FileRules: pure functions over the facts
// measured from each file's content (MediaFacts), each refusal naming the rule and the
// measured value in Chinese ("视频时长 6分12秒, 超过本项目上限 5分钟").
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/track.h"
#include "domain/media_facts.h"

namespace wangju {

struct RuleViolation {
    std::string rule;     // "format", "video_codec", "max_size", "min_size", "max_duration",
                          // "unmeasured", "min_short_side", "min_characters", "max_characters",
                          // "min_files", "max_files"
    std::string message;  // Chinese, names the measured value and the limit
};

// Every rule that one file breaks, in the order above; empty when it is accepted. `form_values`
// supply the choice that selects a duration limit (诵读: 朗诵, 讲述 or 演讲).
std::vector<RuleViolation> check_file(const FileRules& rules, const MediaFacts& facts,
                                      const std::map<std::string, std::string>& form_values = {});

// The number of files of a work at submission: a photo set needs at least min_files.
std::vector<RuleViolation> check_file_count(const FileRules& rules, std::size_t count);

// Throws Error(invalid) with the violations joined by ";" when there are any; field `files`.
void require_no_violations(const std::vector<RuleViolation>& violations);

// The facts as stored with a work file, and back. Unknown or missing members stay unset.
nlohmann::json media_facts_json(const MediaFacts& facts);
MediaFacts media_facts_from_json(const nlohmann::json& json);
std::string_view media_kind_name(MediaKind kind);  // "video"

}  // namespace wangju
