#include "domain/vote_rules_text.h"

#include <fmt/format.h>

namespace wangju {

std::vector<std::string> vote_rule_lines(const VoteRules& r) {
    std::string totals = "票数实时公布";
    if (r.totals == TotalsShown::never) totals = "票数不公布";
    if (r.totals == TotalsShown::from && r.totals_from)
        totals = "票数于 " + format_shanghai(*r.totals_from) + " 公布";
    return {fmt::format("每个账号每天可为同一作品投 {} 票", r.per_account_per_work_per_day),
            fmt::format("每个账号每天最多投 {} 票", r.per_account_per_day),
            fmt::format("同一网络地址每天最多投 {} 票", r.per_address_per_day),
            "每天 00:00(北京时间)起重新计票数", totals};
}

}  // namespace wangju
