#include "app/demo_portal.h"

#include "domain/time.h"
#include "store/article_store.h"
#include "web/portal/attachment_files.h"
#include "web/portal/attachment_type.h"

namespace wangju::app {
namespace {

struct DemoArticle {
    const char* column;
    const char* unit;
    const char* title;
    const char* body;
    const char* published_at;  // UTC
};

// Invented news of the demo units, in the columns beside the notice.
const DemoArticle demo_news[] = {
    {"news_union", "binhai", "区总工会召开“网聚职工正能量 争做中国好网民”主题活动推动会",
     "7月5日,区总工会召开主题活动推动会,各开发区、街镇、系统工会分管负责同志参加。\n\n"
     "会议通报了“12351+”计划任务分配情况,要求各单位8月5日前报送线下活动统计表。",
     "2023-07-05T08:00:00Z"},
    {"news_grassroots", "bh_teda", "泰达汽车零部件有限公司工会举办网络安全知识竞赛",
     "7月12日,泰达汽车零部件有限公司工会举办网络安全知识竞赛,120名职工参加。\n\n"
     "竞赛围绕个人信息保护、防范电信网络诈骗等内容,提高了职工网络安全技能。",
     "2023-07-12T07:30:00Z"},
    {"news_grassroots", "bh_xinhe", "新河街道总工会开展“争做中国好网民”主题演讲",
     "新河街道总工会组织辖区基层工会开展主题演讲,讲述职工身边的正能量故事。",
     "2023-07-20T02:00:00Z"},
    {"campaign", "binhai", "主题活动十个子项目征集平台一览",
     "2023年主题活动共设网络正能量歌曲、微视频、摄影作品、诵读作品等10个子项目。\n\n"
     "请各单位按附件1登录各子项目活动平台,积极组织职工参与。",
     "2023-06-25T01:00:00Z"},
};

AuditContext as(store::Store& store, const char* username) {
    auto user = store.find_user_by_username(username);
    return AuditContext{user ? std::optional<UserId>(user->id) : std::nullopt, "demo"};
}

// Written by the district's editor, sent for approval, published by its approver.
Article publish(store::Store& store, store::ArticleStore& articles, const ArticleText& text,
                const char* unit_code) {
    auto unit = store.find_unit_by_code(unit_code);
    auto editor = as(store, "binhai_editor");
    auto article = articles.create_article(text, unit->id, editor.actor, editor);
    articles.change_state(article.id, ArticleAction::submit, editor);
    return articles.change_state(article.id, ArticleAction::publish, as(store, "binhai_approver"));
}

}  // namespace

void load_portal_demo(store::Store& store, const std::filesystem::path& data_dir) {
    store::ArticleStore articles(store.database());
    ArticleText notice{"notices",
                       "关于组织参加2023年“网聚职工正能量 争做中国好网民”主题活动的通知",
                       notice_2023_markdown(), parse_utc("2023-06-21T01:00:00Z")};
    auto editor = as(store, "binhai_editor");
    auto unit = store.find_unit_by_code("binhai");
    auto article = articles.create_article(notice, unit->id, editor.actor, editor);
    if (!data_dir.empty()) {
        web::AttachmentFiles files(data_dir);
        for (const auto& file : notice_2023_attachments()) {
            auto type = web::check_attachment(file.bytes);
            articles.add_attachment(article.id, file.name, type.media_type,
                                    static_cast<long long>(file.bytes.size()), files.put(file.bytes),
                                    editor);
        }
    }
    articles.change_state(article.id, ArticleAction::submit, editor);
    articles.change_state(article.id, ArticleAction::publish, as(store, "binhai_approver"));
    for (const auto& n : demo_news) {
        publish(store, articles, {n.column, n.title, n.body, parse_utc(n.published_at)}, n.unit);
    }
}

}  // namespace wangju::app
