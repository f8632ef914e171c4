#include "domain/campaign_admin.h"

#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

namespace {

bool district_or_higher(const Unit& unit) {
    return unit.kind == UnitKind::national || unit.kind == UnitKind::city ||
           unit.kind == UnitKind::district;
}

bool is_sysadmin(const Actor& a) {
    return a.roles.has(Role::sysadmin);
}

}  // namespace

const std::vector<std::string>& phase_names() {
    static const std::vector<std::string> names = {"启动推荐", "评选", "总结展示"};
    return names;
}

bool may_create_campaign(const Actor& actor, const Unit& actor_unit) {
    return is_sysadmin(actor) ||
           (actor.roles.has(Role::unit_admin) && district_or_higher(actor_unit));
}

bool may_edit_campaign(const Actor& actor, const Unit& actor_unit,
                       const std::optional<Unit>& owner) {
    if (is_sysadmin(actor)) return true;
    return owner && may_create_campaign(actor, actor_unit) &&
           is_within(owner->path, actor.unit_path);
}

void require_create_campaign(const Actor& actor, const Unit& actor_unit) {
    if (!may_create_campaign(actor, actor_unit))
        throw_forbidden("只有区级及以上单位的管理员才能创建主题活动");
}

void require_edit_campaign(const Actor& actor, const Unit& actor_unit,
                           const std::optional<Unit>& owner) {
    if (!may_edit_campaign(actor, actor_unit, owner))
        throw_forbidden("只有创建该活动的单位或其上级单位的管理员才能修改活动的阶段和指标");
}

std::vector<Phase> checked_phases(CampaignId campaign, const std::vector<PhaseInput>& inputs) {
    const auto& names = phase_names();
    std::map<std::string, std::string> errors;
    if (inputs.size() != names.size()) {
        throw_invalid("活动应有三个阶段:启动推荐、评选、总结展示",
                      {{"phases", "应依次给出启动推荐、评选、总结展示三个阶段"}});
    }
    std::vector<Phase> phases;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto n = std::to_string(i + 1);
        const auto& in = inputs[i];
        if (!in.name.empty() && trim(in.name) != names[i])
            errors["name_" + n] = fmt::format("第 {} 个阶段应为“{}”", i + 1, names[i]);
        const auto from = parse_date(trim(in.starts_on));
        const auto to = parse_date(trim(in.ends_on));
        if (!from) errors["starts_on_" + n] = names[i] + ":请填写开始日期,格式为YYYY-MM-DD";
        if (!to) errors["ends_on_" + n] = names[i] + ":请填写结束日期,格式为YYYY-MM-DD";
        if (from && to && *to < *from)
            errors["ends_on_" + n] = names[i] + ":结束日期不能早于开始日期";
        if (from && !phases.empty() && phases.back().ends_on.ok() && *from < phases.back().ends_on)
            errors["starts_on_" + n] =
                fmt::format("{}:开始日期不能早于上一阶段“{}”的结束日期 {}", names[i], names[i - 1],
                            format_date(phases.back().ends_on));
        phases.push_back({0, campaign, static_cast<int>(i + 1), names[i], from.value_or(Date{}),
                          to.value_or(Date{})});
    }
    if (!errors.empty()) throw_invalid("活动阶段填写有误,未保存:" + errors.begin()->second, errors);
    return phases;
}

Metric new_entered_metric(CampaignId campaign, const std::string& code, const std::string& name,
                          const std::string& measure) {
    Metric m;
    m.campaign = campaign;
    m.code = trim(code);
    m.name = trim(name);
    m.measure = trim(measure);
    m.source = MetricSource::entered;
    return m;
}

}  // namespace wangju
