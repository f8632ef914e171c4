// The demo's judging: Beijing, Shanghai and Chongqing join the federation with a few works each, so
// that the national federation judges works from several cities with judges of other cities.
// - 正能量职工网络达人征集 at the national level: a finished qualifying round and a scored round
//   in progress (judge_chen and others have works waiting);
// - 网络正能量新媒体账号征集 at the national level: scored, awards confirmed and published;
// - Tianjin reviews 正能量职工网络达人征集 before it recommends: an open round whose panel is
//   judge_zhao (at 和平区, another Tianjin district) with two works of worker_lina (南开区)
//   waiting.
// Assignments come from the same planner as the API's (assign_round), conflicts included.
#include "app/demo.h"

#include "domain/judging.h"
#include "domain/judging_assignment.h"
#include "domain/password.h"
#include "store/judging_store.h"
#include "store/work_store.h"
#include "web/user_admin.h"

namespace wangju::app {
namespace {

struct DemoUnit {
    const char* code;
    const char* name;
    UnitKind kind;
    const char* parent;
};

const DemoUnit judging_units[] = {
    {"beijing", "北京市总工会", UnitKind::city, "acftu"},
    {"bj_chaoyang", "北京市朝阳区总工会", UnitKind::district, "beijing"},
    {"chaoyang_jianzhu", "朝阳建筑集团有限公司工会", UnitKind::grassroots, "bj_chaoyang"},
    {"shanghai", "上海市总工会", UnitKind::city, "acftu"},
    {"sh_pudong", "上海市浦东新区总工会", UnitKind::district, "shanghai"},
    {"pudong_gangwu", "浦东港务有限公司工会", UnitKind::grassroots, "sh_pudong"},
    {"chongqing", "重庆市总工会", UnitKind::city, "acftu"},
    {"tj_nankai", "天津市南开区总工会", UnitKind::district, "tianjin"},
    {"nankai_dianli", "南开电力有限公司工会", UnitKind::grassroots, "tj_nankai"},
};

struct DemoPerson {
    const char* username;
    const char* display_name;
    const char* unit;
    Role role;
};

const DemoPerson judging_people[] = {
    {"judge_wang", "王芳", "beijing", Role::judge},
    {"judge_li", "李强", "shanghai", Role::judge},
    {"judge_sun", "孙悦", "chongqing", Role::judge},
    {"judge_zhao", "赵刚", "heping", Role::judge},
    {"worker_chen", "陈晨", "chaoyang_jianzhu", Role::worker},
    {"worker_zhou", "周敏", "pudong_gangwu", Role::worker},
    {"worker_lina", "李娜", "nankai_dianli", Role::worker},
};

const Rubric kRubric{{
    {"c1", "思想内涵", "主题鲜明,传播正能量", 0, 10, 40},
    {"c2", "表现形式", "形式新颖,感染力强", 0, 10, 30},
    {"c3", "传播效果", "粉丝数、互动量和影响力", 0, 10, 30},
}};

class JudgingDemo {
  public:
    JudgingDemo(store::Store& store, const Campaign& campaign, std::filesystem::path data_dir)
        : data_dir_(std::move(data_dir)),
          store_(store),
          works_(store.database()),
          judgings_(store.database()),
          campaign_(campaign) {}

    std::vector<DemoAccount> load() {
        for (const auto& u : judging_units) {
            store_.create_unit(
                {u.code, u.name, u.kind, std::string(u.parent), std::nullopt, std::nullopt},
                system_);
        }
        std::vector<DemoAccount> accounts;
        for (const auto& p : judging_people) {
            const std::string password = web::generate_temporary_password();
            auto unit = store_.find_unit_by_code(p.unit);
            store_.create_user({p.username, p.display_name, unit->id, Roles{p.role},
                                hash_password(password), false},
                               system_);
            accounts.push_back(
                {p.username, password, std::string(label_zh(p.role)), unit->name, ""});
        }
        decider_ = store_.find_user_by_username("sysadmin")->id;
        media_ = make_demo_media(store_.database(), data_dir_);
        national_influencers();
        national_accounts();
        national_exhibition();
        tianjin_platforms();
        tianjin_review();
        return accounts;
    }

  private:
    Track track(const char* code) { return *works_.find_track_by_code(campaign_.id, code); }
    UserId user(const char* username) { return store_.find_user_by_username(username)->id; }
    Unit unit(const char* code) { return *store_.find_unit_by_code(code); }

    store::WorkRoute route(const Unit& from, TrackId track) {
        std::vector<Unit> upward = store_.ancestors(from);
        std::reverse(upward.begin(), upward.end());
        upward.insert(upward.begin(), from);
        store::WorkRoute r;
        r.settings = works_.levels(track);
        r.chain = chain_of(upward, r.settings);
        return r;
    }

    // A work of `owner`, submitted and recommended by each level of its chain up to `up_to`
    // (where it then waits), or to the top (an entry of judging) when `up_to` is empty.
    WorkId work(const char* owner, const char* track_code, const std::string& title,
                std::map<std::string, std::string> values, const std::string& up_to = "",
                const std::vector<WorkFile>& files = {}) {
        const Track t = track(track_code);
        const User u = *store_.find_user_by_username(owner);
        const Unit from = *store_.find_unit(u.unit);
        values["contact"] = "13800000000";
        AuditContext as_owner{u.id, "demo"};
        WorkContent content = checked_content(t, {title, u.display_name, values, {}});
        content.files = files;
        Work w = works_.create_work({campaign_.id, t.id, u.id, from.id, content}, as_owner);
        const auto r = route(from, t.id);
        works_.submit(w.id, r, as_owner);
        for (std::size_t i = 0; i < r.chain.size(); ++i) {
            if (r.chain[i].code == up_to) break;
            store::DecisionRequest d;
            d.work = w.id;
            d.at = r.chain[i];
            if (i + 1 < r.chain.size()) d.next = r.chain[i + 1].id;
            d.level = *setting_for(r.settings, chain_level_of(r.chain[i].kind));
            d.by = decider_;
            d.now = now_utc();
            works_.decide(d, system_);
        }
        return w.id;
    }

    Judging judging(const char* unit_code, const char* track_code, std::vector<AwardTier> tiers) {
        Judging j;
        j.campaign = campaign_.id;
        j.unit = unit(unit_code).id;
        j.track = track(track_code).id;
        j.tiers = std::move(tiers);
        // The demo's judgings take a handful of works each: a 30% cap would leave most of them
        // without the prizes the demo shows.
        j.award_cap_percent.reset();
        return judgings_.create_judging(j, decider_, system_);
    }

    Round round(const Judging& j, RoundKind kind, const char* name, int k,
                const std::vector<const char*>& panel, Advance advance = {}) {
        Round r;
        r.judging = j.id;
        r.kind = kind;
        r.name = name;
        r.judges_per_work = k;
        r.advance = advance;
        if (kind == RoundKind::scored) r.rubric = kRubric;
        r = judgings_.create_round(r, system_);
        std::vector<UserId> judges;
        for (const char* p : panel) judges.push_back(user(p));
        judgings_.set_panel(r.id, judges, system_);
        return r;
    }

    // Opens the round over `works` and assigns them as the API does.
    std::vector<store::Assignment> open_and_assign(const Round& r,
                                                   const std::vector<WorkId>& works) {
        judgings_.open_round(r.id, works, system_);
        std::vector<PanelJudge> judges;
        for (auto id : judgings_.panel(r.id)) {
            const User u = *store_.find_user(id);
            const Unit at = *store_.find_unit(u.unit);
            judges.push_back({u.id, u.display_name, at.id, at.path});
        }
        std::vector<WorkForConflicts> facts;
        for (auto id : works) {
            const Work w = *works_.find_work(id);
            WorkForConflicts f{
                w.id, w.owner, w.content.authors, store_.find_unit(w.unit)->path, {}};
            if (w.position) f.path_units.push_back(*w.position);
            for (const auto& d : works_.decisions(w.id)) f.path_units.push_back(d.unit);
            facts.push_back(std::move(f));
        }
        const auto plan = assign_round(judges, facts, {}, r.judges_per_work, {});
        return judgings_.add_assignments(r.id, plan.added, system_);
    }

    void score(const store::Assignment& a, double c1, double c2, double c3, const char* comment) {
        store::ScoreSheet sheet;
        sheet.values = {{"c1", c1}, {"c2", c2}, {"c3", c3}};
        sheet.total = rubric_total(kRubric, sheet.values);
        sheet.comment = comment;
        judgings_.save_score(a.id, sheet, AuditContext{a.judge, "demo"});
    }

    void verdict(const store::Assignment& a, Verdict v, const char* reason) {
        store::ScoreSheet sheet;
        sheet.verdict = v;
        sheet.comment = reason;
        judgings_.save_score(a.id, sheet, AuditContext{a.judge, "demo"});
    }

    void national_influencers() {
        // A profile photo each, when the demo has photos, for the public vote's cards.
        std::size_t next_photo = 0;
        auto photo = [&]() -> std::vector<WorkFile> {
            if (media_.photos.empty()) return {};
            return {media_.photos[next_photo++ % media_.photos.size()]};
        };
        const std::vector<WorkId> entries = {
            work("worker_chen", "influencers", "塔吊上的“云端”讲解员",
                 {{"profile", "高空作业安全知识短视频博主。"},
                  {"accounts", "抖音 @云端老陈"},
                  {"followers", "86000"},
                  {"sample_link", "https://www.douyin.com/"}}, "", photo()),
            work("worker_chen", "influencers", "工地夜校的普法达人",
                 {{"profile", "为农民工讲解劳动法的直播主持人。"},
                  {"accounts", "快手 @工地普法"},
                  {"followers", "43000"},
                  {"sample_link", "https://www.kuaishou.com/"}}, "", photo()),
            work("worker_chen", "influencers", "钢筋工的摄影日记",
                 {{"profile", "记录城市建设者的摄影账号。"},
                  {"accounts", "微博 @钢筋日记"},
                  {"followers", "12000"},
                  {"sample_link", "https://weibo.com/"}}, "", photo()),
            work("worker_zhou", "influencers", "港口吊车司机的vlog",
                 {{"profile", "分享集装箱码头一线工作的视频博主。"},
                  {"accounts", "B站 @吊车周周"},
                  {"followers", "65000"},
                  {"sample_link", "https://www.bilibili.com/"}}, "", photo()),
            work("worker_zhou", "influencers", "码头上的手语志愿者",
                 {{"profile", "为听障职工做手语服务的志愿者。"},
                  {"accounts", "视频号 @港口手语"},
                  {"followers", "9000"},
                  {"sample_link", "https://channels.weixin.qq.com/"}}, "", photo()),
            work("worker_zhou", "influencers", "外卖小哥的安全课",
                 {{"profile", "讲交通安全的骑手博主。"},
                  {"accounts", "抖音 @骑手安全课"},
                  {"followers", "30000"},
                  {"sample_link", "https://www.douyin.com/"}}, "", photo()),
        };
        const Judging j =
            judging("acftu", "influencers", {{"一等奖", 1}, {"二等奖", 2}, {"三等奖", 3}});
        const Round qualifying = round(j, RoundKind::qualifying, "资格审查", 1, {"judge_sun"});
        for (const auto& a : open_and_assign(qualifying, entries)) {
            if (a.work == entries[5])
                verdict(a, Verdict::fail, "代表作品链接无法打开,材料不全");
            else
                verdict(a, Verdict::pass, "");
        }
        judgings_.close_round(qualifying.id, false, system_);
        judgings_.publish_round(qualifying.id, system_);

        const Round scored =
            round(j, RoundKind::scored, "初评", 2,
                  {"judge_chen", "judge_wang", "judge_li", "judge_sun"}, {AdvanceRule::passed, 0});
        std::vector<WorkId> passed(entries.begin(), entries.end() - 1);
        // judge_wang and judge_li have scored; judge_sun half; judge_chen nothing yet.
        int sun = 0;
        for (const auto& a : open_and_assign(scored, passed)) {
            const double base = 6.0 + static_cast<double>(a.work.value % 4);
            if (a.judge == user("judge_wang")) score(a, base, base - 1, base + 1, "");
            if (a.judge == user("judge_li")) score(a, base + 1, base, base, "内容扎实");
            if (a.judge == user("judge_sun") && sun++ % 2 == 0) score(a, base, base, base, "");
        }
    }

    void national_accounts() {
        const WorkId tianjin = work(
            "worker_lina", "accounts", "电力工匠视频号",
            {{"platform", "短视频"}, {"account_id", "dianli_gongjiang"}, {"followers", "120000"}});
        const WorkId beijing =
            work("worker_chen", "accounts", "朝阳建设者公众号",
                 {{"platform", "微信"}, {"account_id", "cy_jianshezhe"}, {"followers", "56000"}});
        const WorkId shanghai =
            work("worker_zhou", "accounts", "浦东港务职工之声",
                 {{"platform", "微博"}, {"account_id", "pudong_gangwu"}, {"followers", "34000"}});
        const Judging j =
            judging("acftu", "accounts", {{"一等奖", 1}, {"二等奖", 1}, {"三等奖", 1}});
        const Round scored =
            round(j, RoundKind::scored, "终评打分", 2, {"judge_wang", "judge_li", "judge_sun"});
        for (const auto& a : open_and_assign(scored, {tianjin, beijing, shanghai})) {
            if (a.work == tianjin)
                score(a, 9.5, 9, 9, "内容精良,传播广泛");
            else if (a.work == beijing)
                score(a, 8.5, 8, 8, "");
            else
                score(a, 7.5, 7, 8, "");
        }
        judgings_.close_round(scored.id, false, system_);
        judgings_.publish_round(scored.id, system_);
        std::vector<JudgeScore> scores;
        for (const auto& a : judgings_.assignments(scored.id))
            scores.push_back({a.work, a.judge, *a.total});
        const auto results =
            round_results(scores, {kRubric.full_score(), 0.3, RankBasis::normalised});
        std::vector<RankedWork> ranked;
        for (const auto& r : results) ranked.push_back({r.work, r.rank});
        std::vector<store::AwardRecord> awards;
        const auto proposed = propose_awards(ranked, j.tiers);
        for (std::size_t i = 0; i < proposed.size(); ++i) {
            if (proposed[i].tier) {
                awards.push_back({j.id, proposed[i].work, *proposed[i].tier, proposed[i].rank,
                                  results[i].score});
            }
        }
        judgings_.confirm_awards(j.id, awards, system_);
        judgings_.publish_awards(j.id, now_utc(), system_);
    }

    // Confirms and publishes the awards of `j`, best first, in the order of its tiers.
    void publish(const Judging& j, const std::vector<std::pair<WorkId, const char*>>& awards) {
        std::vector<store::AwardRecord> records;
        int rank = 0;
        for (const auto& [work, tier] : awards) {
            ++rank;
            records.push_back({j.id, work, tier, rank, 95.0 - rank});
        }
        judgings_.confirm_awards(j.id, records, system_);
        judgings_.publish_awards(j.id, now_utc(), system_);
    }

    // The exhibition: national awards for micro-videos and photo sets with their files, published,
    // so that the gallery, the year in review and the certificates show something real. Works of
    // these tracks need their files, so without a data folder (or ffmpeg) there are none.
    void national_exhibition() {
        const DemoMedia& media = media_;
        if (media.video.empty() || media.photos.size() < 4) return;
        const WorkId video = work("worker_zhang", "micro_videos", "港城蓝领的一天",
                                  {{"synopsis", "跟随一名港口装卸工,记录他从清晨到深夜的一天。"}},
                                  "", media.video);
        const WorkId video2 = work("worker_lina", "micro_videos", "电力巡线人",
                                   {{"synopsis", "高山峻岭间的电力巡线工,守护万家灯火。"}}, "",
                                   media.video);
        publish(judging("acftu", "micro_videos", {{"一等奖", 1}, {"二等奖", 2}}),
                {{video, "一等奖"}, {video2, "二等奖"}});
        const std::map<std::string, std::string> set = {
            {"set", "组照"}, {"shot_on", "2023-08-18"}, {"shot_at", "天津港"}};
        const WorkId photos = work("worker_zhang", "photography", "海河畔的劳动者", set, "",
                                   media.photos);
        auto beijing_set = set;
        beijing_set["shot_at"] = "北京朝阳";
        const WorkId photos2 =
            work("worker_chen", "photography", "城市建设者", beijing_set, "", media.photos);
        publish(judging("acftu", "photography", {{"一等奖", 1}, {"二等奖", 2}}),
                {{photos, "一等奖"}, {photos2, "二等奖"}});
    }

    // Three platforms judged by the city, the awards confirmed but not published: their list goes
    // under public notice first (demo_announcements.cpp).
    void tianjin_platforms() {
        auto platform = [&](const char* owner, const std::string& title, const char* intro) {
            return work(owner, "platforms", title,
                        {{"introduction", intro}, {"address", "微信小程序“" + title + "”"},
                         {"users", "12000"}},
                        "tianjin");
        };
        const WorkId a = platform("worker_lina", "南开职工之家", "集学习、互助、维权于一体的职工服务平台。");
        const WorkId b = platform("worker_lina", "电力职工网上学堂", "面向一线电力职工的技能学习平台。");
        const WorkId c = platform("worker_lina", "电力工匠服务站", "为电力职工提供培训和法律咨询。");
        const Judging j = judging("tianjin", "platforms", {{"一等奖", 1}, {"二等奖", 2}});
        judgings_.confirm_awards(j.id,
                                 {{j.id, a, "一等奖", 1, 94.0},
                                  {j.id, b, "二等奖", 2, 91.5},
                                  {j.id, c, "二等奖", 3, 90.0}},
                                 system_);
    }

    void tianjin_review() {
        const std::vector<WorkId> waiting = {
            work("worker_lina", "influencers", "电网巡线工的短视频课堂",
                 {{"profile", "用短视频讲解安全用电和巡线知识。"},
                  {"accounts", "抖音 @巡线小课堂"},
                  {"followers", "28000"},
                  {"sample_link", "https://www.douyin.com/"}},
                 "tianjin"),
            work("worker_lina", "influencers", "电力职工福利直播间",
                 {{"profile", "每周直播讲解职工福利政策。"},
                  {"accounts", "视频号 @电力职工之家"},
                  {"followers", "15000"},
                  {"sample_link", "https://channels.weixin.qq.com/"}},
                 "tianjin"),
        };
        const Judging j = judging("tianjin", "influencers", {{"一等奖", 1}, {"二等奖", 1}});
        const Round scored = round(j, RoundKind::scored, "市级初评", 1, {"judge_zhao"});
        open_and_assign(scored, waiting);
    }

    std::filesystem::path data_dir_;
    DemoMedia media_;  // empty without a data folder or ffmpeg
    store::Store& store_;
    store::WorkStore works_;
    store::JudgingStore judgings_;
    Campaign campaign_;
    UserId decider_;
    AuditContext system_{std::nullopt, "demo"};
};

}  // namespace

std::vector<DemoAccount> load_demo_judging(store::Store& store, const Campaign& campaign,
                                           const std::filesystem::path& data_dir) {
    return JudgingDemo(store, campaign, data_dir).load();
}

}  // namespace wangju::app
