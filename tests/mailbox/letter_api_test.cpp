// The mailbox over HTTP (JSON API): sending, following with the secret, every staff step, the
// writer's rating, publication, and who may read what.
#include "domain/secret.h"
#include "mailbox_fixture.h"

namespace wangju::testing {
namespace {

TEST_F(MailboxTest, SentLetterAnswersCodeAndSecretAndIsReadableOnlyWithTheSecret) {
    auto sent = send();
    ASSERT_FALSE(sent.code.empty());
    auto mine = track(sent.code, sent.secret);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json()["state"], "received");
    EXPECT_EQ(mine.json()["state_label"], "待审查");
    EXPECT_EQ(mine.json()["title"], "加班费未足额发放");
    EXPECT_EQ(mine.header("cache-control"), "no-store");

    EXPECT_EQ(track(sent.code, "wrong").status, 404);
    EXPECT_EQ(track(sent.code, "").status, 404);
    auto anonymous = client().get("/api/v1/letters/" + sent.code);
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.body.find("加班费"), std::string::npos);
    // A wrong secret and an unknown code cannot be told apart.
    EXPECT_EQ(track("XJ2611242345", sent.secret).body, track(sent.code, "wrong").body);
}

TEST_F(MailboxTest, EveryBadFieldIsNamedAndNothingIsStored) {
    auto body = letter_json();
    body["writer_name"] = "";
    body["phone"] = "abc";
    body["category"] = "other";
    body["unit"] = "heping";
    body["body"] = "短";
    auto answer = client().json("POST", "/api/v1/letters", body);
    ASSERT_EQ(answer.status, 400) << answer.body;
    const auto fields = answer.json()["error"]["fields"];
    EXPECT_EQ(fields["writer_name"], "请填写姓名");
    EXPECT_EQ(fields["phone"], "联系电话只能包含数字、空格和“-”");
    EXPECT_EQ(fields["category"], "请选择来信类别(维权、建议、咨询或投诉)");
    EXPECT_EQ(fields["unit"], "请选择列表中的受理单位");
    EXPECT_EQ(fields["body"], "来信内容至少 10 个字");
    EXPECT_EQ(web->letters.count(), 0u);
}

TEST_F(MailboxTest, FilledHoneypotIsRefusedAndNothingIsStored) {
    auto body = letter_json();
    body["website"] = "http://spam.example";
    auto answer = client().json("POST", "/api/v1/letters", body);
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.json()["error"]["message"], "提交失败,请刷新页面后重试");
    EXPECT_EQ(web->letters.count(), 0u);
}

class FewLettersPerAddress : public MailboxTest {
    void configure(web::WebConfig& config) override {
        MailboxTest::configure(config);
        config.letters_per_address_per_hour = 2;
    }
};

TEST_F(FewLettersPerAddress, TooManyLettersFromOneAddressAreRefused) {
    send();
    send();
    auto third = client().json("POST", "/api/v1/letters", letter_json());
    EXPECT_EQ(third.status, 429);
    EXPECT_TRUE(third.header("retry-after"));
    EXPECT_EQ(web->letters.count(), 2u);
}

TEST_F(MailboxTest, StaffAssignAcceptReplyCloseAndTheWriterSeesAndRatesTheReply) {
    auto sent = send();
    auto admin = logged_in("binhai_admin");

    auto list = admin.get("/api/v1/letters");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json()["letters"].size(), 1u);
    EXPECT_EQ(list.json()["letters"][0]["phone_masked"], "138****1234");
    EXPECT_EQ(list.body.find("13820001234"), std::string::npos);

    const auto reads = events_named("letter.read");
    auto full = admin.get("/api/v1/letters/" + sent.code);
    ASSERT_EQ(full.status, 200);
    EXPECT_EQ(full.json()["phone"], "13820001234");
    EXPECT_EQ(full.json()["address"], "第三大街 18 号");
    EXPECT_EQ(events_named("letter.read"), reads + 1);

    auto assigned = act(admin, sent.code, "assign", {{"handler", "xinhe_admin"}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(assigned.json()["handler"], "赵敏(xinhe_admin)");
    EXPECT_EQ(act(admin, sent.code, "assign", {{"handler", "tianjin_admin"}}).status, 400);

    EXPECT_EQ(act(admin, sent.code, "reply", {{"reply", "答复"}}).status, 409);
    auto accepted = act(admin, sent.code, "accept", {{"complexity", "complex"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["state"], "accepted");
    EXPECT_EQ(track(sent.code, sent.secret).json()["state_label"], "待处理");

    EXPECT_EQ(act(admin, sent.code, "close").status, 409);  // no reply yet
    auto replied = act(admin, sent.code, "reply",
                       {{"reply", "已协调公司**补发**加班费。<script>alert(1)</script>"}});
    ASSERT_EQ(replied.status, 200) << replied.body;
    // The writer sees the reply only once the letter is closed.
    EXPECT_EQ(track(sent.code, sent.secret).json()["reply"], "");
    ASSERT_EQ(act(admin, sent.code, "close").status, 200);

    auto mine = track(sent.code, sent.secret).json();
    EXPECT_EQ(mine["state"], "closed");
    EXPECT_NE(mine["reply_html"].get<std::string>().find("<strong>补发</strong>"),
              std::string::npos);
    EXPECT_EQ(mine["reply_html"].get<std::string>().find("<script>"), std::string::npos);
    EXPECT_TRUE(mine["may_rate"].get<bool>());

    auto rate = [&](int rating, const std::string& secret) {
        return client().request(
            "POST", "/api/v1/letters/" + sent.code + "/rating",
            nlohmann::json{{"rating", rating}, {"comment", "满意"}}.dump(),
            {{"X-Letter-Secret", secret}, {"Content-Type", "application/json"}});
    };
    EXPECT_EQ(rate(5, "wrong").status, 404);
    EXPECT_EQ(rate(9, sent.secret).status, 400);
    auto rated = rate(4, sent.secret);
    ASSERT_EQ(rated.status, 200) << rated.body;
    EXPECT_EQ(rated.json()["rating"], 4);
    EXPECT_EQ(rate(5, sent.secret).status, 409);
}

TEST_F(MailboxTest, RejectionNeedsAReasonThatTheWriterSees) {
    auto sent = send();
    auto admin = logged_in("binhai_admin");
    auto no_reason = act(admin, sent.code, "reject", {{"reason", " "}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_EQ(no_reason.json()["error"]["fields"]["reason"], "请填写不予受理的理由");
    ASSERT_EQ(act(admin, sent.code, "reject", {{"reason", "不属于工会职责范围"}}).status, 200);
    auto mine = track(sent.code, sent.secret).json();
    EXPECT_EQ(mine["state_label"], "不予受理");
    EXPECT_EQ(mine["reject_reason"], "不属于工会职责范围");
    EXPECT_EQ(act(admin, sent.code, "accept", {{"complexity", "simple"}}).status, 409);
}

TEST_F(MailboxTest, ClosedLetterPublishedWithoutPersonalData) {
    auto sent = send();
    auto admin = logged_in("binhai_admin");
    EXPECT_EQ(act(admin, sent.code, "publish").status, 409);  // not closed yet
    act(admin, sent.code, "accept", {{"complexity", "simple"}});
    act(admin, sent.code, "reply", {{"reply", "已协调解决。"}});
    act(admin, sent.code, "close");
    auto published = act(admin, sent.code, "publish",
                         {{"public_body", "某公司周末加班只按平时工资发放加班费。"}});
    ASSERT_EQ(published.status, 200) << published.body;
    auto page = client().get("/mailbox/published");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("某公司周末加班只按平时工资发放加班费。"), std::string::npos);
    EXPECT_NE(page.body.find("已协调解决。"), std::string::npos);
    for (const char* personal :
         {"李明", "13820001234", "第三大街", "泰达汽车零部件", sent.code.c_str()}) {
        EXPECT_EQ(page.body.find(personal), std::string::npos) << personal;
    }
    EXPECT_EQ(act(admin, sent.code, "publish").status, 409);  // once
}

TEST_F(MailboxTest, StaffOfOneDistrictCannotReadAnothersLetters) {
    auto to_teda = send("bh_teda");
    auto to_binhai = send("binhai");
    auto xinhe = logged_in("xinhe_admin");  // a sibling of bh_teda
    EXPECT_EQ(xinhe.get("/api/v1/letters/" + to_teda.code).status, 403);
    EXPECT_EQ(act(xinhe, to_teda.code, "accept", {{"complexity", "simple"}}).status, 403);
    EXPECT_EQ(xinhe.get("/api/v1/letters").json()["letters"].size(), 0u);

    auto teda = logged_in("teda_admin");
    EXPECT_EQ(teda.get("/api/v1/letters/" + to_teda.code).status, 200);
    EXPECT_EQ(teda.get("/api/v1/letters/" + to_binhai.code).status, 403);  // an ancestor's letter
    EXPECT_EQ(teda.get("/api/v1/letters").json()["letters"].size(), 1u);

    auto tianjin = logged_in("tianjin_admin");  // above the district: sees both
    EXPECT_EQ(tianjin.get("/api/v1/letters").json()["letters"].size(), 2u);
    auto editor = logged_in("binhai_editor");
    EXPECT_EQ(editor.get("/api/v1/letters/" + to_binhai.code).status, 403);

    const auto events = store->count_audit_events();
    xinhe.get("/api/v1/letters/" + to_teda.code);
    EXPECT_EQ(store->count_audit_events(), events);  // a refused read leaves no trace of reading
}

TEST_F(MailboxTest, AssignedHandlerReadsAndRepliesButCannotClose) {
    auto sent = send("bh_teda");
    auto teda = logged_in("teda_admin");
    ASSERT_EQ(act(teda, sent.code, "assign", {{"handler", "worker_zhang"}}).status, 200);
    act(teda, sent.code, "accept", {{"complexity", "simple"}});
    auto zhang = logged_in("worker_zhang");
    EXPECT_EQ(zhang.get("/api/v1/letters/" + sent.code).status, 200);
    EXPECT_EQ(zhang.get("/api/v1/letters").json()["letters"].size(), 1u);
    EXPECT_EQ(act(zhang, sent.code, "reply", {{"reply", "已了解情况。"}}).status, 200);
    EXPECT_EQ(act(zhang, sent.code, "close").status, 403);
    EXPECT_EQ(act(teda, sent.code, "close").status, 200);
}

TEST_F(MailboxTest, StaffActionsNeedTheCsrfToken) {
    auto sent = send();
    auto admin = logged_in("binhai_admin");
    admin.csrf_token.clear();
    EXPECT_EQ(act(admin, sent.code, "accept", {{"complexity", "simple"}}).status, 403);
    EXPECT_EQ(web->letters.find(sent.code)->state, LetterState::received);
}

TEST_F(MailboxTest, TheSecretAppearsNowhereInTheAuditLog) {
    auto sent = send();
    track(sent.code, sent.secret);
    auto admin = logged_in("binhai_admin");
    admin.get("/api/v1/letters/" + sent.code);
    for (const auto& e : store->audit_events(0, 100000)) {
        const auto text = e.object + e.before.dump() + e.after.dump();
        EXPECT_EQ(text.find(sent.secret), std::string::npos) << e.action;
        EXPECT_EQ(text.find(sha256_hex(sent.secret)), std::string::npos) << e.action;
        EXPECT_EQ(text.find("13820001234"), std::string::npos) << e.action;
    }
}

}  // namespace
}  // namespace wangju::testing
