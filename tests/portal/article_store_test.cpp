// The article store on both engines: the life of an article, versions, attachments, views,
// lists and the two-character Chinese search.
#include <chrono>

#include "domain/error.h"
#include "domain/search_text.h"
#include "store/article_store.h"
#include "store/search_upkeep.h"
#include "support/store_fixture.h"
#include "web/portal/view_counter.h"

namespace wangju::store::testing {
namespace {

class ArticleStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;  // no PostgreSQL server named: store is null
        district = add_unit("binhai", UnitKind::district);
        articles = std::make_unique<ArticleStore>(store->database());
    }
    Article published(const std::string& column, const std::string& title, const std::string& body,
                      const std::string& at) {
        auto a = articles->create_article({column, title, body, parse_utc(at)}, district.id,
                                          std::nullopt, ctx);
        articles->change_state(a.id, ArticleAction::submit, ctx);
        return articles->change_state(a.id, ArticleAction::publish, ctx);
    }
    Unit district;
    std::unique_ptr<ArticleStore> articles;
};
INSTANTIATE_TEST_SUITE_P(Engines, ArticleStoreTest, engines(), engine_name);

TEST_P(ArticleStoreTest, DefaultColumnsExist) {
    auto columns = articles->columns();
    std::vector<std::string> slugs;
    for (const auto& c : columns) slugs.push_back(c.slug);
    EXPECT_EQ(slugs, (std::vector<std::string>{"notices", "news", "news_union", "news_grassroots",
                                               "campaign"}));
    EXPECT_EQ(articles->find_column("news_union")->parent, "news");
}

TEST_P(ArticleStoreTest, LifeOfAnArticleIsAuditedAndVersioned) {
    const auto events = store->count_audit_events();
    auto a = articles->create_article({"notices", "通知", "第一稿", std::nullopt}, district.id,
                                      std::nullopt, ctx);
    EXPECT_EQ(a.state, ArticleState::draft);
    EXPECT_EQ(a.unit_name, "binhai工会");
    a = articles->edit_article(a.id, {"notices", "通知", "第二稿", std::nullopt},
                               ArticleAction::write, ctx);
    EXPECT_EQ(a.version, 2);
    a = articles->change_state(a.id, ArticleAction::submit, ctx);
    EXPECT_EQ(a.state, ArticleState::pending);
    EXPECT_THROW(articles->edit_article(a.id, {"notices", "通知", "x", std::nullopt},
                                        ArticleAction::write, ctx),
                 Error);
    a = articles->change_state(a.id, ArticleAction::publish, ctx);
    EXPECT_EQ(a.state, ArticleState::published);
    ASSERT_TRUE(a.published_at);
    a = articles->edit_article(a.id, {"notices", "通知(更正)", "第三稿", std::nullopt},
                               ArticleAction::correct, ctx);
    EXPECT_EQ(a.state, ArticleState::published);
    a = articles->change_state(a.id, ArticleAction::withdraw, ctx);
    EXPECT_EQ(a.state, ArticleState::withdrawn);

    auto versions = articles->versions(a.id);
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[0].body, "第一稿");
    EXPECT_EQ(versions[1].body, "第二稿");
    EXPECT_EQ(versions[2].title, "通知(更正)");
    // create, edit, submit, publish, correct, withdraw (the refused edit left nothing)
    EXPECT_EQ(store->count_audit_events(), events + 6);
    EXPECT_EQ(store->audit_events(events + 3, 1).front().action, "article.publish");
}

TEST_P(ArticleStoreTest, HistoryTellsWhoDidWhatAndWhyAndAnEditMayMoveTheUnit) {
    auto editor = add_user("editor_a", district.id);
    auto town = add_unit("xinhe", UnitKind::town, "binhai");
    AuditContext as_editor{editor.id, "127.0.0.1"};
    auto a = articles->create_article({"notices", "通知", "正文", std::nullopt}, district.id,
                                      editor.id, as_editor);
    a = articles->edit_article(a.id, {"notices", "通知", "正文二", std::nullopt},
                               ArticleAction::write, as_editor, town.id);
    EXPECT_EQ(a.unit, town.id);
    EXPECT_EQ(a.unit_name, "xinhe工会");
    articles->change_state(a.id, ArticleAction::submit, as_editor);
    articles->change_state(a.id, ArticleAction::reject, ctx, "请补充联系人");

    auto history = articles->history(a.id);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[0].action, "article.create");
    EXPECT_EQ(history[0].actor_name, editor.display_name);
    EXPECT_EQ(history[3].action, "article.reject");
    EXPECT_EQ(history[3].reason, "请补充联系人");
    EXPECT_EQ(history[3].actor_name, "");  // not a user
    EXPECT_TRUE(articles->history(ArticleId{a.id.value + 1000}).empty());
}

TEST_P(ArticleStoreTest, UnknownColumnIsRefusedAndNothingStored) {
    const auto events = store->count_audit_events();
    try {
        articles->create_article({"nope", "标题", "正文", std::nullopt}, district.id, std::nullopt, ctx);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.fields().at("column"), "没有代码为“nope”的栏目");
    }
    EXPECT_EQ(articles->in_subtree(district.path, std::nullopt, 1, 20).total, 0);
    EXPECT_EQ(store->count_audit_events(), events);
}

TEST_P(ArticleStoreTest, ListsAreNewestFirstAndIncludeSubColumns) {
    published("news_union", "工会动态一", "正文", "2023-07-01T00:00:00Z");
    auto second = published("news_grassroots", "基层动态二", "正文", "2023-07-02T00:00:00Z");
    published("notices", "通知", "正文", "2023-06-21T00:00:00Z");
    auto news = articles->published("news", 1, 20);
    ASSERT_EQ(news.total, 2);
    EXPECT_EQ(news.items[0].title, "基层动态二");
    auto page2 = articles->published("news", 2, 1);
    ASSERT_EQ(page2.items.size(), 1u);
    EXPECT_EQ(page2.items[0].title, "工会动态一");
    auto third = published("news_grassroots", "基层动态三", "正文", "2023-07-03T00:00:00Z");
    auto [older, newer] = articles->neighbours(second);
    ASSERT_TRUE(older.has_value() == false);  // the only older one is in another sub-column
    ASSERT_TRUE(newer);
    EXPECT_EQ(newer->id, third.id);
}

TEST_P(ArticleStoreTest, TwoCharacterSearchFindsTitleHitsFirst) {
    auto body_hit = published("news", "职工网络安全竞赛", "各级工会组织职工参加", "2023-07-05T00:00:00Z");
    auto title_hit = published("news", "区总工会召开推动会", "会议通报了任务", "2023-07-01T00:00:00Z");
    published("news", "无关文章", "天气晴朗", "2023-07-06T00:00:00Z");
    auto results = articles->search(search_terms("工会"), 1, 20);
    ASSERT_EQ(results.total, 2);
    ASSERT_EQ(results.hits.size(), 2u);
    EXPECT_EQ(results.hits[0].article.id, title_hit.id);
    EXPECT_TRUE(results.hits[0].in_title);
    EXPECT_EQ(results.hits[1].article.id, body_hit.id);
    // A phrase matches only where its characters stand together.
    EXPECT_EQ(articles->search(search_terms("工会召开"), 1, 20).total, 1);
    EXPECT_EQ(articles->search(search_terms("工召"), 1, 20).total, 0);
    EXPECT_EQ(articles->search(search_terms("工会 任务"), 1, 20).total, 1);
    // Withdrawn articles leave the index.
    articles->change_state(title_hit.id, ArticleAction::withdraw, ctx);
    EXPECT_EQ(articles->search(search_terms("工会"), 1, 20).total, 1);
}

TEST_P(ArticleStoreTest, SearchPagesFollowOneRanking) {
    for (int i = 0; i < 7; ++i) {
        const std::string n = std::to_string(i);
        published("news", i % 2 == 1 ? "工会通知" + n : "通知" + n, "请各级工会组织职工参加" + n,
                  "2023-07-0" + std::to_string(i + 1) + "T00:00:00Z");
    }
    const auto terms = search_terms("工会");
    auto whole = articles->search(terms, 1, 20);
    ASSERT_EQ(whole.total, 7);
    ASSERT_EQ(whole.hits.size(), 7u);
    for (std::size_t i = 0; i < whole.hits.size(); ++i)
        EXPECT_EQ(whole.hits[i].in_title, i < 3) << i;  // the three title hits first
    std::vector<long long> paged;
    for (int page = 1; page <= 3; ++page) {
        auto part = articles->search(terms, page, 3);
        EXPECT_EQ(part.total, 7);
        for (const auto& hit : part.hits) paged.push_back(hit.article.id.value);
    }
    std::vector<long long> expected;
    for (const auto& hit : whole.hits) expected.push_back(hit.article.id.value);
    EXPECT_EQ(paged, expected);
}

TEST_P(ArticleStoreTest, ACommonWordRanksTheNewestHitsOfEachTierAndIsCountedUpToTheLimit) {
    // Written in this order: two old title hits, two old body hits, then the newer ones.
    std::vector<Article> title, body;
    for (int i = 0; i < 4; ++i) {
        const std::string n = std::to_string(i);
        const std::string at = "2023-07-0" + std::to_string(i + 1) + "T00:00:00Z";
        title.push_back(published("news", "工会通知" + n, "正文" + n, at));
        body.push_back(published("news", "通知" + n, "请各级工会组织参加" + n, at));
    }
    const auto terms = search_terms("工会");
    auto whole = articles->search(terms, 1, 20);
    EXPECT_EQ(whole.total, 8);
    EXPECT_TRUE(whole.total_is_exact);
    EXPECT_EQ(whole.ranked, 8);
    ASSERT_EQ(whole.hits.size(), 8u);

    const SearchLimits small{2, 5};
    auto first = articles->search(terms, 1, 20, small);
    EXPECT_EQ(first.total, 5);  // counted up to the limit
    EXPECT_FALSE(first.total_is_exact);
    EXPECT_EQ(first.ranked, 4);  // the two newest of each tier
    std::vector<long long> ids,
        expected = {title[3].id.value, title[2].id.value, body[3].id.value, body[2].id.value};
    for (const auto& hit : first.hits) ids.push_back(hit.article.id.value);
    EXPECT_EQ(ids, expected);
    // The pages follow the same ranking and end with it.
    auto second = articles->search(terms, 2, 3, small);
    ASSERT_EQ(second.hits.size(), 1u);
    EXPECT_EQ(second.hits[0].article.id, body[2].id);
    EXPECT_EQ(second.ranked, 4);
    auto past = articles->search(terms, 3, 3, small);
    EXPECT_TRUE(past.hits.empty());
    EXPECT_EQ(past.ranked, 4);
    EXPECT_EQ(past.total, 5);
}

TEST_P(ArticleStoreTest, MoreOfTheWordRanksHigherAndARareWordWeighsMoreThanACommonOne) {
    if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL ranks by the columns that hold a term";
    // Same length; the older one holds the word three times.
    auto three =
        published("news", "通知甲", "工会工会工会要求各单位认真组织", "2023-07-01T00:00:00Z");
    auto one =
        published("news", "通知乙", "工会关于要求各单位认真组织职工", "2023-07-02T00:00:00Z");
    auto results = articles->search(search_terms("工会"), 1, 20);
    ASSERT_EQ(results.hits.size(), 2u);
    EXPECT_EQ(results.hits[0].article.id, three.id);
    EXPECT_EQ(results.hits[1].article.id, one.id);
    // 网民 is in two articles of eight, 职工 in seven: the one with 网民 twice comes first.
    for (int i = 0; i < 4; ++i) {
        published("news", "其他" + std::to_string(i), "职工活动", "2023-07-03T00:00:00Z");
    }
    auto rare = published("news", "通知丙", "职工网民网民", "2023-06-01T00:00:00Z");
    auto common = published("news", "通知丁", "职工职工网民", "2023-07-04T00:00:00Z");
    auto both = articles->search(search_terms("职工 网民"), 1, 20);
    ASSERT_EQ(both.hits.size(), 2u);
    EXPECT_EQ(both.hits[0].article.id, rare.id);
    EXPECT_EQ(both.hits[1].article.id, common.id);
    // Counted only up to 2, 职工 is known to be common from how far its first hits reach.
    auto bounded = articles->search(search_terms("职工 网民"), 1, 20, SearchLimits{100, 2});
    ASSERT_EQ(bounded.hits.size(), 2u);
    EXPECT_EQ(bounded.hits[0].article.id, rare.id);
}

TEST_P(ArticleStoreTest, CountsFollowEachChangeToTheIndex) {
    const auto terms = search_terms("维权");
    EXPECT_EQ(articles->search(terms, 1, 20).total, 0);
    auto first = published("news", "通知", "职工维权服务", "2023-07-01T00:00:00Z");
    EXPECT_EQ(articles->search(terms, 1, 20).total, 1);
    published("news", "维权案例", "正文", "2023-07-02T00:00:00Z");
    EXPECT_EQ(articles->search(terms, 1, 20).total, 2);
    // An edit of a published article that drops the word.
    articles->edit_article(first.id, {"news", "通知", "职工服务", std::nullopt},
                           ArticleAction::correct, ctx);
    EXPECT_EQ(articles->search(terms, 1, 20).total, 1);
    // A name of an attachment added to it.
    articles->add_attachment(first.id, "维权指南.pdf", "application/pdf", 10, std::string(64, 'a'),
                             ctx);
    EXPECT_EQ(articles->search(terms, 1, 20).total, 2);
}

TEST_P(ArticleStoreTest, RepeatedSearchesSeeTheirOwnWordsAndTheIndexAsItIsNow) {
    auto titles = [&](const std::string& q) {
        std::vector<std::string> found;
        for (const auto& hit : articles->search(search_terms(q), 1, 20).hits) {
            found.push_back(hit.article.title);
        }
        return found;
    };
    using Titles = std::vector<std::string>;
    EXPECT_EQ(titles("维权"), Titles{});
    auto first = published("news", "通知", "职工维权服务", "2023-07-01T00:00:00Z");
    EXPECT_EQ(titles("维权"), Titles{"通知"});
    published("news", "维权案例", "职工服务", "2023-07-02T00:00:00Z");
    EXPECT_EQ(titles("维权"), (Titles{"维权案例", "通知"}));
    EXPECT_EQ(titles("服务"), (Titles{"维权案例", "通知"}));
    EXPECT_EQ(titles("案例"), Titles{"维权案例"});
    EXPECT_EQ(titles("维权 通知"), Titles{"通知"});
    EXPECT_EQ(titles("职工 案例"), Titles{"维权案例"});
    articles->edit_article(first.id, {"news", "通知", "职工服务", std::nullopt},
                           ArticleAction::correct, ctx);
    EXPECT_EQ(titles("维权"), Titles{"维权案例"});
    EXPECT_EQ(titles("维权 通知"), Titles{});
}

TEST_P(ArticleStoreTest, MergingTheIndexKeepsEveryHitInItsPlace) {
    // One article a transaction, as they are published: each adds a segment to SQLite's index.
    for (int i = 0; i < 24; ++i) {
        const std::string n = std::to_string(i);
        const std::string day = (i < 9 ? "0" : "") + std::to_string(i + 1);
        published("news", i % 3 == 0 ? "工会通知" + n : "通知" + n,
                  i % 2 == 0 ? "请各级工会组织职工参加" + n : "职工活动" + n,
                  "2023-07-" + day + "T00:00:00Z");
    }
    auto ids = [&](const std::string& q) {
        std::vector<long long> found;
        for (const auto& hit : articles->search(search_terms(q), 1, 50).hits)
            found.push_back(hit.article.id.value);
        return found;
    };
    const auto union_hits = ids("工会"), both = ids("工会 职工"), staff = ids("职工");
    EXPECT_EQ(union_hits.size(), 16u);
    EXPECT_EQ(both.size(), 16u);
    EXPECT_EQ(staff.size(), 24u);

    const int merged = merge_search_index(store->database(), 4);
    if (GetParam() == "sqlite") {
        EXPECT_GT(merged, 0);
        // FTS5 checks that the index agrees with the texts, and throws where it does not.
        store->database().write([](soci::session& s) {
            s << "INSERT INTO article_search (article_search) VALUES ('integrity-check')";
        });
    } else {
        EXPECT_EQ(merged, 0);
    }
    EXPECT_EQ(merge_search_index(store->database()), 0);  // nothing left to merge
    EXPECT_EQ(ids("工会"), union_hits);
    EXPECT_EQ(ids("工会 职工"), both);
    EXPECT_EQ(ids("职工"), staff);
}

TEST_P(ArticleStoreTest, AttachmentNamesAreSearched) {
    auto a = articles->create_article({"notices", "通知", "见附件", std::nullopt}, district.id,
                                      std::nullopt, ctx);
    articles->add_attachment(a.id, "附件2:任务分配表.xlsx", "application/zip", 10,
                             std::string(64, 'a'), ctx);
    articles->change_state(a.id, ArticleAction::submit, ctx);
    articles->change_state(a.id, ArticleAction::publish, ctx);
    auto results = articles->search(search_terms("分配"), 1, 20);
    ASSERT_EQ(results.total, 1);
    EXPECT_EQ(results.hits[0].attachment_names.at(0), "附件2:任务分配表.xlsx");
}

TEST_P(ArticleStoreTest, ViewsAreCountedOncePerVisitorAndExactAfterFlush) {
    auto a = published("notices", "通知", "正文", "2023-06-21T00:00:00Z");
    auto b = published("notices", "另一则", "正文", "2023-06-22T00:00:00Z");
    {
        web::ViewCounter counter(*articles, std::chrono::hours(1));
        auto t0 = web::ViewCounter::Clock::now();
        counter.seed(a.id, 0);
        EXPECT_TRUE(counter.record(a.id, "v1", t0));
        EXPECT_FALSE(counter.record(a.id, "v1", t0 + std::chrono::minutes(9)));
        EXPECT_TRUE(counter.record(a.id, "v2", t0));
        EXPECT_TRUE(counter.record(a.id, "v1", t0 + std::chrono::minutes(10)));
        EXPECT_TRUE(counter.record(b.id, "v1", t0));
        EXPECT_EQ(counter.shown(a.id, 0), 3);
        EXPECT_EQ(articles->find_article(a.id)->views, 0);  // nothing written before a flush
        counter.flush();
        EXPECT_EQ(articles->find_article(a.id)->views, 3);
        EXPECT_EQ(counter.shown(a.id, 0), 3);
        EXPECT_TRUE(counter.record(a.id, "v3", t0));
    }  // the destructor flushes the last view
    EXPECT_EQ(articles->find_article(a.id)->views, 4);
    auto popular = articles->popular("2000-01-01", 10);
    ASSERT_EQ(popular.size(), 2u);
    EXPECT_EQ(popular[0].id, a.id);
    EXPECT_TRUE(articles->popular("2999-01-01", 10).empty());
}

TEST_P(ArticleStoreTest, AVisitorCountsOnceWhicheverServerTheyReachAndEveryServerShowsTheTotal) {
    auto a = published("notices", "通知", "正文", "2023-06-21T00:00:00Z");
    auto other_store = open_again();
    ArticleStore other_articles(other_store->database());
    web::ViewCounter server1(*articles, std::chrono::hours(1));
    web::ViewCounter server2(other_articles, std::chrono::hours(1));
    const auto t0 = web::ViewCounter::Clock::now();
    server1.seed(a.id, 0);
    server2.seed(a.id, 0);
    EXPECT_TRUE(server1.record(a.id, "v1", t0));
    EXPECT_TRUE(server1.record(a.id, "v2", t0));
    server1.flush();
    // v1 comes back through the other server within ten minutes: not a new view; v3 is one.
    EXPECT_TRUE(server2.record(a.id, "v1", t0 + std::chrono::minutes(3)));
    EXPECT_TRUE(server2.record(a.id, "v3", t0 + std::chrono::minutes(3)));
    server2.flush();
    EXPECT_EQ(articles->find_article(a.id)->views, 3);
    EXPECT_EQ(server2.shown(a.id, 0), 3);
    // Ten minutes after it was counted, and after server 2 last saw it, v1 counts again.
    EXPECT_TRUE(server2.record(a.id, "v1", t0 + std::chrono::minutes(14)));
    server2.flush();
    EXPECT_EQ(articles->find_article(a.id)->views, 4);
    // Server 1 shows the others' views once it flushes its own.
    EXPECT_TRUE(server1.record(a.id, "v4", t0 + std::chrono::minutes(15)));
    server1.flush();
    EXPECT_EQ(server1.shown(a.id, 0), 5);
}

TEST_P(ArticleStoreTest, ColumnsCanBeAddedOnceWithAKnownParent) {
    auto c = articles->create_column({"news_media", "媒体聚焦", std::string("news")}, ctx);
    EXPECT_EQ(c.parent, "news");
    EXPECT_THROW(articles->create_column({"news_media", "重复", std::nullopt}, ctx), Error);
    EXPECT_THROW(articles->create_column({"x_y", "无上级", std::string("nope")}, ctx), Error);
    EXPECT_THROW(articles->create_column({"Bad Slug", "名称", std::nullopt}, ctx), Error);
}

}  // namespace
}  // namespace wangju::store::testing
