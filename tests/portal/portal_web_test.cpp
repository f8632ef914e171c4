// The portal over HTTP: every state change through the API, permissions across districts, safe
// rendering of hostile Markdown, Chinese file names in downloads, two-character search, views.
#include <fstream>

#include "domain/password.h"
#include "http/message.h"
#include "store/article_store.h"
#include "support/web_fixture.h"
#include "web/shared_changes.h"

namespace wangju::testing {
namespace {

class PortalTest : public WebTest {
  protected:
    void configure(web::WebConfig& config) override {
        config.data_dir = dir / "data";
        config.view_flush_interval = std::chrono::hours(1);  // the tests flush themselves
    }

    // An editor of the sibling district 和平区, with a known password.
    HttpClient heping_editor() {
        return logged_in_new_user("heping_editor", "和平编辑", "heping", Role::editor);
    }

    long long create_draft(HttpClient& editor, const std::string& title, const std::string& body,
                           const std::string& column = "notices") {
        auto answer = editor.json("POST", "/api/v1/articles",
                                  {{"column", column}, {"title", title}, {"body", body}});
        EXPECT_EQ(answer.status, 201) << answer.body;
        return answer.json().value("id", 0LL);
    }

    HttpAnswer act(HttpClient& c, long long id, const std::string& action,
                   nlohmann::json body = nlohmann::json::object()) {
        return c.json("POST", "/api/v1/articles/" + std::to_string(id) + "/" + action, body);
    }

    long long publish(const std::string& title, const std::string& body) {
        auto editor = logged_in("binhai_editor");
        auto approver = logged_in("binhai_approver");
        long long id = create_draft(editor, title, body);
        EXPECT_EQ(act(editor, id, "submit").status, 200);
        EXPECT_EQ(act(approver, id, "publish").status, 200);
        return id;
    }

    static std::string multipart(const std::string& filename, const std::string& bytes) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
               "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--XyZ--\r\n";
    }

    HttpAnswer upload(HttpClient& c, long long id, const std::string& filename,
                      const std::string& bytes) {
        return c.request("POST", "/api/v1/articles/" + std::to_string(id) + "/attachments",
                         multipart(filename, bytes),
                         {{"Content-Type", "multipart/form-data; boundary=XyZ"},
                          {"X-CSRF-Token", c.csrf_token}});
    }
};

TEST_F(PortalTest, AKeptPageFollowsAWithdrawalMadeThroughAnotherServer) {
    const long long id = publish("关于报送统计表的通知", "请于8月5日前报送。");
    const std::string path = "/articles/" + std::to_string(id);
    ASSERT_EQ(client().get(path).status, 200);  // rendered and kept in memory
    web::SharedChanges changes(*web);
    // Another server of the site withdraws it: its own Store over the same database.
    auto other_server = open_store();
    store::ArticleStore other_articles(other_server->database());
    other_articles.change_state(ArticleId{id}, ArticleAction::withdraw, {std::nullopt, "192.0.2.2"},
                                std::string("内容已过时"));
    EXPECT_EQ(client().get(path).status, 200);  // this server has not looked yet
    EXPECT_GE(changes.follow(), 1u);
    EXPECT_EQ(client().get(path).status, 404);
    EXPECT_EQ(changes.follow(), 0u);
}

TEST_F(PortalTest, EditorWritesApproverPublishesAndEveryStepIsAudited) {
    auto editor = logged_in("binhai_editor");
    auto approver = logged_in("binhai_approver");
    const auto events = store->count_audit_events();
    long long id = create_draft(editor, "关于报送统计表的通知", "请于8月5日前报送。");
    const std::string path = "/articles/" + std::to_string(id);
    EXPECT_EQ(client().get(path).status, 404);  // a draft is not public

    EXPECT_EQ(act(editor, id, "publish").status, 403);  // an editor cannot publish
    EXPECT_EQ(act(editor, id, "submit").status, 200);
    auto rejected = act(approver, id, "reject", {{"reason", "请补充联系人"}});
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.json()["state"], "draft");
    auto edited = editor.json("PATCH", "/api/v1/articles/" + std::to_string(id),
                              {{"column", "notices"}, {"title", "关于报送统计表的通知"},
                               {"body", "请于8月5日前报送。联系人:翟哲。"}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(edited.json()["version"], 2);
    EXPECT_EQ(act(editor, id, "submit").status, 200);
    auto published = act(approver, id, "publish");
    ASSERT_EQ(published.status, 200) << published.body;
    EXPECT_EQ(published.json()["state"], "published");
    EXPECT_EQ(act(approver, id, "publish").status, 409);  // already published

    auto page = client().get(path);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("联系人:翟哲"), std::string::npos);
    EXPECT_NE(page.body.find("天津市滨海新区总工会"), std::string::npos);

    // A correction by the approver keeps the old text in the versions.
    auto corrected = approver.json("PATCH", "/api/v1/articles/" + std::to_string(id),
                                   {{"column", "notices"}, {"title", "关于报送统计表的通知(更正)"},
                                    {"body", "请于8月10日前报送。"}});
    ASSERT_EQ(corrected.status, 200) << corrected.body;
    auto versions = approver.get("/api/v1/articles/" + std::to_string(id) + "/versions");
    ASSERT_EQ(versions.status, 200);
    EXPECT_EQ(versions.json()["versions"].size(), 3u);
    EXPECT_NE(client().get(path).body.find("8月10日"), std::string::npos);

    EXPECT_EQ(act(approver, id, "withdraw").status, 400);  // a withdrawal needs a reason
    EXPECT_EQ(act(approver, id, "withdraw", {{"reason", "内容已过时"}}).status, 200);
    EXPECT_EQ(client().get(path).status, 404);
    // create, submit, reject, edit, submit, publish, correct, withdraw
    EXPECT_EQ(store->count_audit_events(), events + 8);
}

TEST_F(PortalTest, EditorOfAnotherDistrictCannotTouchTheArticles) {
    long long id = publish("滨海新区的通知", "正文");
    auto other = heping_editor();
    const std::string url = "/api/v1/articles/" + std::to_string(id);
    auto patch = other.json("PATCH", url, {{"column", "notices"}, {"title", "改"}, {"body", "改"}});
    EXPECT_EQ(patch.status, 403) << patch.body;
    EXPECT_EQ(act(other, id, "withdraw", {{"reason", "冒名撤回"}}).status, 403);
    EXPECT_EQ(upload(other, id, "a.pdf", "%PDF-1.4\n%%EOF\n").status, 403);
    auto elsewhere = other.json("POST", "/api/v1/articles",
                                {{"column", "notices"}, {"title", "冒名"}, {"body", "正文"},
                                 {"unit", "binhai"}});
    EXPECT_EQ(elsewhere.status, 403);
    auto draft = create_draft(other, "和平区草稿", "正文");
    auto binhai_editor = logged_in("binhai_editor");
    EXPECT_EQ(binhai_editor.get("/api/v1/articles/" + std::to_string(draft)).status, 404);
    EXPECT_EQ(client().get(url).json()["title"], "滨海新区的通知");
    // A worker has no editorial rights at all.
    auto worker = logged_in("worker_zhang");
    EXPECT_EQ(worker.json("POST", "/api/v1/articles",
                          {{"column", "notices"}, {"title", "t"}, {"body", "b"}})
                  .status,
              403);
}

TEST_F(PortalTest, HostileMarkdownIsRenderedHarmless) {
    long long id = publish("测试<script>alert(0)</script>",
                           "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                           "[链接](javascript:alert(3)) [数据](data:text/html,<script>alert(4)</script>)");
    auto page = client().get("/articles/" + std::to_string(id));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(page.body.find("onerror"), std::string::npos);
    EXPECT_EQ(page.body.find("javascript:"), std::string::npos);
    EXPECT_EQ(page.body.find("href=\"data:"), std::string::npos);
    EXPECT_NE(page.body.find("测试&lt;script&gt;"), std::string::npos);
}

TEST_F(PortalTest, AttachmentKeepsItsChineseNameAndIsNeverInline) {
    auto editor = logged_in("binhai_editor");
    long long id = create_draft(editor, "带附件的通知", "见附件");
    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    auto added = upload(editor, id, "附件1:活动统计表.pdf", pdf);
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.json()["media_type"], "application/pdf");

    auto refused = upload(editor, id, "通知.pdf", "<html><script>alert(1)</script></html>");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("不支持此类文件"),
              std::string::npos);

    auto approver = logged_in("binhai_approver");
    EXPECT_EQ(act(editor, id, "submit").status, 200);
    EXPECT_EQ(upload(editor, id, "b.pdf", pdf).status, 409);  // pending: no changes
    EXPECT_EQ(act(approver, id, "publish").status, 200);

    auto article = client().get("/api/v1/articles/" + std::to_string(id)).json();
    ASSERT_EQ(article["attachments"].size(), 1u);
    auto download = client().get(article["attachments"][0]["url"].get<std::string>());
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, pdf);
    EXPECT_EQ(download.header("content-type"), "application/pdf");
    EXPECT_EQ(download.header("x-content-type-options"), "nosniff");
    auto disposition = download.header("content-disposition").value_or("");
    EXPECT_TRUE(disposition.starts_with("attachment;")) << disposition;
    EXPECT_NE(disposition.find("filename*=UTF-8''%E9%99%84%E4%BB%B61%3A%E6%B4%BB"), std::string::npos)
        << disposition;
    auto page = client().get("/articles/" + std::to_string(id));
    EXPECT_NE(page.body.find("附件1:活动统计表.pdf"), std::string::npos);
}

TEST_F(PortalTest, TwoCharacterSearchIsRankedAndHighlighted) {
    publish("职工网络安全竞赛", "各级工会积极参加。");
    publish("区总工会召开推动会", "会议通报了任务。");
    auto page = client().get("/search?q=" + http::percent_encode("工会"));
    ASSERT_EQ(page.status, 200);
    auto title_hit = page.body.find("区总<mark>工会</mark>召开推动会");
    auto body_hit = page.body.find("各级<mark>工会</mark>积极参加");
    ASSERT_NE(title_hit, std::string::npos) << page.body;
    ASSERT_NE(body_hit, std::string::npos);
    EXPECT_LT(title_hit, body_hit);
    auto one = client().get("/search?q=" + http::percent_encode("工"));
    EXPECT_NE(one.body.find("每个搜索词请至少输入两个字"), std::string::npos);
    auto hostile = client().get("/search?q=" + http::percent_encode("<script>工会"));
    EXPECT_EQ(hostile.body.find("<script>工会"), std::string::npos);
}

TEST_F(PortalTest, ViewsCountOncePerVisitorAndAreExactAfterFlush) {
    long long id = publish("点击量测试", "正文");
    const std::string path = "/articles/" + std::to_string(id);
    auto reader = client();
    for (int i = 0; i < 3; ++i) ASSERT_EQ(reader.get(path).status, 200);
    ASSERT_EQ(reader.request("GET", path, "", {{"User-Agent", "另一台手机"}}).status, 200);
    auto shown = client().get("/api/v1/articles/" + std::to_string(id)).json()["views"];
    EXPECT_EQ(shown, 2);
    web->portal.views.flush();
    auto article = web->articles.find_article(wangju::ArticleId{id});
    EXPECT_EQ(article->views, 2);
    auto page = client().get(path);
    EXPECT_NE(page.body.find("点击量:<span class=\"views\">2</span>"), std::string::npos);
}

TEST_F(PortalTest, PagesListFeedAndSitemapShowPublishedArticles) {
    long long id = publish("关于组织参加主题活动的通知", "正文");
    auto home = client().get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("网聚职工正能量 争做中国好网民"), std::string::npos);
    EXPECT_NE(home.body.find("关于组织参加主题活动的通知"), std::string::npos);
    EXPECT_NE(client().get("/notices").body.find("关于组织参加主题活动的通知"), std::string::npos);
    auto api = client().get("/api/v1/articles?column=notices&page=1");
    ASSERT_EQ(api.status, 200);
    bool listed = false;
    const auto listing = api.json();
    for (const auto& item : listing["items"]) listed = listed || item["id"] == id;
    EXPECT_TRUE(listed) << api.body;
    auto feed = client().get("/feeds/notices.atom");
    EXPECT_EQ(feed.header("content-type"), "application/atom+xml; charset=utf-8");
    EXPECT_NE(feed.body.find("/articles/" + std::to_string(id) + "</id>"), std::string::npos);
    auto sitemap = client().get("/sitemap.xml");
    EXPECT_NE(sitemap.body.find("/articles/" + std::to_string(id) + "</loc>"), std::string::npos);
    EXPECT_EQ(client().get("/columns/nope").status, 404);
    EXPECT_EQ(client().get("/articles/abc").status, 404);
}

TEST_F(PortalTest, ColumnsAreAddedByAdminsOnly) {
    auto editor = logged_in("binhai_editor");
    EXPECT_EQ(editor.json("POST", "/api/v1/columns", {{"slug", "media"}, {"name", "媒体聚焦"}}).status,
              403);
    auto admin = logged_in("binhai_admin");
    auto created = admin.json("POST", "/api/v1/columns",
                              {{"slug", "media"}, {"name", "媒体聚焦"}, {"parent", "news"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(client().get("/columns/media").status, 200);
    EXPECT_NE(client().get("/news").body.find("媒体聚焦"), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
