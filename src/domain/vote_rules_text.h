// A public vote's rules as sentences in Chinese, the way the vote's page and its record for the
// notary state them.
#pragma once

#include <string>
#include <vector>

#include "domain/public_vote.h"

namespace wangju {

// "每个账号每天可为同一作品投 1 票", …, and when totals are shown.
std::vector<std::string> vote_rule_lines(const VoteRules& rules);

}  // namespace wangju
