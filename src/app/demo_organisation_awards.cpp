// The demo's organisation awards (优秀组织奖): Binhai's admin has scored the units directly below
// Binhai by the default formula and proposes three, with the next in rank moved in by hand with
// its reason; the list is not yet confirmed.
#include <algorithm>

#include "app/demo.h"
#include "domain/organisation_award.h"
#include "store/organisation_award_store.h"

namespace wangju::app {

void load_demo_organisation_awards(store::Store& store, const Campaign& campaign) {
    const auto binhai = store.find_unit_by_code("binhai");
    const auto admin = store.find_user_by_username("binhai_admin");
    if (!binhai || !admin) return;
    const AuditContext ctx{admin->id, "demo"};
    store::OrganisationAwardStore awards(store.database());
    const auto now = now_utc();
    const int count = 3;
    const auto formula = default_organisation_formula(binhai->level + 1);
    const auto list = awards.save(campaign.id, binhai->id, formula, count, now, ctx);
    const auto ranked = score_units(formula, awards.figures(campaign.id, binhai->path, formula.level));
    if (static_cast<int>(ranked.size()) <= count) return;
    const auto proposed = proposed_organisation_awards(ranked, count);
    for (const auto& s : ranked) {
        if (std::find(proposed.begin(), proposed.end(), s.unit) != proposed.end()) continue;
        awards.add_move(list.id, {s.unit, true, "组织辖区职工网络文明培训 12 场,覆盖面广,经研究予以增补"},
                        now, ctx);
        return;
    }
}

}  // namespace wangju::app
