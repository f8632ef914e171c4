// Staff pages of the chairman's mailbox: GET /admin/letters (phones masked, overdue letters
// marked, filter by state), GET /admin/letters/{code} (the full letter; every view is audited)
// and its forms POST /admin/letters/{code}/{action}.
#include "domain/error.h"
#include "web/mailbox/letter_http.h"
#include "web/mailbox/letter_routes.h"
#include "web/mailbox/letter_service.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"

namespace wangju::web {
namespace {

// May the page offer `action`: the permission and the letter's state both allow it.
bool offered(const CurrentUser& user, const StaffLetter& s, LetterAction action) {
    if (!may(user.actor, action, s.unit, s.letter.handler)) return false;
    try {
        state_after(s.letter, action);
        return true;
    } catch (const Error&) {
        return false;
    }
}

nlohmann::json handlers_json(WebContext& web, const Unit& unit) {
    std::map<std::int64_t, std::string> unit_names;
    for (const auto& u : web.store.subtree(unit)) unit_names[u.id.value] = u.name;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& u : possible_handlers(web, unit)) {
        list.push_back({{"username", u.username},
                        {"display_name", u.display_name},
                        {"unit_name", unit_names[u.unit.value]}});
    }
    return list;
}

http::Response letter_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                           const std::string& code, nlohmann::json extra, int status = 200) {
    const auto s = read_letter_as_staff(web, user, code, audit_context(r, user));
    nlohmann::json can = {{"assign", offered(user, s, LetterAction::assign)},
                          {"accept", offered(user, s, LetterAction::accept)},
                          {"reply", offered(user, s, LetterAction::reply)},
                          {"close", offered(user, s, LetterAction::close)},
                          {"publish", offered(user, s, LetterAction::publish)}};
    nlohmann::json data = {{"letter", staff_letter_json(web, s.letter, s.unit)},
                           {"can", can},
                           {"csrf", user.session.csrf_token}};
    if (can["assign"].get<bool>()) data["handlers"] = handlers_json(web, s.unit);
    if (auto key = r.query("done")) {
        if (auto text = find_message("mailbox.done." + *key)) data["done"] = *text;
    }
    data.update(extra);
    return show_page(r, web, &user, message("mailbox.admin_letter_title"), "mailbox_admin_letter",
                     std::move(data), status);
}

http::Response get_list(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    const std::string filter = r.query("state").value_or("");
    auto state = parse_state_filter(filter);
    nlohmann::json states = nlohmann::json::array();
    for (auto st : {LetterState::received, LetterState::accepted, LetterState::closed,
                    LetterState::rejected}) {
        states.push_back({{"code", to_string(st)},
                          {"label", label_zh(st)},
                          {"selected", filter == to_string(st)}});
    }
    auto rows = staff_letter_rows(web, user, state);
    nlohmann::json data = {{"letters", rows}, {"has_letters", !rows.empty()}, {"states", states}};
    return show_page(r, web, &user, message("mailbox.admin_list_title"), "mailbox_admin_list",
                     std::move(data));
}

http::Response get_letter(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return letter_page(web, r, user, r.params.at("code"), nlohmann::json::object());
}

http::Response post_action(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    auto form = r.form();
    const auto& code = r.params.at("code");
    const auto& action = r.params.at("action");
    std::map<std::string, std::string> params;
    for (const char* name : {"handler", "complexity", "reason", "reply", "public_body"}) {
        params[name] = form_value(form, name);
    }
    try {
        auto changed = act_on_letter(web, user, code, action, params, audit_context(r, user));
        return http::Response::redirect("/admin/letters/" + changed.code + "?done=" + action);
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::conflict) throw;
        return letter_page(web, r, user, code, {{"error", error_json(e)}}, http_status(e.kind()));
    }
}

http::Response get_attachment(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto s = letter_for_staff(web, user, r.params.at("code"), LetterAction::read);
    return attachment_response(web, s.letter, r.params.at("n"));
}

}  // namespace

void register_letter_admin_pages(http::Router& router, WebContext& web) {
    router.add("GET", "/admin/letters", page_handler(web, get_list));
    router.add("GET", "/admin/letters/{code}", page_handler(web, get_letter));
    router.add("POST", "/admin/letters/{code}/{action}", page_handler(web, post_action));
    router.add("GET", "/admin/letters/{code}/attachments/{n}", page_handler(web, get_attachment));
}

}  // namespace wangju::web
