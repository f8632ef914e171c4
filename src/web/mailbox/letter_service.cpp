#include "web/mailbox/letter_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "web/mailbox/letter_files.h"

namespace wangju::web {

namespace {

Unit site_unit(WebContext& web) {
    auto unit = web.store.find_unit_by_code(web.config.letter_unit_code);
    if (!unit) throw Error(ErrorKind::unavailable, "主席信箱尚未设置受理单位");
    return *unit;
}

// The addressed unit, or an error under "unit" when it is not one the form offers.
std::optional<Unit> addressed_unit(WebContext& web, const std::string& code,
                                   std::map<std::string, std::string>& errors) {
    const auto units = letter_units(web);
    if (code.empty()) return units.front();
    for (const auto& u : units) {
        if (u.code == code) return u;
    }
    errors["unit"] = "请选择列表中的受理单位";
    return std::nullopt;
}

NewLetter new_letter_of(const LetterInput& input) {
    NewLetter letter;
    letter.writer_name = input.writer_name;
    letter.phone = input.phone;
    letter.address = input.address;
    letter.workplace = input.workplace;
    letter.title = input.title;
    letter.body = input.body;
    letter.may_publish = input.may_publish;
    return letter;
}

// Every field error at once: the letter's own checks and those of the unit, category and files.
NewLetter checked_letter(WebContext& web, const LetterInput& input) {
    std::map<std::string, std::string> errors;
    NewLetter letter = new_letter_of(input);
    try {
        check_new_letter(letter);
    } catch (const Error& e) {
        errors = e.fields();
    }
    if (auto unit = addressed_unit(web, input.unit_code, errors)) letter.unit = unit->id;
    if (auto category = parse_letter_category(input.category)) {
        letter.category = *category;
    } else {
        errors["category"] = "请选择来信类别(维权、建议、咨询或投诉)";
    }
    check_letter_files(input.files, errors);
    if (!errors.empty()) throw_invalid("来信有需要修改的地方,请检查后重新提交", errors);
    return letter;
}

std::string param(const std::map<std::string, std::string>& params, const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

}  // namespace

std::vector<Unit> letter_units(WebContext& web) {
    std::vector<Unit> units{site_unit(web)};
    for (auto& child : web.store.children(units.front().id)) {
        if (child.is_open_on(shanghai_date(now_utc()))) units.push_back(std::move(child));
    }
    return units;
}

store::SubmittedLetter send_letter(WebContext& web, const LetterInput& input,
                                   const AuditContext& ctx) {
    // A filled honeypot is a robot. It gets a generic error rather than a fake success: a fake
    // code would mislead the rare person whose browser filled the field, and a robot reads
    // neither answer. Nothing is stored.
    if (!input.honeypot.empty()) throw_invalid("提交失败,请刷新页面后重试");
    int retry_after = 0;
    if (!web.letters_by_address.would_allow(ctx.client_address, &retry_after)) {
        throw Error(ErrorKind::too_many_requests, "来信过于频繁,请稍后再试")
            .with_retry_after(retry_after);
    }
    const NewLetter letter = checked_letter(web, input);
    const auto files = save_letter_files(web.config.letter_files_dir, input.files);
    try {
        auto sent = web.letters.submit(letter, files, web.config.letter_due, ctx);
        web.letters_by_address.allow(ctx.client_address);
        return sent;
    } catch (...) {
        remove_letter_files(web.config.letter_files_dir, files);
        throw;
    }
}

Letter letter_for_writer(WebContext& web, const std::string& code, const std::string& secret,
                         const std::string& client_address) {
    int retry_after = 0;
    if (!web.letter_lookups_by_address.would_allow(client_address, &retry_after)) {
        throw Error(ErrorKind::too_many_requests, "查询过于频繁,请稍后再试")
            .with_retry_after(retry_after);
    }
    const std::string normal = normal_tracking_code(code);
    std::optional<Letter> letter;
    if (!normal.empty()) letter = web.letters.find_for_writer(normal, std::string(trim(secret)));
    if (!letter) {
        web.letter_lookups_by_address.allow(client_address);
        throw_not_found("查询码或密码不正确,请核对后再试");
    }
    return *letter;
}

StaffLetter letter_for_staff(WebContext& web, const CurrentUser& user, const std::string& code,
                             LetterAction action) {
    const std::string normal = normal_tracking_code(code);
    auto letter = normal.empty() ? std::nullopt : web.letters.find(normal);
    if (!letter) throw_not_found(fmt::format("没有查询码为“{}”的信件", code));
    auto unit = web.store.find_unit(letter->unit);
    if (!unit) throw_not_found("信件的受理单位不存在");
    require(user.actor, action, *unit, letter->handler);
    return {std::move(*letter), std::move(*unit)};
}

StaffLetter read_letter_as_staff(WebContext& web, const CurrentUser& user, const std::string& code,
                                 const AuditContext& ctx) {
    auto checked = letter_for_staff(web, user, code, LetterAction::read);
    checked.letter = web.letters.read_for_staff(checked.letter.code, ctx);
    return checked;
}

std::vector<Letter> letters_for_staff(WebContext& web, const CurrentUser& user,
                                      std::optional<LetterState> state) {
    std::vector<Letter> out;
    const auto& roles = user.user.roles;
    if (roles.has(Role::unit_admin) || roles.has(Role::sysadmin)) {
        out = web.letters.letters_in_subtree(user.unit, state);
    }
    for (auto& l : web.letters.letters_handled_by(user.user.id)) {
        if (state && l.state != *state) continue;
        const bool seen =
            std::any_of(out.begin(), out.end(), [&](const Letter& o) { return o.id == l.id; });
        if (!seen) out.push_back(std::move(l));
    }
    std::stable_sort(out.begin(), out.end(), [](const Letter& a, const Letter& b) {
        return a.submitted_at > b.submitted_at;
    });
    return out;
}

std::vector<User> possible_handlers(WebContext& web, const Unit& unit) {
    std::vector<User> out;
    for (auto& u : web.store.users_in_subtree(unit)) {
        if (!u.disabled) out.push_back(std::move(u));
    }
    return out;
}

namespace {

UserId handler_named(WebContext& web, const Unit& letter_unit, const std::string& username) {
    const char* why = "请选择本单位或下级单位的工作人员";
    auto user = username.empty() ? std::nullopt
                                 : web.store.find_user_by_username(to_lower_ascii(trim(username)));
    if (!user || user->disabled) throw_invalid(why, {{"handler", why}});
    auto unit = web.store.find_unit(user->unit);
    if (!unit || !may_be_handler(*unit, letter_unit)) throw_invalid(why, {{"handler", why}});
    return user->id;
}

}  // namespace

Letter act_on_letter(WebContext& web, const CurrentUser& user, const std::string& code,
                     const std::string& action, const std::map<std::string, std::string>& params,
                     const AuditContext& ctx) {
    static const std::map<std::string, LetterAction> actions = {
        {"assign", LetterAction::assign}, {"accept", LetterAction::accept},
        {"reject", LetterAction::reject}, {"reply", LetterAction::reply},
        {"close", LetterAction::close},   {"publish", LetterAction::publish}};
    auto found = actions.find(action);
    if (found == actions.end()) throw_not_found("没有这项操作");
    const auto [letter, unit] = letter_for_staff(web, user, code, found->second);
    switch (found->second) {
        case LetterAction::assign:
            return web.letters.assign(letter.code,
                                      handler_named(web, unit, param(params, "handler")), ctx);
        case LetterAction::accept: {
            auto complexity = parse_letter_complexity(param(params, "complexity"));
            if (!complexity) {
                throw_invalid("请选择简单或复杂", {{"complexity", "请选择简单或复杂"}});
            }
            return web.letters.accept(letter.code, *complexity, web.config.letter_due, ctx);
        }
        case LetterAction::reject:
            return web.letters.reject(letter.code, param(params, "reason"), ctx);
        case LetterAction::reply:
            return web.letters.reply(letter.code, param(params, "reply"), ctx);
        case LetterAction::close:
            return web.letters.close(letter.code, ctx);
        case LetterAction::publish:
            return web.letters.publish(letter.code, param(params, "public_body"), ctx);
        default:
            break;
    }
    throw_not_found("没有这项操作");
}

std::string normal_tracking_code(std::string_view typed) {
    std::string code;
    for (char c : trim(typed)) code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    return looks_like_tracking_code(code) ? code : std::string();
}

}  // namespace wangju::web
