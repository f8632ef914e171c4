#include "app/demo.h"

#include <iomanip>

#include "app/demo_portal.h"
#include "domain/password.h"
#include "domain/secret.h"
#include "store/campaign_admin_store.h"
#include "store/campaign_store.h"
#include "web/user_admin.h"

namespace wangju::app {
namespace {

struct DemoUnit {
    const char* code;
    const char* name;
    UnitKind kind;
    const char* parent;
};

// Zone, town and sector names are illustrative; grassroots unions are invented.
const DemoUnit demo_units[] = {
    {"acftu", "中华全国总工会", UnitKind::national, nullptr},
    {"tianjin", "天津市总工会", UnitKind::city, "acftu"},
    {"binhai", "天津市滨海新区总工会", UnitKind::district, "tianjin"},
    {"heping", "天津市和平区总工会", UnitKind::district, "tianjin"},
    {"bh_teda", "天津经济技术开发区总工会", UnitKind::zone, "binhai"},
    {"bh_baoshui", "天津港保税区总工会", UnitKind::zone, "binhai"},
    {"bh_gaoxin", "滨海高新区总工会", UnitKind::zone, "binhai"},
    {"bh_xinhe", "新河街道总工会", UnitKind::town, "binhai"},
    {"bh_dagu", "大沽街道总工会", UnitKind::town, "binhai"},
    {"bh_taiping", "太平镇总工会", UnitKind::town, "binhai"},
    {"bh_jiaoyu", "滨海新区教育系统工会", UnitKind::sector, "binhai"},
    {"bh_weijian", "滨海新区卫生健康系统工会", UnitKind::sector, "binhai"},
    {"bh_jiguan", "滨海新区机关工会", UnitKind::direct, "binhai"},
    {"teda_qiche", "泰达汽车零部件有限公司工会", UnitKind::grassroots, "bh_teda"},
    {"teda_shengwu", "泰达生物医药有限公司工会", UnitKind::grassroots, "bh_teda"},
    {"baoshui_wuliu", "保税区国际物流有限公司工会", UnitKind::grassroots, "bh_baoshui"},
    {"gaoxin_ruanjian", "高新区软件园有限公司工会", UnitKind::grassroots, "bh_gaoxin"},
    {"xinhe_shequ", "新河街道社区服务中心工会", UnitKind::grassroots, "bh_xinhe"},
    {"xinhe_gangkou", "新河港口服务有限公司工会", UnitKind::grassroots, "bh_xinhe"},
    {"dagu_huagong", "大沽化工有限公司工会", UnitKind::grassroots, "bh_dagu"},
    {"taiping_nongye", "太平镇农业合作社工会", UnitKind::grassroots, "bh_taiping"},
    {"jiaoyu_yizhong", "滨海新区第一中学工会", UnitKind::grassroots, "bh_jiaoyu"},
    {"weijian_renmin", "滨海新区人民医院工会", UnitKind::grassroots, "bh_weijian"},
    {"jiguan_zhengwu", "滨海新区政务服务中心工会", UnitKind::grassroots, "bh_jiguan"},
};

struct DemoUser {
    const char* username;
    const char* display_name;
    const char* unit;
    Role role;
};

const DemoUser demo_users[] = {
    {"sysadmin", "系统管理员", "acftu", Role::sysadmin},
    {"tianjin_admin", "刘洋", "tianjin", Role::unit_admin},
    {"binhai_admin", "于国锋", "binhai", Role::unit_admin},
    {"teda_admin", "王磊", "bh_teda", Role::unit_admin},
    {"xinhe_admin", "赵敏", "bh_xinhe", Role::unit_admin},
    {"binhai_editor", "翟哲", "binhai", Role::editor},
    {"binhai_approver", "孙丽", "binhai", Role::approver},
    {"judge_chen", "陈静", "tianjin", Role::judge},
    {"worker_zhang", "张伟", "teda_qiche", Role::worker},
};

}  // namespace

std::vector<DemoAccount> load_demo(store::Store& store, const std::filesystem::path& data_dir,
                                   const std::string& letter_key) {
    AuditContext ctx{std::nullopt, "demo"};
    std::map<std::string, std::string> names;
    for (const auto& u : demo_units) {
        NewUnit unit{u.code, u.name, u.kind,
                     u.parent ? std::optional<std::string>(u.parent) : std::nullopt,
                     std::nullopt, std::nullopt};
        store.create_unit(unit, ctx);
        names[u.code] = u.name;
    }
    std::vector<DemoAccount> accounts;
    for (const auto& u : demo_users) {
        std::string password = web::generate_temporary_password();
        auto unit = store.find_unit_by_code(u.unit);
        auto user = store.create_user({u.username, u.display_name, unit->id, Roles{u.role},
                                       hash_password(password), false},
                                      ctx);
        DemoAccount account{u.username, password, std::string(label_zh(u.role)), names[u.unit], ""};
        if (u.role == Role::sysadmin) {
            account.totp_secret = new_totp_secret();
            store.set_totp_secret(user.id, account.totp_secret, ctx);
        }
        accounts.push_back(account);
    }
    // The district union sent the notice, so its admins run the campaign (phases, metrics).
    store::CampaignAdminStore campaigns(store.database());
    const Campaign campaign = campaigns.create_campaign(
        {2023, "网聚职工正能量 争做中国好网民", "弘扬劳模精神、劳动精神、工匠精神,汇聚职工网上正能量"},
        store.find_unit_by_code("binhai")->id, ctx);
    // Each feature adds its part of the demo here, from its own file (demo_<feature>.cpp).
    for (auto& a : load_campaign_demo(store, campaign)) accounts.push_back(a);
    load_demo_works(store, campaign);
    for (auto& a : load_demo_judging(store, campaign, data_dir)) accounts.push_back(a);
    load_demo_votes(store, campaign);
    load_portal_demo(store, data_dir);
    if (!letter_key.empty()) load_demo_letters(store, letter_key);
    load_demo_announcements(store, campaign, letter_key);
    load_demo_organisation_awards(store, campaign);
    return accounts;
}

void print_demo_accounts(std::ostream& out, const std::vector<DemoAccount>& accounts) {
    out << "演示账号(密码只显示这一次,请妥善保存):\n";
    for (const auto& a : accounts) {
        out << "  " << std::left << std::setw(16) << a.username << "  " << a.password << "  "
            << a.role_label << "  " << a.unit_name << "\n";
    }
    for (const auto& a : accounts) {
        if (!a.totp_secret.empty()) {
            out << "系统管理员 " << a.username << " 须使用两步验证,验证器密钥: " << a.totp_secret
                << "\n  " << totp_uri(a.totp_secret, a.username) << "\n";
        }
    }
    out << std::flush;
}

}  // namespace wangju::app
