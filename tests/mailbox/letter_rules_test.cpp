// The rules of letters, without a database or a server: states, due dates, masking, permission,
// tracking codes, the checks of a new letter and the secret box.
#include <gtest/gtest.h>

#include "domain/error.h"
#include "domain/letter.h"
#include "domain/secret_box.h"

namespace wangju {
namespace {

using namespace std::chrono;

Date day(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, std::chrono::day{d}};
}

Letter letter_in(LetterState state) {
    Letter l;
    l.state = state;
    l.may_publish = true;
    return l;
}

ErrorKind kind_of(const Letter& l, LetterAction a) {
    try {
        state_after(l, a);
    } catch (const Error& e) {
        return e.kind();
    }
    return ErrorKind::unavailable;  // "no error" marker for these tests
}

TEST(LetterStates, ReceivedIsAcceptedOrRejected) {
    const auto received = letter_in(LetterState::received);
    EXPECT_EQ(state_after(received, LetterAction::accept), LetterState::accepted);
    EXPECT_EQ(state_after(received, LetterAction::reject), LetterState::rejected);
    EXPECT_EQ(state_after(received, LetterAction::assign), LetterState::received);
    EXPECT_EQ(kind_of(received, LetterAction::reply), ErrorKind::conflict);
    EXPECT_EQ(kind_of(received, LetterAction::close), ErrorKind::conflict);
    EXPECT_EQ(kind_of(received, LetterAction::rate), ErrorKind::conflict);
}

TEST(LetterStates, AcceptedIsClosedOnlyWithAReply) {
    auto accepted = letter_in(LetterState::accepted);
    EXPECT_EQ(state_after(accepted, LetterAction::reply), LetterState::accepted);
    EXPECT_EQ(kind_of(accepted, LetterAction::close), ErrorKind::conflict);
    accepted.reply = "已协调解决。";
    EXPECT_EQ(state_after(accepted, LetterAction::close), LetterState::closed);
    EXPECT_EQ(kind_of(accepted, LetterAction::accept), ErrorKind::conflict);
    EXPECT_EQ(kind_of(accepted, LetterAction::reject), ErrorKind::conflict);
}

TEST(LetterStates, ClosedLetterIsRatedOnceAndPublishedOnlyWithConsent) {
    auto closed = letter_in(LetterState::closed);
    EXPECT_EQ(state_after(closed, LetterAction::rate), LetterState::closed);
    EXPECT_EQ(state_after(closed, LetterAction::publish), LetterState::closed);
    EXPECT_EQ(kind_of(closed, LetterAction::assign), ErrorKind::conflict);
    EXPECT_EQ(kind_of(closed, LetterAction::reply), ErrorKind::conflict);
    closed.rating = 4;
    EXPECT_EQ(kind_of(closed, LetterAction::rate), ErrorKind::conflict);
    closed.may_publish = false;
    EXPECT_EQ(kind_of(closed, LetterAction::publish), ErrorKind::conflict);
    EXPECT_EQ(kind_of(letter_in(LetterState::rejected), LetterAction::publish),
              ErrorKind::conflict);
}

TEST(LetterDueDates, WorkingDaysSkipWeekendsAndHolidays) {
    // 2026-11-24 is a Tuesday.
    EXPECT_EQ(add_working_days(day(2026, 11, 24), 3, {}), day(2026, 11, 27));  // Friday
    EXPECT_EQ(add_working_days(day(2026, 11, 26), 3, {}), day(2026, 12, 1));   // over a weekend
    EXPECT_EQ(add_working_days(day(2026, 11, 28), 1, {}), day(2026, 11, 30));  // from Saturday
    EXPECT_EQ(add_working_days(day(2026, 11, 24), 3, {day(2026, 11, 25)}), day(2026, 11, 30));
    EXPECT_FALSE(is_working_day(day(2026, 11, 29), std::set<Date>{}));
    EXPECT_TRUE(is_working_day(day(2026, 11, 30), std::set<Date>{}));
}

TEST(LetterDueDates, SimpleAndComplexFromTheShanghaiDate) {
    // 2026-11-24 17:00 UTC is already Wednesday the 25th in Shanghai.
    const Timestamp sent = *parse_utc("2026-11-24T17:00:00Z");
    DueRules rules;
    EXPECT_EQ(due_date(sent, LetterComplexity::simple, rules), day(2026, 11, 30));
    EXPECT_EQ(due_date(sent, LetterComplexity::complex, rules), day(2026, 12, 9));
    rules.simple_days = 1;
    EXPECT_EQ(due_date(sent, LetterComplexity::simple, rules), day(2026, 11, 26));
}

TEST(LetterDueDates, OnlyOpenLettersPastTheirDateAreOverdue) {
    auto l = letter_in(LetterState::accepted);
    l.due_on = day(2026, 11, 24);
    EXPECT_FALSE(is_overdue(l, day(2026, 11, 24)));
    EXPECT_TRUE(is_overdue(l, day(2026, 11, 25)));
    l.state = LetterState::closed;
    EXPECT_FALSE(is_overdue(l, day(2026, 11, 25)));
}

TEST(LetterPhones, MaskedKeepingOnlyTheEnds) {
    EXPECT_EQ(mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(mask_phone("138-1234-5678"), "138****5678");
    EXPECT_EQ(mask_phone("022-6620-1234"), "022****1234");
    EXPECT_EQ(mask_phone("66201234"), "******34");
}

Unit unit_at(std::int64_t id, std::string path) {
    Unit u;
    u.id = UnitId{id};
    u.name = "单位" + std::to_string(id);
    u.path = std::move(path);
    return u;
}

Actor actor(Role role, std::string path, std::int64_t user = 7) {
    return Actor{UserId{user}, Roles{role}, UnitId{0}, std::move(path)};
}

TEST(LetterPermission, AdminsOfTheUnitOrAboveHandleLettersOthersDoNot) {
    const Unit teda = unit_at(5, "/1/3/5/");
    EXPECT_TRUE(may(actor(Role::unit_admin, "/1/3/5/"), LetterAction::read, teda, std::nullopt));
    EXPECT_TRUE(may(actor(Role::unit_admin, "/1/3/"), LetterAction::close, teda, std::nullopt));
    EXPECT_FALSE(may(actor(Role::unit_admin, "/1/4/"), LetterAction::read, teda, std::nullopt));
    EXPECT_FALSE(may(actor(Role::unit_admin, "/1/3/5/9/"), LetterAction::read, teda, std::nullopt));
    EXPECT_FALSE(may(actor(Role::editor, "/1/3/"), LetterAction::read, teda, std::nullopt));
    EXPECT_FALSE(may(actor(Role::unit_admin, "/1/3/"), LetterAction::rate, teda, std::nullopt));
}

TEST(LetterPermission, TheHandlerReadsAndRepliesButDecidesNothing) {
    const Unit teda = unit_at(5, "/1/3/5/");
    const auto handler = actor(Role::worker, "/1/3/5/8/", 42);
    EXPECT_TRUE(may(handler, LetterAction::read, teda, UserId{42}));
    EXPECT_TRUE(may(handler, LetterAction::reply, teda, UserId{42}));
    EXPECT_FALSE(may(handler, LetterAction::close, teda, UserId{42}));
    EXPECT_FALSE(may(handler, LetterAction::assign, teda, UserId{42}));
    EXPECT_FALSE(may(handler, LetterAction::read, teda, UserId{43}));
    EXPECT_TRUE(may_be_handler(unit_at(8, "/1/3/5/8/"), teda));
    EXPECT_FALSE(may_be_handler(unit_at(3, "/1/3/"), teda));
}

TEST(LetterCodes, ReadableDatedAndRecognised) {
    const std::string code = tracking_code(day(2026, 11, 24), std::string("\x00\x01\x1e\xff", 4));
    EXPECT_EQ(code.substr(0, 8), "XJ261124");
    EXPECT_EQ(code.size(), 12u);
    EXPECT_TRUE(looks_like_tracking_code(code));
    EXPECT_FALSE(looks_like_tracking_code("XJ26112O0000"));  // O is not in the alphabet
    EXPECT_FALSE(looks_like_tracking_code("xj2611242345"));
    EXPECT_FALSE(looks_like_tracking_code("XJ26112423456"));
}

NewLetter good_letter() {
    NewLetter l;
    l.writer_name = " 李明 ";
    l.phone = "13820001234";
    l.workplace = "泰达汽车零部件有限公司";
    l.title = "加班费问题";
    l.body = "今年七月的周末加班没有按规定发放加班费。";
    return l;
}

TEST(NewLetters, GoodLetterPassesTrimmed) {
    auto l = good_letter();
    check_new_letter(l);
    EXPECT_EQ(l.writer_name, "李明");
}

TEST(NewLetters, EachBadFieldIsNamed) {
    auto l = good_letter();
    l.writer_name = "";
    l.phone = "12345";
    l.title = "短";
    l.body = "太短了";
    l.workplace = std::string(101 * 3, 'x');
    try {
        check_new_letter(l);
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_EQ(e.fields().at("writer_name"), "请填写姓名");
        EXPECT_EQ(e.fields().at("phone"), "联系电话应为 7 至 12 位数字");
        EXPECT_EQ(e.fields().at("title"), "标题至少 2 个字");
        EXPECT_EQ(e.fields().at("body"), "来信内容至少 10 个字");
        EXPECT_EQ(e.fields().at("workplace"), "工作单位不能超过 100 个字");
        EXPECT_FALSE(e.fields().contains("address"));
    }
    l = good_letter();
    l.phone = "1382000123a";
    EXPECT_THROW(check_new_letter(l), Error);
}

TEST(SecretBoxes, SealedTextOpensOnlyWithItsKey) {
    const SecretBox box(new_secret_box_key());
    const auto sealed = box.seal("13820001234");
    EXPECT_EQ(sealed.find("13820001234"), std::string::npos);
    EXPECT_NE(box.seal("13820001234"), sealed);  // fresh nonce each time
    EXPECT_EQ(box.open(sealed), "13820001234");
    const SecretBox other(new_secret_box_key());
    EXPECT_THROW(other.open(sealed), Error);
    std::string tampered = sealed;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    EXPECT_THROW(box.open(tampered), Error);
    EXPECT_THROW(SecretBox().seal("x"), Error);
    EXPECT_THROW(SecretBox("short"), std::invalid_argument);
}

}  // namespace
}  // namespace wangju
