// The article rules without a database: who may do what, which moves each state allows, the
// bigram search text, highlighting, download names and the attachment type check.
#include <gtest/gtest.h>

#include "app/demo_portal.h"
#include "domain/article.h"
#include "domain/error.h"
#include "domain/search_text.h"
#include "web/portal/attachment_files.h"
#include "web/portal/attachment_type.h"
#include "web/portal/highlight.h"
#include "web/portal/markdown.h"

namespace wangju {
namespace {

Actor actor(Roles roles, const std::string& path) {
    return Actor{UserId{1}, roles, UnitId{3}, path};
}

const std::string binhai = "/1/2/3/";
const std::string teda = "/1/2/3/5/";
const std::string heping = "/1/2/4/";
const std::string tianjin = "/1/2/";

TEST(ArticlePermission, EditorWritesInOwnSubtreeOnlyAndCannotPublish) {
    auto editor = actor(Roles{Role::editor}, binhai);
    EXPECT_TRUE(may(editor, ArticleAction::write, binhai));
    EXPECT_TRUE(may(editor, ArticleAction::submit, teda));
    EXPECT_FALSE(may(editor, ArticleAction::write, heping));
    EXPECT_FALSE(may(editor, ArticleAction::write, tianjin));
    EXPECT_FALSE(may(editor, ArticleAction::publish, binhai));
    EXPECT_FALSE(may(editor, ArticleAction::withdraw, binhai));
    EXPECT_TRUE(may(editor, ArticleAction::view, binhai));
}

TEST(ArticlePermission, ApproverPublishesInOwnSubtreeOnlyAndDoesNotWrite) {
    auto approver = actor(Roles{Role::approver}, binhai);
    EXPECT_TRUE(may(approver, ArticleAction::publish, binhai));
    EXPECT_TRUE(may(approver, ArticleAction::correct, teda));
    EXPECT_FALSE(may(approver, ArticleAction::publish, heping));
    EXPECT_FALSE(may(approver, ArticleAction::write, binhai));
    try {
        require(approver, ArticleAction::withdraw, heping);
        FAIL() << "withdraw in another district allowed";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::forbidden);
        EXPECT_EQ(e.message(), "您无权撤回这篇文章");
    }
}

TEST(ArticlePermission, OtherRolesMayNothingAndSysadminEverything) {
    for (Role role : {Role::worker, Role::unit_admin, Role::judge}) {
        auto someone = actor(Roles{role}, binhai);
        EXPECT_FALSE(may(someone, ArticleAction::write, binhai));
        EXPECT_FALSE(may(someone, ArticleAction::view, binhai));
    }
    EXPECT_TRUE(may(actor(Roles{Role::sysadmin}, "/1/"), ArticleAction::publish, heping));
    EXPECT_TRUE(may_manage_columns(actor(Roles{Role::unit_admin}, binhai)));
    EXPECT_FALSE(may_manage_columns(actor(Roles{Role::editor}, binhai)));
}

TEST(ArticleStates, EachActionMovesOnlyFromItsStates) {
    EXPECT_EQ(next_state(ArticleState::draft, ArticleAction::submit), ArticleState::pending);
    EXPECT_EQ(next_state(ArticleState::pending, ArticleAction::publish), ArticleState::published);
    EXPECT_EQ(next_state(ArticleState::pending, ArticleAction::reject), ArticleState::draft);
    EXPECT_EQ(next_state(ArticleState::published, ArticleAction::withdraw), ArticleState::withdrawn);
    EXPECT_EQ(next_state(ArticleState::withdrawn, ArticleAction::submit), ArticleState::pending);
    EXPECT_EQ(next_state(ArticleState::published, ArticleAction::correct), ArticleState::published);
    EXPECT_THROW(next_state(ArticleState::draft, ArticleAction::publish), Error);
    EXPECT_THROW(next_state(ArticleState::published, ArticleAction::write), Error);
    EXPECT_THROW(next_state(ArticleState::pending, ArticleAction::write), Error);
    try {
        next_state(ArticleState::published, ArticleAction::publish);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.message(), "“已发布”状态的文章不能审核发布");
    }
}

TEST(ArticleText, MissingTitleAndBodyAreNamed) {
    try {
        check_article_text({"notices", "  ", "", std::nullopt});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.fields().at("title"), "请填写标题");
        EXPECT_EQ(e.fields().at("body"), "请填写正文");
    }
}

TEST(ArticleReason, SendingBackAndWithdrawingNeedOne) {
    for (auto action : {ArticleAction::reject, ArticleAction::withdraw}) {
        try {
            check_reason(action, " \t");
            ADD_FAILURE() << "a blank reason was accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
            EXPECT_TRUE(e.fields().contains("reason"));
        }
        EXPECT_NO_THROW(check_reason(action, "请补充联系人"));
        EXPECT_THROW(check_reason(action, std::string(501 * 3, 'x')), Error);
    }
    EXPECT_NO_THROW(check_reason(ArticleAction::publish, ""));
    EXPECT_NO_THROW(check_reason(ArticleAction::submit, ""));
}

TEST(SearchText, ChineseBecomesOverlappingBigramsAndWordsStay) {
    EXPECT_EQ(search_grams("工会动态"), "工会 会动 动态");
    EXPECT_EQ(search_grams("滨海 Union, 工"), "滨海 union 工");
    EXPECT_EQ(search_grams("“12351+”计划"), "12351 计划");
    EXPECT_EQ(search_grams(""), "");
    auto terms = search_terms("工会 　网民 ");
    ASSERT_EQ(terms.size(), 2u);
    EXPECT_EQ(terms[0], "工会");
    EXPECT_EQ(shortest_term_length(terms), 2u);
    EXPECT_EQ(shortest_term_length(search_terms("工")), 1u);
}

TEST(Highlight, MarksEveryTermAndEscapesTheRest) {
    EXPECT_EQ(web::highlight("<b>工会</b>与工会", {"工会"}, 100),
              "&lt;b&gt;<mark>工会</mark>&lt;/b&gt;与<mark>工会</mark>");
    EXPECT_EQ(web::highlight("abc", {"x"}, 2), "ab…");
}

TEST(Markdown, HostileInputCannotRun) {
    const std::string html = web::render_markdown(
        "<script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(2)>\n\n"
        "[点我](javascript:alert(3)) [数据](data:text/html;base64,PHNjcmlwdD4=)\n\n"
        "![图](javascript:alert(4)) <a href=\"javascript:alert(5)\">x</a>\n\n"
        "[正常](https://www.bhxqgh.com/)");
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
    EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
    EXPECT_EQ(html.find("<a href=\"javascript"), std::string::npos) << html;
    EXPECT_NE(html.find("<a href=\"https://www.bhxqgh.com/\">正常</a>"), std::string::npos) << html;
}

TEST(Download, ChineseNameIsPercentEncodedWithAsciiFallback) {
    EXPECT_EQ(web::attachment_disposition("附件1 表.xlsx"),
              "attachment; filename=\"__1 _.xlsx\"; "
              "filename*=UTF-8''%E9%99%84%E4%BB%B61%20%E8%A1%A8.xlsx");
    EXPECT_EQ(web::clean_file_name("C:\\Users\\x\\附件.pdf"), "附件.pdf");
    EXPECT_EQ(web::clean_file_name("../.."), "附件");
}

TEST(AttachmentType, DecidedByContentNotName) {
    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    EXPECT_EQ(web::check_attachment(pdf).media_type, "application/pdf");
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
    EXPECT_EQ(web::check_attachment(png).media_type, "image/png");
    for (const auto& file : app::notice_2023_attachments()) {
        auto type = web::check_attachment(file.bytes).media_type;
        if (file.name.ends_with(".xlsx")) {
            EXPECT_EQ(type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        } else {
            EXPECT_EQ(type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
    }
    try {
        web::check_attachment("<!DOCTYPE html><html><script>alert(1)</script></html>");
        FAIL() << "HTML accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_NE(e.fields().at("file").find("不支持此类文件"), std::string::npos);
    }
    std::string big = "\xFF\xD8\xFF\xE0" + std::string(11 * 1024 * 1024, 'a');
    try {
        web::check_attachment(big);
        FAIL() << "oversized image accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::payload_too_large);
        EXPECT_NE(e.message().find("JPEG 图片不能超过 10 MB"), std::string::npos) << e.message();
    }
}

}  // namespace
}  // namespace wangju
