// The mailbox's HTML pages: the form with its errors, the receipt, tracking by POST, attachments
// checked by content, the staff list (masked phones, overdue marked) and the staff forms.
#include <regex>

#include "http/message.h"
#include "mailbox_fixture.h"

namespace wangju::testing {
namespace {

std::vector<Part> letter_parts() {
    return {{"unit", "", "binhai"},
            {"category", "", "suggestion"},
            {"writer_name", "", "王芳"},
            {"phone", "", "13900001111"},
            {"workplace", "", "新河港口服务有限公司"},
            {"address", "", ""},
            {"title", "", "建议增加职工书屋开放时间"},
            {"body", "", "职工书屋周末不开放,倒班职工很难借到书,建议周末也开放。"},
            {"may_publish", "", "1"},
            {"website", "", ""}};
}

HttpAnswer post_letter(HttpClient c, const std::vector<Part>& parts) {
    return c.request("POST", "/mailbox", multipart_body(parts), {{"Content-Type", multipart_type}});
}

std::string capture(const std::string& body, const std::string& id) {
    std::smatch m;
    std::regex re("id=\"" + id + "\">([^<]+)<");
    return std::regex_search(body, m, re) ? m[1].str() : "";
}

TEST_F(MailboxTest, FormSendsTheLetterAndTheReceiptShowsCodeAndSecretOnce) {
    auto form = client().get("/mailbox");
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("天津经济技术开发区总工会"), std::string::npos);  // a child unit
    EXPECT_NE(form.body.find("name=\"website\""), std::string::npos);

    auto receipt = post_letter(client(), letter_parts());
    ASSERT_EQ(receipt.status, 201) << receipt.body;
    const auto code = capture(receipt.body, "letter-code");
    const auto secret = capture(receipt.body, "letter-secret");
    ASSERT_FALSE(code.empty());
    ASSERT_EQ(secret.size(), 32u);
    EXPECT_EQ(receipt.header("cache-control"), "no-store");

    auto tracker = client();
    auto status = post_form(tracker, "/mailbox/track", "code=" + code + "&secret=" + secret);
    ASSERT_EQ(status.status, 200) << status.body;
    EXPECT_NE(status.body.find("待审查"), std::string::npos);
    EXPECT_NE(status.body.find("建议增加职工书屋开放时间"), std::string::npos);

    auto c = client();
    auto wrong = post_form(c, "/mailbox/track", "code=" + code + "&secret=nope");
    EXPECT_EQ(wrong.status, 404);
    EXPECT_NE(wrong.body.find("查询码或密码不正确"), std::string::npos);
    EXPECT_EQ(wrong.body.find("建议增加职工书屋开放时间"), std::string::npos);
}

TEST_F(MailboxTest, FormShowsEachErrorBesideItsFieldAndKeepsTheValues) {
    auto parts = letter_parts();
    parts[3].bytes = "12";  // phone
    parts[6].bytes = "书";  // title
    auto answer = post_letter(client(), parts);
    ASSERT_EQ(answer.status, 400);
    EXPECT_NE(answer.body.find("联系电话应为 7 至 12 位数字"), std::string::npos);
    EXPECT_NE(answer.body.find("标题至少 2 个字"), std::string::npos);
    EXPECT_NE(answer.body.find("职工书屋周末不开放"), std::string::npos);  // body kept
    EXPECT_EQ(web->letters.count(), 0u);
}

TEST_F(MailboxTest, AttachmentsAreCheckedByContentAndDownloadableByWriterAndStaff) {
    auto parts = letter_parts();
    parts.push_back({"attachments", "photo.png", tiny_png()});
    auto receipt = post_letter(client(), parts);
    ASSERT_EQ(receipt.status, 201) << receipt.body;
    const auto code = capture(receipt.body, "letter-code");
    const auto secret = capture(receipt.body, "letter-secret");

    auto c = client();
    auto file = post_form(c, "/mailbox/attachment", "code=" + code + "&secret=" + secret + "&n=1");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body, tiny_png());
    EXPECT_EQ(file.header("content-type"), "image/png");
    EXPECT_EQ(post_form(c, "/mailbox/attachment", "code=" + code + "&secret=x&n=1").status, 404);
    EXPECT_EQ(client().get("/admin/letters/" + code + "/attachments/1").status, 303);  // log in
    auto admin = logged_in("binhai_admin");
    EXPECT_EQ(admin.get("/admin/letters/" + code + "/attachments/1").body, tiny_png());

    // A long Chinese file name is kept to 200 bytes that end on a whole character.
    auto long_named = letter_parts();
    std::string name;
    for (int i = 0; i < 70; ++i) name += "职";
    long_named.push_back({"attachments", name + ".png", tiny_png()});
    auto sent = post_letter(client(), long_named);
    ASSERT_EQ(sent.status, 201) << sent.body;
    auto listed = admin.get("/api/v1/letters/" + capture(sent.body, "letter-code"));
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.json()["attachments"][0]["filename"], name.substr(0, 66 * 3));

    auto disguised = letter_parts();
    disguised.push_back({"attachments", "photo.png", "#!/bin/sh\necho not an image\n"});
    auto refused = post_letter(client(), disguised);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("不是 JPG、PNG 图片或 PDF 文件"), std::string::npos);

    auto four = letter_parts();
    for (int i = 0; i < 4; ++i) four.push_back({"attachments", "p.png", tiny_png()});
    EXPECT_NE(post_letter(client(), four).body.find("附件最多 3 个"), std::string::npos);
    EXPECT_EQ(web->letters.count(), 2u);
}

TEST_F(MailboxTest, StaffListMasksPhonesAndMarksOverdueLetters) {
    send();
    NewLetter old;
    old.unit = store->find_unit_by_code("binhai")->id;
    old.writer_name = "赵强";
    old.phone = "13700005555";
    old.workplace = "大沽化工有限公司";
    old.category = LetterCategory::complaint;
    old.title = "很久以前的来信";
    old.body = "这封信已经超过办理期限很久了。";
    web->letters.submit(old, {}, web->config.letter_due, {std::nullopt, "test"},
                        now_utc() - std::chrono::days{30});

    auto admin = logged_in("binhai_admin");
    auto list = admin.get("/admin/letters");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("138****1234"), std::string::npos);
    EXPECT_EQ(list.body.find("13820001234"), std::string::npos);
    EXPECT_NE(list.body.find("137****5555"), std::string::npos);
    const auto overdue_row = list.body.find("<tr class=\"overdue\">");
    ASSERT_NE(overdue_row, std::string::npos);
    EXPECT_LT(overdue_row, list.body.find("很久以前的来信"));
    EXPECT_NE(list.body.find("已超期"), std::string::npos);

    auto received_only = admin.get("/admin/letters?state=closed");
    EXPECT_EQ(received_only.body.find("很久以前的来信"), std::string::npos);
    EXPECT_EQ(admin.get("/admin/letters?state=bogus").status, 400);
}

TEST_F(MailboxTest, StaffFormsMoveTheLetterAndTheWriterSeesTheReply) {
    auto sent = send();
    auto admin = logged_in("binhai_admin");
    auto page = admin.get("/admin/letters/" + sent.code);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("13820001234"), std::string::npos);
    const std::string csrf = "csrf=" + http::percent_encode(admin.csrf_token);
    const std::string base = "/admin/letters/" + sent.code + "/";
    EXPECT_EQ(post_form(admin, base + "accept", "complexity=simple").status, 403);  // no csrf
    auto accepted = post_form(admin, base + "accept", csrf + "&complexity=simple");
    ASSERT_EQ(accepted.status, 303);
    EXPECT_EQ(accepted.header("location"), "/admin/letters/" + sent.code + "?done=accept");
    auto no_reply = post_form(admin, base + "close", csrf);
    EXPECT_EQ(no_reply.status, 409);
    EXPECT_NE(no_reply.body.find("请先填写答复"), std::string::npos);
    ASSERT_EQ(
        post_form(admin, base + "reply", csrf + "&reply=" + http::percent_encode("已经*解决*。"))
            .status,
        303);
    ASSERT_EQ(post_form(admin, base + "close", csrf).status, 303);
    auto done = admin.get("/admin/letters/" + sent.code + "?done=close");
    EXPECT_NE(done.body.find("已办结。"), std::string::npos);

    auto c = client();
    auto status = post_form(c, "/mailbox/track", "code=" + sent.code + "&secret=" + sent.secret);
    EXPECT_NE(status.body.find("<em>解决</em>"), std::string::npos);
    EXPECT_NE(status.body.find("已办结"), std::string::npos);
    auto rated =
        post_form(c, "/mailbox/rate", "code=" + sent.code + "&secret=" + sent.secret + "&rating=5");
    EXPECT_EQ(rated.status, 200);
    EXPECT_NE(rated.body.find("感谢您的评价。"), std::string::npos);
}

TEST_F(MailboxTest, OtherDistrictsStaffGetForbiddenPages) {
    auto sent = send("bh_teda");
    auto xinhe = logged_in("xinhe_admin");
    EXPECT_EQ(xinhe.get("/admin/letters/" + sent.code).status, 403);
    auto list = xinhe.get("/admin/letters");
    EXPECT_EQ(list.body.find(sent.code), std::string::npos);
}

}  // namespace
}  // namespace wangju::testing
