#include "web/campaign/campaign_page_support.h"

#include <map>

#include <fmt/format.h>

#include "domain/campaign_permission.h"

namespace wangju::web::campaign {

nlohmann::json campaign_done_notice(const http::Request& request) {
    static const std::map<std::string, std::string> texts = {
        {"report_saved", "活动报告已保存。"},
        {"report_submitted", "活动报告已报送,等待上级单位审核。"},
        {"report_approved", "活动报告已审核通过,已计入任务完成情况。"},
        {"report_returned", "活动报告已退回。"},
        {"report_unlocked", "活动报告已解锁。"},
        {"quotas_saved", "任务数已保存。"},
        {"deadline_set", "截止时间已设置。"},
        {"extension_granted", "已批准延期。"},
        {"news_sent", "信息已报送。"},
        {"news_accepted", "信息已采用。"},
        {"reminders_sent", "催办提醒已发送。"},
        {"notice_read", "通知已标记为已读。"},
        {"campaign_created", "主题活动已创建,请设置各阶段的日期。"},
        {"phases_saved", "活动阶段已保存。"},
        {"metric_added", "指标已增加。"},
        {"metric_renamed", "指标已修改。"},
        {"metric_retired", "指标已停用。"},
        {"organisation_formula_saved", "评分公式和评定数量已保存,调整记录已清空。"},
        {"organisation_moved", "已调整获奖名单。"},
        {"organisation_confirmed", "优秀组织奖名单已确认,获奖单位可下载荣誉证书。"},
        {"organisation_unconfirmed", "已撤销确认,名单可再次调整;原证书核验码已作废。"},
    };
    auto key = request.query("done");
    if (!key) return nullptr;
    auto it = texts.find(*key);
    return it == texts.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
}

nlohmann::json page_base(const CurrentUser& user, const Campaign& campaign, const Unit& unit) {
    nlohmann::json j;
    j["campaign"] = to_json(campaign);
    j["csrf"] = user.session.csrf_token;
    j["unit"] = {{"code", unit.code}, {"name", unit.name}};
    j["can_decide_any"] = user.user.roles.has(Role::unit_admin) || user.user.roles.has(Role::sysadmin);
    return j;
}

std::string campaign_path(const Campaign& campaign, const std::string& rest) {
    return fmt::format("/campaigns/{}{}", campaign.id.value, rest);
}

}  // namespace wangju::web::campaign
