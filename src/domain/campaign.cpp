#include "domain/campaign.h"

#include <map>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju {

void check_new_campaign(const NewCampaign& campaign) {
    std::map<std::string, std::string> errors;
    if (campaign.year < 2000 || campaign.year > 2100) errors["year"] = "年度应在 2000 至 2100 之间";
    const auto name = decode_utf8(campaign.name);
    const auto theme = decode_utf8(campaign.theme);
    if (!name || !theme) {
        errors[name ? "theme" : "name"] = "含有无效的字符编码";
    } else if (trim(campaign.name).empty()) {
        errors["name"] = "请填写活动名称";
    } else if (name->size() > 100) {
        errors["name"] = "活动名称不能超过 100 个字";
    }
    if (theme && theme->size() > 200) errors["theme"] = "活动主题不能超过 200 个字";
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

nlohmann::json to_json(const Campaign& campaign) {
    return {{"id", campaign.id.value},
            {"year", campaign.year},
            {"name", campaign.name},
            {"theme", campaign.theme},
            {"created_at", format_utc(campaign.created_at)}};
}

}  // namespace wangju
