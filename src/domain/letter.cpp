#include "domain/letter.h"

#include <array>
#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/form_text.h"
#include "domain/text.h"
#include "domain/tracking_code.h"

namespace wangju {

namespace {

struct CategoryName {
    LetterCategory category;
    std::string_view code, label;
};
constexpr std::array<CategoryName, 4> category_names{{
    {LetterCategory::rights, "rights", "维权"},
    {LetterCategory::suggestion, "suggestion", "建议"},
    {LetterCategory::question, "question", "咨询"},
    {LetterCategory::complaint, "complaint", "投诉"},
}};

struct StateName {
    LetterState state;
    std::string_view code, label;
};
constexpr std::array<StateName, 4> state_names{{
    {LetterState::received, "received", "待审查"},
    {LetterState::accepted, "accepted", "待处理"},
    {LetterState::closed, "closed", "已办结"},
    {LetterState::rejected, "rejected", "不予受理"},
}};

template <class Table, class Key>
const auto& entry_of(const Table& table, Key key) {
    for (const auto& e : table) {
        if constexpr (std::is_same_v<Key, LetterCategory>) {
            if (e.category == key) return e;
        } else {
            if (e.state == key) return e;
        }
    }
    return table.front();
}

bool is_open(LetterState state) {
    return state == LetterState::received || state == LetterState::accepted;
}

[[noreturn]] void refuse(const Letter& letter, std::string_view what) {
    throw_conflict(fmt::format("信件当前为“{}”,不能{}", label_zh(letter.state), what));
}

}  // namespace

std::string_view to_string(LetterCategory category) {
    return entry_of(category_names, category).code;
}
std::string_view label_zh(LetterCategory category) {
    return entry_of(category_names, category).label;
}
std::optional<LetterCategory> parse_letter_category(std::string_view text) {
    for (const auto& e : category_names) {
        if (e.code == text) return e.category;
    }
    return std::nullopt;
}

std::string_view to_string(LetterState state) {
    return entry_of(state_names, state).code;
}
std::string_view label_zh(LetterState state) {
    return entry_of(state_names, state).label;
}
std::optional<LetterState> parse_letter_state(std::string_view text) {
    for (const auto& e : state_names) {
        if (e.code == text) return e.state;
    }
    return std::nullopt;
}

std::string_view to_string(LetterComplexity complexity) {
    return complexity == LetterComplexity::simple ? "simple" : "complex";
}
std::string_view label_zh(LetterComplexity complexity) {
    return complexity == LetterComplexity::simple ? "简单" : "复杂";
}
std::optional<LetterComplexity> parse_letter_complexity(std::string_view text) {
    if (text == "simple") return LetterComplexity::simple;
    if (text == "complex") return LetterComplexity::complex;
    return std::nullopt;
}

void check_new_letter(NewLetter& letter) {
    for (auto* field : {&letter.writer_name, &letter.phone, &letter.address, &letter.workplace,
                        &letter.title, &letter.body}) {
        *field = std::string(trim(*field));
    }
    std::map<std::string, std::string> errors;
    check_text(errors, "writer_name", letter.writer_name, "姓名", 1, 40);
    if (auto why = check_phone(letter.phone); !why.empty()) errors["phone"] = why;
    check_text(errors, "address", letter.address, "联系地址", 0, 200);
    check_text(errors, "workplace", letter.workplace, "工作单位", 1, 100);
    check_text(errors, "title", letter.title, "标题", 2, 60);
    check_text(errors, "body", letter.body, "来信内容", 10, 5000);
    if (!errors.empty()) throw_invalid(errors.begin()->second, errors);
}

LetterState state_after(const Letter& letter, LetterAction action) {
    const LetterState s = letter.state;
    switch (action) {
        case LetterAction::read:
            return s;
        case LetterAction::assign:
            if (!is_open(s)) refuse(letter, "指派承办人");
            return s;
        case LetterAction::accept:
            if (s != LetterState::received) refuse(letter, "受理");
            return LetterState::accepted;
        case LetterAction::reject:
            if (s != LetterState::received) refuse(letter, "不予受理");
            return LetterState::rejected;
        case LetterAction::reply:
            if (s != LetterState::accepted) refuse(letter, "答复(须先受理)");
            return s;
        case LetterAction::close:
            if (s != LetterState::accepted) refuse(letter, "办结");
            if (letter.reply.empty()) throw_conflict("请先填写答复,再办结信件");
            return LetterState::closed;
        case LetterAction::rate:
            if (s != LetterState::closed) refuse(letter, "评价");
            if (letter.rating) throw_conflict("您已评价过这封信的答复");
            return s;
        case LetterAction::publish:
            if (s != LetterState::closed) refuse(letter, "选登");
            if (!letter.may_publish) throw_conflict("来信人未同意公开,不能选登");
            if (letter.published_at) throw_conflict("这封信已经选登");
            return s;
    }
    return s;
}

bool is_working_day(Date day, const std::set<Date>& holidays) {
    const std::chrono::weekday wd{std::chrono::sys_days{day}};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
    return !holidays.contains(day);
}

Date add_working_days(Date start, int days, const std::set<Date>& holidays) {
    std::chrono::sys_days day{start};
    int counted = 0;
    while (counted < days) {
        day += std::chrono::days{1};
        if (is_working_day(Date{day}, holidays)) ++counted;
    }
    return Date{day};
}

Date due_date(Timestamp submitted, LetterComplexity complexity, const DueRules& rules) {
    const int days =
        complexity == LetterComplexity::simple ? rules.simple_days : rules.complex_days;
    return add_working_days(shanghai_date(submitted), days, rules.holidays);
}

bool is_overdue(const Letter& letter, Date today) {
    return is_open(letter.state) &&
           std::chrono::sys_days{today} > std::chrono::sys_days{letter.due_on};
}

std::string mask_phone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() >= 11) {
        return digits.substr(0, 3) + std::string(digits.size() - 7, '*') +
               digits.substr(digits.size() - 4);
    }
    if (digits.size() <= 2) return std::string(digits.size(), '*');
    return std::string(digits.size() - 2, '*') + digits.substr(digits.size() - 2);
}

namespace {

bool is_staff(const Actor& actor, const Unit& letter_unit) {
    const bool admin = actor.roles.has(Role::unit_admin) || actor.roles.has(Role::sysadmin);
    return admin && is_within(letter_unit.path, actor.unit_path);
}

}  // namespace

bool may(const Actor& actor, LetterAction action, const Unit& letter_unit,
         std::optional<UserId> handler) {
    if (action == LetterAction::rate) return false;
    if (is_staff(actor, letter_unit)) return true;
    const bool is_handler = handler && *handler == actor.user;
    return is_handler && (action == LetterAction::read || action == LetterAction::reply);
}

void require(const Actor& actor, LetterAction action, const Unit& letter_unit,
             std::optional<UserId> handler) {
    if (!may(actor, action, letter_unit, handler)) {
        throw_forbidden(fmt::format("您无权处理写给“{}”的信件", letter_unit.name));
    }
}

bool may_be_handler(const Unit& candidate_unit, const Unit& letter_unit) {
    return is_within(candidate_unit.path, letter_unit.path);
}

namespace {
constexpr std::size_t code_random_chars = 4;
}  // namespace

std::string tracking_code(Date day, std::string_view random_bytes) {
    return dated_code("XJ", day, random_bytes, code_random_chars);
}

bool looks_like_tracking_code(std::string_view text) {
    return looks_like_dated_code(text, "XJ", code_random_chars);
}

}  // namespace wangju
