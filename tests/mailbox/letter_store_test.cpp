// LetterStore on both engines: encryption at rest, the secret, the states and the audit log.
#include "store/letter_store.h"
#include "domain/error.h"
#include "domain/secret.h"
#include "domain/secret_box.h"
#include "support/store_fixture.h"

namespace wangju::store::testing {
namespace {

class LetterStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;  // no PostgreSQL server named
        init_crypto();
        binhai = add_unit("binhai", UnitKind::district);
        teda = add_unit("bh_teda", UnitKind::zone, "binhai");
        letters = std::make_unique<LetterStore>(store->database(), SecretBox(std::string(32, 'k')));
    }

    NewLetter new_letter(const Unit& unit) const {
        NewLetter l;
        l.unit = unit.id;
        l.writer_name = "李明";
        l.phone = "13820001234";
        l.address = "第三大街 18 号";
        l.workplace = "泰达汽车零部件有限公司";
        l.category = LetterCategory::rights;
        l.title = "加班费未足额发放";
        l.body = "今年七月的周末加班没有按规定发放加班费。";
        l.may_publish = true;
        return l;
    }

    std::string raw(const std::string& column, const std::string& code) {
        return store->database().read([&](soci::session& s) {
            std::string value;
            s << "SELECT " + column + " FROM letters WHERE code = :code", soci::use(code),
                soci::into(value);
            return value;
        });
    }

    Unit binhai, teda;
    std::unique_ptr<LetterStore> letters;
    DueRules rules;
};
INSTANTIATE_TEST_SUITE_P(Engines, LetterStoreTest, engines(), engine_name);

TEST_P(LetterStoreTest, PhoneAndAddressAreEncryptedAtRestAndSecretIsOnlyHashed) {
    const auto sent = letters->submit(new_letter(binhai), {}, rules, ctx);
    EXPECT_TRUE(looks_like_tracking_code(sent.letter.code));
    EXPECT_EQ(sent.secret.size(), 32u);
    const auto phone = raw("phone_sealed", sent.letter.code);
    EXPECT_EQ(phone.find("13820001234"), std::string::npos);
    EXPECT_EQ(phone.find("1234"), std::string::npos);
    EXPECT_EQ(raw("address_sealed", sent.letter.code).find("第三大街"), std::string::npos);
    EXPECT_EQ(raw("secret_hash", sent.letter.code), sha256_hex(sent.secret));
    const auto found = letters->find(sent.letter.code);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->phone, "13820001234");
    EXPECT_EQ(found->address, "第三大街 18 号");
    EXPECT_EQ(found->state, LetterState::received);
    // Another key cannot read the phone back.
    LetterStore other(store->database(), SecretBox(std::string(32, 'x')));
    EXPECT_THROW(other.find(sent.letter.code), Error);
}

TEST_P(LetterStoreTest, OnlyTheRightSecretFindsTheLetter) {
    const auto sent = letters->submit(new_letter(binhai), {}, rules, ctx);
    EXPECT_TRUE(letters->find_for_writer(sent.letter.code, sent.secret));
    EXPECT_FALSE(letters->find_for_writer(sent.letter.code, ""));
    EXPECT_FALSE(letters->find_for_writer(sent.letter.code, sent.secret + "0"));
    EXPECT_FALSE(letters->find_for_writer("XJ2611242345", sent.secret));
}

TEST_P(LetterStoreTest, LifeOfALetterIsAuditedWithoutPersonalData) {
    const auto handler = add_user("teda_handler", teda.id);
    const auto before = store->count_audit_events();
    const auto code = letters->submit(new_letter(teda), {}, rules, ctx).letter.code;
    letters->assign(code, handler.id, ctx);
    letters->accept(code, LetterComplexity::complex, rules, ctx);
    EXPECT_THROW(letters->close(code, ctx), Error);  // no reply yet
    letters->reply(code, "已协调公司补发。", ctx);
    const auto closed = letters->close(code, ctx);
    EXPECT_EQ(closed.state, LetterState::closed);
    EXPECT_TRUE(closed.closed_at);
    letters->rate(code, 5, "满意", ctx);
    const auto published = letters->publish(code, "公开的正文,已隐去个人信息。", ctx);
    EXPECT_EQ(published.public_body, "公开的正文,已隐去个人信息。");
    EXPECT_EQ(published.complexity, LetterComplexity::complex);
    EXPECT_EQ(published.handler, handler.id);
    EXPECT_EQ(published.rating, 5);
    letters->read_for_staff(code, ctx);

    const auto events = store->audit_events(before, 100);
    std::vector<std::string> actions;
    for (const auto& e : events) {
        actions.push_back(e.action);
        const auto text = e.before.dump() + e.after.dump();
        EXPECT_EQ(text.find("13820001234"), std::string::npos) << e.action;
        EXPECT_EQ(text.find("第三大街"), std::string::npos) << e.action;
        EXPECT_EQ(text.find("今年七月"), std::string::npos) << e.action;
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"letter.submit", "letter.assign", "letter.accept",
                                                 "letter.reply", "letter.close", "letter.rate",
                                                 "letter.publish", "letter.read"}));
    ASSERT_EQ(letters->published().size(), 1u);
}

TEST_P(LetterStoreTest, RefusedStepsChangeNothing) {
    const auto code = letters->submit(new_letter(binhai), {}, rules, ctx).letter.code;
    const auto events = store->count_audit_events();
    EXPECT_THROW(letters->reject(code, "  ", ctx), Error);
    EXPECT_THROW(letters->reply(code, "答复", ctx), Error);  // not accepted yet
    EXPECT_THROW(letters->rate(code, 5, "", ctx), Error);
    EXPECT_THROW(letters->accept("XJ2611242345", LetterComplexity::simple, rules, ctx), Error);
    EXPECT_EQ(store->count_audit_events(), events);
    const auto rejected = letters->reject(code, "不属于工会职责范围", ctx);
    EXPECT_EQ(rejected.state, LetterState::rejected);
    EXPECT_EQ(rejected.reject_reason, "不属于工会职责范围");
    EXPECT_THROW(letters->accept(code, LetterComplexity::simple, rules, ctx), Error);
    EXPECT_EQ(letters->find(code)->state, LetterState::rejected);
}

TEST_P(LetterStoreTest, ListsBySubtreeStateAndHandler) {
    const auto a = letters->submit(new_letter(binhai), {}, rules, ctx).letter.code;
    const auto b = letters->submit(new_letter(teda), {}, rules, ctx).letter.code;
    letters->accept(b, LetterComplexity::simple, rules, ctx);
    EXPECT_EQ(letters->letters_in_subtree(binhai, std::nullopt).size(), 2u);
    ASSERT_EQ(letters->letters_in_subtree(teda, std::nullopt).size(), 1u);
    EXPECT_EQ(letters->letters_in_subtree(teda, std::nullopt)[0].code, b);
    ASSERT_EQ(letters->letters_in_subtree(binhai, LetterState::received).size(), 1u);
    EXPECT_EQ(letters->letters_in_subtree(binhai, LetterState::received)[0].code, a);
    const auto handler = add_user("teda_handler", teda.id);
    letters->assign(b, handler.id, ctx);
    ASSERT_EQ(letters->letters_handled_by(handler.id).size(), 1u);
    EXPECT_EQ(letters->count(), 2u);
}

TEST_P(LetterStoreTest, AttachmentsAreRecordedInOrder) {
    const auto sent = letters->submit(new_letter(binhai),
                                      {{1, "合同.pdf", "application/pdf", 1200, "aaaa"},
                                       {2, "照片.png", "image/png", 300, "bbbb"}},
                                      rules, ctx);
    const auto files = letters->attachments(sent.letter.id);
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].filename, "合同.pdf");
    EXPECT_EQ(files[1].content_type, "image/png");
    EXPECT_EQ(files[1].stored_name, "bbbb");
}

}  // namespace
}  // namespace wangju::store::testing
