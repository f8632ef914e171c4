// The editor's desk and the column administration over HTTP, as a browser without JavaScript
// uses them: every form post, the refusals (another district, a wrong file type, a missing
// reason, a missing CSRF token) and that a refused post stores nothing.
#include "domain/password.h"
#include "http/message.h"
#include "support/http_client.h"
#include "support/web_fixture.h"

namespace wangju::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class DeskTest : public WebTest {
  protected:
    void configure(web::WebConfig& config) override {
        config.data_dir = dir / "data";
        config.view_flush_interval = std::chrono::hours(1);
    }

    static std::string encoded(const Fields& fields) {
        std::string body;
        for (const auto& [name, value] : fields) {
            if (!body.empty()) body += '&';
            body += http::percent_encode(name) + "=" + http::percent_encode(value);
        }
        return body;
    }

    // A form post as the browser sends it, with the session's CSRF token unless told otherwise.
    HttpAnswer post(HttpClient& c, const std::string& target, Fields fields, bool csrf = true) {
        if (csrf) fields.emplace_back("csrf", c.csrf_token);
        return c.request("POST", target, encoded(fields),
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    HttpAnswer upload(HttpClient& c, long long id, const std::string& filename,
                      const std::string& bytes) {
        std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                           c.csrf_token +
                           "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                           filename + "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes +
                           "\r\n--XyZ--\r\n";
        return c.request("POST", desk(id) + "/attachments", body,
                         {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
    }

    static std::string desk(long long id) { return "/desk/articles/" + std::to_string(id); }

    static Fields article_fields(const std::string& title, const std::string& body = "正文",
                                 const std::string& column = "notices") {
        return {{"title", title}, {"column", column}, {"unit", "binhai"}, {"body", body},
                {"published_at", ""}, {"do", "save"}};
    }

    // Creates a draft through the form; returns its id from the redirect.
    long long write(HttpClient& editor, const std::string& title, const std::string& body = "正文") {
        auto answer = post(editor, "/desk/articles", article_fields(title, body));
        EXPECT_EQ(answer.status, 303) << answer.body;
        auto location = answer.header("location").value_or("");
        EXPECT_TRUE(location.starts_with("/desk/articles/")) << location;
        return std::stoll(location.substr(std::string("/desk/articles/").size()));
    }

    long long published(const std::string& title, const std::string& body = "正文") {
        auto editor = logged_in("binhai_editor");
        auto approver = logged_in("binhai_approver");
        long long id = write(editor, title, body);
        EXPECT_EQ(post(editor, desk(id) + "/submit", {}).status, 303);
        EXPECT_EQ(post(approver, desk(id) + "/publish", {}).status, 303);
        return id;
    }

    HttpClient heping_editor() {
        return logged_in_new_user("heping_editor", "和平编辑", "heping", Role::editor);
    }

    long long articles_of(const std::string& unit_code) {
        return web->articles.in_subtree(store->find_unit_by_code(unit_code)->path, std::nullopt, 1, 1)
            .total;
    }

    std::optional<wangju::Article> article(long long id) {
        return web->articles.find_article(wangju::ArticleId{id});
    }

    static bool contains(const HttpAnswer& a, const std::string& text) {
        return a.body.find(text) != std::string::npos;
    }

    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
};

TEST_F(DeskTest, EditorWritesWithAttachmentAndApproverPublishesThroughTheForms) {
    auto editor = logged_in("binhai_editor");
    auto home = editor.get("/");
    EXPECT_TRUE(contains(home, "href=\"/desk/articles\"")) << "the header links to the desk";
    auto form = editor.get("/desk/articles/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form, "撰写稿件"));
    EXPECT_TRUE(contains(form, "工会动态"));      // a sub-column is offered
    EXPECT_TRUE(contains(form, "新河街道总工会"));  // a unit of the subtree is offered

    long long id = write(editor, "关于报送活动统计表的通知", "请于**8月5日**前报送。");
    auto page = editor.get(desk(id) + "?done=saved");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page, "草稿"));
    EXPECT_TRUE(contains(page, "<strong>8月5日</strong>"));
    EXPECT_TRUE(contains(page, "稿件已保存"));
    EXPECT_TRUE(contains(page, "审核发布时"));  // no publication time given

    auto added = upload(editor, id, "附件3:线下活动统计表.pdf", pdf);
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_TRUE(contains(editor.get(desk(id)), "附件3:线下活动统计表.pdf"));
    ASSERT_EQ(post(editor, desk(id) + "/submit", {}).status, 303);
    EXPECT_EQ(article(id)->state, wangju::ArticleState::pending);

    auto approver = logged_in("binhai_approver");
    auto queue = approver.get("/desk/queue");
    ASSERT_EQ(queue.status, 200);
    EXPECT_TRUE(contains(queue, "关于报送活动统计表的通知"));
    auto publish = post(approver, desk(id) + "/publish", {});
    ASSERT_EQ(publish.status, 303) << publish.body;
    EXPECT_EQ(article(id)->state, wangju::ArticleState::published);
    EXPECT_FALSE(contains(approver.get("/desk/queue"), "关于报送活动统计表的通知"));

    auto notices = client().get("/notices");
    EXPECT_TRUE(contains(notices, "关于报送活动统计表的通知"));
    auto attachments = web->articles.attachments(wangju::ArticleId{id});
    ASSERT_EQ(attachments.size(), 1u);
    auto download = client().get("/attachments/" + std::to_string(attachments[0].id.value));
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, pdf);
}

TEST_F(DeskTest, PreviewRendersSafelyAndStoresNothing) {
    auto editor = logged_in("binhai_editor");
    const auto before = articles_of("binhai");
    auto fields = article_fields("预览测试", "# 小标题\n\n<script>alert(1)</script>[点我](javascript:alert(1))");
    fields.back() = {"do", "preview"};
    auto preview = post(editor, "/desk/articles", fields);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_TRUE(contains(preview, "<h1>小标题</h1>"));
    EXPECT_FALSE(contains(preview, "<script>alert(1)"));
    EXPECT_FALSE(contains(preview, "href=\"javascript:"));
    EXPECT_TRUE(contains(preview, "预览测试"));  // the form keeps what was typed
    EXPECT_EQ(articles_of("binhai"), before);
}

TEST_F(DeskTest, BadInputIsNamedPerFieldAndNothingIsStored) {
    auto editor = logged_in("binhai_editor");
    const auto before = articles_of("binhai");
    auto empty = post(editor, "/desk/articles", article_fields("", "正文"));
    EXPECT_EQ(empty.status, 400);
    EXPECT_TRUE(contains(empty, "请填写标题"));
    auto bad_time = article_fields("标题");
    bad_time[4] = {"published_at", "明天上午"};
    auto timed = post(editor, "/desk/articles", bad_time);
    EXPECT_EQ(timed.status, 400);
    EXPECT_TRUE(contains(timed, "发布时间格式应为"));
    EXPECT_TRUE(contains(timed, "value=\"明天上午\""));  // the typed value is kept
    auto column = post(editor, "/desk/articles", article_fields("标题", "正文", "nope"));
    EXPECT_EQ(column.status, 400);
    EXPECT_TRUE(contains(column, "没有代码为“nope”的栏目"));
    auto no_csrf = post(editor, "/desk/articles", article_fields("标题"), false);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(articles_of("binhai"), before);

    // A publication time in Beijing time, as the datetime-local input sends it.
    auto timed_ok = article_fields("定时发布");
    timed_ok[4] = {"published_at", "2026-11-20T09:30"};
    auto saved = post(editor, "/desk/articles", timed_ok);
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto location = saved.header("location").value_or("");
    auto id = std::stoll(location.substr(std::string("/desk/articles/").size()));
    EXPECT_EQ(format_utc(*article(id)->published_at), "2026-11-20T01:30:00Z");
    EXPECT_TRUE(contains(editor.get(desk(id) + "/edit"), "value=\"2026-11-20T09:30\""));
}

TEST_F(DeskTest, EditorOfAnotherDistrictCannotTouchTheArticlesThroughThePages) {
    auto binhai_editor = logged_in("binhai_editor");
    long long draft = write(binhai_editor, "滨海新区草稿");
    long long live = published("滨海新区已发布");
    auto other = heping_editor();
    for (long long id : {draft, live}) {
        EXPECT_EQ(other.get(desk(id)).status, 404);
        EXPECT_EQ(other.get(desk(id) + "/edit").status, 404);
        EXPECT_EQ(other.get(desk(id) + "/history").status, 404);
        EXPECT_EQ(post(other, desk(id) + "/edit", article_fields("冒改")).status, 404);
        EXPECT_EQ(post(other, desk(id) + "/submit", {}).status, 404);
        EXPECT_EQ(post(other, desk(id) + "/withdraw", {{"reason", "冒名"}}).status, 404);
        EXPECT_EQ(upload(other, id, "a.pdf", pdf).status, 404);
    }
    EXPECT_FALSE(contains(other.get("/desk/articles"), "滨海新区草稿"));
    EXPECT_EQ(article(draft)->title, "滨海新区草稿");
    EXPECT_EQ(article(draft)->state, wangju::ArticleState::draft);
    EXPECT_EQ(article(live)->state, wangju::ArticleState::published);
    EXPECT_TRUE(web->articles.attachments(wangju::ArticleId{draft}).empty());

    // Naming a unit outside the own subtree is refused and stores nothing.
    const auto before = articles_of("binhai");
    auto elsewhere = post(other, "/desk/articles", article_fields("冒名发布"));
    EXPECT_EQ(elsewhere.status, 403);
    EXPECT_TRUE(contains(elsewhere, "您无权编辑这篇文章"));
    EXPECT_EQ(articles_of("binhai"), before);
    // Moving an own draft into another district is refused too.
    auto own = post(other, "/desk/articles",
                    {{"title", "和平区草稿"}, {"column", "notices"}, {"unit", "heping"},
                     {"body", "正文"}, {"do", "save"}});
    ASSERT_EQ(own.status, 303);
    auto own_id = std::stoll(own.header("location")->substr(std::string("/desk/articles/").size()));
    EXPECT_EQ(post(other, desk(own_id) + "/edit", article_fields("和平区草稿")).status, 403);
    EXPECT_EQ(article(own_id)->unit_name, "天津市和平区总工会");
}

TEST_F(DeskTest, AttachmentOfAWrongTypeIsRefusedNamingTheRule) {
    auto editor = logged_in("binhai_editor");
    long long id = write(editor, "带附件的通知");
    auto refused = upload(editor, id, "通知.pdf", "<html><script>alert(1)</script></html>");
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused, "不支持此类文件作为附件"));
    EXPECT_TRUE(contains(refused, "只接受 Office 文档、PDF"));
    EXPECT_TRUE(web->articles.attachments(wangju::ArticleId{id}).empty());
    auto none = upload(editor, id, "", "");
    EXPECT_EQ(none.status, 400);
    EXPECT_TRUE(contains(none, "请选择要上传的附件"));

    ASSERT_EQ(upload(editor, id, "统计表.pdf", pdf).status, 303);
    auto attachments = web->articles.attachments(wangju::ArticleId{id});
    ASSERT_EQ(attachments.size(), 1u);
    const std::string remove =
        desk(id) + "/attachments/" + std::to_string(attachments[0].id.value) + "/remove";
    EXPECT_EQ(post(editor, remove, {}, false).status, 403);  // no CSRF token
    ASSERT_EQ(post(editor, remove, {}).status, 303);
    EXPECT_TRUE(web->articles.attachments(wangju::ArticleId{id}).empty());
}

TEST_F(DeskTest, AnAttachmentOverEveryLimitIsRefusedNamingTheLimits) {
    auto editor = logged_in("binhai_editor");
    long long id = write(editor, "大附件的通知");
    // Refused from its declared length, before a byte of the body is sent.
    auto answer = raw_exchange(
        server->port(), "POST " + desk(id) +
                            "/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: wangju_session=" +
                            editor.cookies.at("wangju_session") +
                            "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                            "Content-Length: 209715200\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
    EXPECT_NE(answer.find("附件过大"), std::string::npos);
    EXPECT_NE(answer.find("PDF 文档 50 MB"), std::string::npos);
    EXPECT_NE(answer.find("ZIP 压缩包 100 MB"), std::string::npos);
    EXPECT_TRUE(web->articles.attachments(wangju::ArticleId{id}).empty());
}

TEST_F(DeskTest, ApproverSendsBackWithAReasonTheEditorSees) {
    auto editor = logged_in("binhai_editor");
    auto approver = logged_in("binhai_approver");
    long long id = write(editor, "待退回的稿件");
    ASSERT_EQ(post(editor, desk(id) + "/submit", {}).status, 303);
    EXPECT_EQ(post(editor, desk(id) + "/publish", {}).status, 403);  // an editor cannot publish
    EXPECT_EQ(upload(editor, id, "b.pdf", pdf).status, 409);          // pending: no changes

    auto no_reason = post(approver, desk(id) + "/reject", {{"reason", "  "}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(contains(no_reason, "请填写退回理由"));
    EXPECT_EQ(article(id)->state, wangju::ArticleState::pending);

    auto rejected = post(approver, desk(id) + "/reject", {{"reason", "请补充联系人和电话"}});
    ASSERT_EQ(rejected.status, 303);
    EXPECT_EQ(rejected.header("location"), "/desk/queue?done=rejected");
    EXPECT_EQ(article(id)->state, wangju::ArticleState::draft);
    auto page = editor.get(desk(id));
    EXPECT_TRUE(contains(page, "退回理由"));
    EXPECT_TRUE(contains(page, "请补充联系人和电话"));
    EXPECT_TRUE(contains(editor.get("/desk/articles?state=draft"), "待退回的稿件"));
    EXPECT_FALSE(contains(editor.get("/desk/articles?state=pending"), "待退回的稿件"));
}

TEST_F(DeskTest, ApproverCorrectsAndWithdrawsAndTheHistoryKeepsEveryVersion) {
    long long id = published("原标题", "原来的正文");
    auto editor = logged_in("binhai_editor");
    auto approver = logged_in("binhai_approver");
    EXPECT_EQ(post(editor, desk(id) + "/edit", article_fields("编辑改标题")).status, 403);

    auto form = approver.get(desk(id) + "/edit");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form, "更正已发布的文章"));
    auto corrected = post(approver, desk(id) + "/edit", article_fields("更正后的标题", "更正后的正文"));
    ASSERT_EQ(corrected.status, 303) << corrected.body;
    EXPECT_EQ(article(id)->version, 2);
    EXPECT_EQ(article(id)->state, wangju::ArticleState::published);
    EXPECT_TRUE(contains(client().get("/articles/" + std::to_string(id)), "更正后的正文"));

    auto history = approver.get(desk(id) + "/history");
    ASSERT_EQ(history.status, 200);
    EXPECT_TRUE(contains(history, "原来的正文"));
    EXPECT_TRUE(contains(history, "更正后的正文"));
    EXPECT_TRUE(contains(history, "第 2 版(当前)"));
    EXPECT_TRUE(contains(history, "更正"));
    EXPECT_TRUE(contains(history, "审核发布"));
    EXPECT_FALSE(contains(history, "提交审核:"));  // no reason, no dangling colon

    auto no_reason = post(approver, desk(id) + "/withdraw", {});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(contains(no_reason, "请填写撤回理由"));
    EXPECT_EQ(client().get("/articles/" + std::to_string(id)).status, 200);
    ASSERT_EQ(post(approver, desk(id) + "/withdraw", {{"reason", "活动已延期"}}).status, 303);
    EXPECT_EQ(client().get("/articles/" + std::to_string(id)).status, 404);
    EXPECT_TRUE(contains(editor.get(desk(id)), "活动已延期"));
    EXPECT_TRUE(contains(approver.get(desk(id) + "/history"), "撤回:活动已延期"));
}

TEST_F(DeskTest, ListsPageThroughTheSubtreeByState) {
    auto unit = store->find_unit_by_code("bh_xinhe");
    for (int i = 1; i <= 21; ++i) {
        web->articles.create_article({"news_union", "新河草稿" + std::to_string(i), "正文", std::nullopt},
                                     unit->id, std::nullopt, {std::nullopt, "test"});
    }
    auto editor = logged_in("binhai_editor");
    auto first = editor.get("/desk/articles?state=draft");
    ASSERT_EQ(first.status, 200);
    EXPECT_TRUE(contains(first, "第 1 页,共 2 页(21 篇)"));
    EXPECT_TRUE(contains(first, "新河街道总工会"));
    auto second = editor.get("/desk/articles?state=draft&page=2");
    EXPECT_TRUE(contains(second, "第 2 页,共 2 页"));
    EXPECT_EQ(editor.get("/desk/articles?state=nonsense").status, 400);
    EXPECT_TRUE(contains(editor.get("/desk/articles?state=withdrawn"), "没有稿件"));
}

TEST_F(DeskTest, OnlyEditorsAndApproversUseTheDesk) {
    auto worker = logged_in("worker_zhang");
    EXPECT_EQ(worker.get("/desk/articles").status, 403);
    EXPECT_EQ(post(worker, "/desk/articles", article_fields("职工写稿")).status, 403);
    EXPECT_FALSE(contains(worker.get("/"), "href=\"/desk/articles\""));
    EXPECT_EQ(client().get("/desk/articles").status, 303);  // to the login form
}

TEST_F(DeskTest, AdminsAddColumnsThroughTheForm) {
    auto admin = logged_in("binhai_admin");
    auto page = admin.get("/admin/columns");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page, "基层动态"));
    auto added = post(admin, "/admin/columns", {{"name", "媒体聚焦"}, {"slug", "media"}, {"parent", "news"}});
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_EQ(web->articles.find_column("media")->parent, "news");
    EXPECT_TRUE(contains(client().get("/news"), "媒体聚焦"));

    const auto count = web->articles.columns().size();
    auto twice = post(admin, "/admin/columns", {{"name", "另一个"}, {"slug", "media"}, {"parent", ""}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice, "栏目代码“media”已被使用"));
    auto bad = post(admin, "/admin/columns", {{"name", ""}, {"slug", "Bad Slug"}, {"parent", ""}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad, "请填写栏目名称"));
    EXPECT_TRUE(contains(bad, "栏目代码须为2至40位小写字母"));
    auto orphan = post(admin, "/admin/columns", {{"name", "孤儿"}, {"slug", "orphan"}, {"parent", "nope"}});
    EXPECT_EQ(orphan.status, 400);
    EXPECT_TRUE(contains(orphan, "上级栏目不存在"));
    EXPECT_EQ(web->articles.columns().size(), count);

    auto editor = logged_in("binhai_editor");
    EXPECT_EQ(editor.get("/admin/columns").status, 403);
    EXPECT_EQ(post(editor, "/admin/columns", {{"name", "编辑加栏目"}, {"slug", "sneaky"}}).status, 403);
    EXPECT_FALSE(web->articles.find_column("sneaky").has_value());
}

}  // namespace
}  // namespace wangju::testing
