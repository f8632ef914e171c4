#include "domain/campaign_permission.h"

#include "domain/error.h"

namespace wangju {

namespace {

bool is_sysadmin(const Actor& a) { return a.roles.has(Role::sysadmin); }
bool is_admin(const Actor& a) { return a.roles.has(Role::unit_admin); }
bool within_own(const Actor& a, const Unit& u) { return is_within(u.path, a.unit_path); }
bool strictly_below_own(const Actor& a, const Unit& u) {
    return within_own(a, u) && u.path != a.unit_path;
}

}  // namespace

bool may_view_campaign_unit(const Actor& a, const Unit& u) {
    return is_sysadmin(a) || (is_admin(a) && within_own(a, u));
}

bool may_file_for(const Actor& a, const Unit& u) {
    return is_sysadmin(a) || (is_admin(a) && within_own(a, u));
}

bool may_decide_for(const Actor& a, const Unit& u) {
    return is_sysadmin(a) || (is_admin(a) && strictly_below_own(a, u));
}

bool may_set_deadlines_below(const Actor& a, const Unit& u) {
    return is_sysadmin(a) || (is_admin(a) && within_own(a, u));
}

bool may_manage_campaigns(const Actor& a) { return is_sysadmin(a); }

void require_view_campaign_unit(const Actor& a, const Unit& u) {
    if (!may_view_campaign_unit(a, u)) throw_forbidden("您只能查看本单位及下级单位的活动数据");
}

void require_file_for(const Actor& a, const Unit& u) {
    if (!may_file_for(a, u)) throw_forbidden("您只能为本单位及下级单位填报活动");
}

void require_decide_for(const Actor& a, const Unit& u) {
    if (!may_decide_for(a, u)) throw_forbidden("只有上级单位才能审核、退回、解锁或下达任务");
}

void require_set_deadlines_below(const Actor& a, const Unit& u) {
    if (!may_set_deadlines_below(a, u)) throw_forbidden("您只能为本单位及下级单位设置截止时间");
}

void require_manage_campaigns(const Actor& a) {
    if (!may_manage_campaigns(a)) throw_forbidden("只有系统管理员才能管理活动、阶段和指标");
}

}  // namespace wangju
