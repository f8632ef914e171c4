// The mailbox's JSON API under /api/v1/letters.
//   POST /api/v1/letters                      anyone: send a letter -> 201 {"code", "secret"}
//   GET  /api/v1/letters/{code}               with X-Letter-Secret: the writer's view;
//                                             with a staff session instead: the full letter
//                                             (audited)
//   POST /api/v1/letters/{code}/rating        with X-Letter-Secret: {"rating", "comment"}
//   GET  /api/v1/letters/{code}/attachments/{n}  writer (header) or staff
//   GET  /api/v1/letters?state=               staff: the letters they see, phones masked
//   POST /api/v1/letters/{code}/{action}      staff: assign, accept, reject, reply, close, publish
// The secret travels only in a header, never in a URL.
#include "domain/error.h"
#include "web/api_body.h"
#include "web/json_views.h"
#include "web/mailbox/letter_http.h"
#include "web/mailbox/letter_routes.h"
#include "web/mailbox/letter_service.h"
#include "web/mailbox/letter_views.h"
#include "web/pages.h"

namespace wangju::web {
namespace {

constexpr const char* secret_header = "x-letter-secret";

bool bool_field(const nlohmann::json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return false;
    if (!it->is_boolean()) throw_invalid("字段格式不正确", {{field, "应为 true 或 false"}});
    return it->get<bool>();
}

http::Response no_store(http::Response response) {
    response.set_header("cache-control", "no-store");
    return response;
}

http::Response post_letter(WebContext& web, http::Request& r) {
    auto body = json_object_body(r);
    LetterInput input;
    input.unit_code = optional_string(body, "unit");
    input.writer_name = optional_string(body, "writer_name");
    input.phone = optional_string(body, "phone");
    input.address = optional_string(body, "address");
    input.workplace = optional_string(body, "workplace");
    input.category = optional_string(body, "category");
    input.title = optional_string(body, "title");
    input.body = optional_string(body, "body");
    input.may_publish = bool_field(body, "may_publish");
    input.honeypot = optional_string(body, "website");
    auto sent = send_letter(web, input, audit_context(r, current_user(web, r)));
    return no_store(
               http::Response::json({{"code", sent.letter.code}, {"secret", sent.secret}}, 201))
        .set_header("location", "/api/v1/letters/" + sent.letter.code);
}

std::optional<std::string> secret_of(const http::Request& r) {
    auto secret = r.header(secret_header);
    if (!secret) return std::nullopt;
    return std::string(*secret);
}

http::Response get_letter(WebContext& web, http::Request& r) {
    const auto& code = r.params.at("code");
    if (auto secret = secret_of(r)) {
        auto letter = letter_for_writer(web, code, *secret, r.client_address);
        return no_store(http::Response::json(
            letter_for_writer_json(letter, web.letters.attachments(letter.id))));
    }
    auto user = require_user(web, r);
    auto [letter, unit] = read_letter_as_staff(web, user, code, audit_context(r, user));
    return no_store(http::Response::json(staff_letter_json(web, letter, unit)));
}

http::Response get_attachment(WebContext& web, http::Request& r) {
    const auto& code = r.params.at("code");
    std::optional<Letter> letter;
    if (auto secret = secret_of(r)) {
        letter = letter_for_writer(web, code, *secret, r.client_address);
    } else {
        auto user = require_user(web, r);
        letter = letter_for_staff(web, user, code, LetterAction::read).letter;
    }
    return attachment_response(web, *letter, r.params.at("n"));
}

http::Response get_letters(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto state = parse_state_filter(r.query("state").value_or(""));
    nlohmann::json list = nlohmann::json::array();
    for (const auto& row : staff_letter_rows(web, user, state)) list.push_back(row);
    return no_store(http::Response::json({{"letters", list}}));
}

http::Response post_rating(WebContext& web, http::Request& r) {
    auto secret = secret_of(r);
    if (!secret) throw_not_found("查询码或密码不正确,请核对后再试");
    auto letter = letter_for_writer(web, r.params.at("code"), *secret, r.client_address);
    auto body = json_object_body(r);
    auto rating = body.find("rating");
    if (rating == body.end() || !rating->is_number_integer()) {
        throw_invalid("请选择 1 至 5 分", {{"rating", "请选择 1 至 5 分"}});
    }
    auto rated = web.letters.rate(letter.code, rating->get<int>(), optional_string(body, "comment"),
                                  audit_context(r, std::nullopt));
    return no_store(
        http::Response::json(letter_for_writer_json(rated, web.letters.attachments(rated.id))));
}

http::Response post_action(WebContext& web, http::Request& r) {
    const auto& action = r.params.at("action");
    if (action == "rating") return post_rating(web, r);
    auto user = require_user(web, r);
    auto body = checked_body(r, user);
    std::map<std::string, std::string> params;
    for (const char* name : {"handler", "complexity", "reason", "reply", "public_body"}) {
        params[name] = optional_string(body, name);
    }
    auto changed =
        act_on_letter(web, user, r.params.at("code"), action, params, audit_context(r, user));
    auto unit = web.store.find_unit(changed.unit);
    return no_store(http::Response::json(staff_letter_json(web, changed, *unit)));
}

}  // namespace

void register_letter_api(http::Router& router, WebContext& web) {
    http::RouteOptions small;
    small.max_body = 64 * 1024;
    router.add("POST", "/api/v1/letters", page_handler(web, post_letter), small);
    router.add("GET", "/api/v1/letters", page_handler(web, get_letters));
    router.add("GET", "/api/v1/letters/{code}", page_handler(web, get_letter));
    router.add("GET", "/api/v1/letters/{code}/attachments/{n}", page_handler(web, get_attachment));
    router.add("POST", "/api/v1/letters/{code}/{action}", page_handler(web, post_action), small);
}

}  // namespace wangju::web
