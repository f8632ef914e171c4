// The campaign part of the demo: the 2023 campaign as the notice planned it (phases, the
// district's deadline of 5 August 2023 and the later ones above it, the 12351+ metrics, quotas for
// Binhai's zones, towns and sectors, reports filed in 2023), and a current campaign of this year
// whose deadlines lie ahead of today, so that filing, approving and reminders can be tried.
#include "app/demo.h"

#include "domain/password.h"
#include "store/activity_report_store.h"
#include "store/campaign_plan_store.h"
#include "store/campaign_admin_store.h"
#include "store/campaign_store.h"
#include "web/user_admin.h"

namespace wangju::app {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
Date shift(Date d, int n) { return Date{sys_days{d} + days{n}}; }
Timestamp noon_of(Date d) { return Timestamp{sys_days{d} + std::chrono::hours{4}}; }  // 12:00 +08

struct Demo {
    store::Store& store;
    store::CampaignPlanStore plans;
    store::ActivityReportStore reports;
    AuditContext ctx{std::nullopt, "demo"};

    Unit unit(const char* code) { return *store.find_unit_by_code(code); }
    UserId user(const char* name) { return store.find_user_by_username(name)->id; }

    void plan(const Campaign& c, Date launch, Date due) {
        plans.set_phases(c.id,
                         {{0, c.id, 1, "启动推荐", launch, due},
                          {0, c.id, 2, "评选", shift(due, 1), shift(due, 56)},
                          {0, c.id, 3, "总结展示", shift(due, 57), shift(due, 117)}},
                         ctx);
        plans.add_default_metrics(c.id, ctx);
        plans.set_deadline(c.id, duty_activity_report, unit("binhai").id, due, ctx);
        plans.set_deadline(c.id, duty_activity_report, unit("tianjin").id, shift(due, 10), ctx);
        plans.set_deadline(c.id, duty_activity_report, unit("acftu").id, shift(due, 26), ctx);
        plans.set_deadline(c.id, duty_recommend_works, unit("binhai").id, due, ctx);
    }

    // 附件2: at least three offline activities for every zone, town and sector union of Binhai.
    void quotas(const Campaign& c) {
        const auto metrics = plans.metrics(c.id);
        auto id_of = [&](const char* code) {
            for (const auto& m : metrics)
                if (m.code == code) return m.id;
            return MetricId{};
        };
        std::vector<QuotaEntry> entries;
        long long districts_activities = 0;
        for (const auto& child : store.children(unit("binhai").id)) {
            const long long activities = child.kind == UnitKind::zone ? 4 : 3;
            districts_activities += activities;
            entries.push_back({child.id, id_of("offline_activities"), activities});
            entries.push_back({child.id, id_of("promoters"), 20});
            entries.push_back({child.id, id_of("enterprises_visited"), 5});
            entries.push_back({child.id, id_of("workers_reached"), 300});
            entries.push_back({child.id, id_of("online_reach"), 5000});
        }
        const Unit binhai = unit("binhai");
        entries.push_back({binhai.id, id_of("offline_activities"), districts_activities});
        entries.push_back({binhai.id, id_of("promoters"), 200});
        entries.push_back({binhai.id, id_of("workers_reached"), 3000});
        for (const auto& child : store.children(unit("bh_xinhe").id))
            entries.push_back({child.id, id_of("offline_activities"), 1});
        plans.set_quotas(c.id, entries, ctx);
    }

    ReportDraft draft(const char* name, Date held, const char* place, const char* form,
                      std::vector<std::string> themes, long long people, long long promoters,
                      long long views) {
        ReportDraft d;
        d.activity_name = name;
        d.held_on = held;
        d.place = place;
        d.form = form;
        d.themes = std::move(themes);
        d.participants = people;
        d.promoters = promoters;
        if (views > 0) d.online.push_back({"https://live.example.cn/replay/demo", views});
        d.summary = std::string("组织职工开展“") + name + "”,线下活动同步开展线上宣传。";
        d.entered["enterprises_visited"] = 2;
        return d;
    }

    // Files a report and moves it along: 0 draft, 1 submitted, 2 approved, 3 returned.
    void report(const Campaign& c, const char* unit_code, const char* filer, const ReportDraft& d,
                int state, Timestamp at) {
        auto r = reports.create_report(c.id, unit(unit_code), d, user(filer), at, ctx);
        if (state == 0) return;
        reports.submit_report(r.id, false, at, ctx);
        if (state == 2) reports.approve_report(r.id, plans.metrics(c.id), at + days{1}, ctx);
        if (state == 3) reports.return_report(r.id, "请补充活动照片和参与人数", at + days{1}, ctx);
    }

    void reports_of(const Campaign& c, Date first) {
        const std::vector<std::string> literacy = {"网民素养教育", "依法文明上网"};
        const std::vector<std::string> safety = {"网络安全知识", "个人信息保护"};
        report(c, "bh_teda", "teda_admin",
               draft("网络安全知识竞赛", first, "泰达职工活动中心", "知识竞赛", safety, 120, 8, 3200), 2,
               noon_of(first));
        report(c, "bh_teda", "teda_admin",
               draft("劳模工匠进企业主题宣讲", shift(first, 5), "泰达汽车零部件有限公司", "主题演讲",
                     {"劳模精神", "工匠精神"}, 80, 5, 0),
               2, noon_of(shift(first, 5)));
        report(c, "bh_jiaoyu", "binhai_admin",
               draft("教师依法文明上网倡议", shift(first, 3), "滨海新区第一中学", "集中宣传", literacy, 150,
                     10, 1800),
               2, noon_of(shift(first, 3)));
        report(c, "bh_xinhe", "xinhe_admin",
               draft("个人信息保护进社区", shift(first, 7), "新河街道社区服务中心", "志愿服务", safety, 60,
                     4, 900),
               1, noon_of(shift(first, 7)));
        report(c, "xinhe_shequ", "shequ_admin",
               draft("社区职工网络素养讲座", shift(first, 8), "新河街道社区服务中心", "主题演讲", literacy, 45,
                     3, 0),
               1, noon_of(shift(first, 8)));
        report(c, "bh_dagu", "binhai_admin",
               draft("“十项行动”文艺展演", shift(first, 9), "大沽街道文化站", "文艺展演", {"十项行动"}, 200,
                     6, 5000),
               3, noon_of(shift(first, 9)));
        report(c, "bh_xinhe", "xinhe_admin",
               draft("港口职工网络安全宣传周", shift(first, 10), "新河港口服务有限公司", "集中宣传", safety,
                     90, 0, 0),
               0, noon_of(shift(first, 10)));
    }

    void news(const Campaign& c, Date at) {
        reports.send_news({0, c.id, unit("bh_teda").id, std::nullopt, "泰达举办网络安全知识竞赛",
                           "泰达总工会组织 120 名职工参加网络安全知识竞赛,线上直播观看 3200 人次。", "sent",
                           user("teda_admin"), noon_of(at), std::nullopt},
                          ctx);
    }
};

}  // namespace

std::vector<DemoAccount> load_campaign_demo(store::Store& store, const Campaign& campaign_2023) {
    std::vector<DemoAccount> accounts;
    // An admin of a workplace union, so that a report can be filed at the lowest level and
    // approved by the town (xinhe_admin).
    const std::string password = web::generate_temporary_password();
    const Unit shequ = *store.find_unit_by_code("xinhe_shequ");
    store.create_user({"shequ_admin", "钱芳", shequ.id, Roles{Role::unit_admin}, hash_password(password), false},
                      {std::nullopt, "demo"});
    accounts.push_back({"shequ_admin", password, std::string(label_zh(Role::unit_admin)), shequ.name, ""});

    Demo demo{store, store::CampaignPlanStore(store.database()),
              store::ActivityReportStore(store.database())};
    // The notice's own dates: due by 5 August 2023 (filing is closed now).
    demo.plan(campaign_2023, day(2023, 6, 1), day(2023, 8, 5));
    demo.quotas(campaign_2023);
    demo.reports_of(campaign_2023, day(2023, 6, 20));
    // A current campaign whose district deadline is 14 days from today.
    store::CampaignAdminStore campaigns(store.database());
    const Date today = shanghai_date(now_utc());
    const int year = static_cast<int>(today.year());
    const Campaign current = campaigns.create_campaign(
        {year, "网聚职工正能量 争做中国好网民", "本年度主题活动(演示:截止时间按今天起算)"},
        demo.unit("binhai").id, demo.ctx);
    demo.plan(current, shift(today, -30), shift(today, 14));
    demo.plans.set_deadline(current.id, duty_activity_report, demo.unit("bh_xinhe").id,
                            shift(today, 10), demo.ctx);
    demo.quotas(current);
    demo.reports_of(current, shift(today, -20));
    demo.news(current, shift(today, -15));
    return accounts;
}

}  // namespace wangju::app
