// The public pages of the chairman's mailbox: writing a letter (GET/POST /mailbox, the receipt
// with the code and the secret), following it (GET/POST /mailbox/track, POST /mailbox/rate,
// POST /mailbox/attachment) and 来信选登 (GET /mailbox/published). The secret is only ever sent
// in a POST body, so it appears in no URL and no access log.
#include <fmt/format.h>

#include "domain/error.h"
#include "web/mailbox/letter_files.h"
#include "web/mailbox/letter_http.h"
#include "web/mailbox/letter_routes.h"
#include "web/mailbox/letter_service.h"
#include "web/mailbox/letter_views.h"
#include "web/messages.h"
#include "web/page_forms.h"
#include "web/pages.h"

namespace wangju::web {
namespace {

const CurrentUser* user_ptr(const std::optional<CurrentUser>& user) {
    return user ? &*user : nullptr;
}

http::Response no_store(http::Response response) {
    response.set_header("cache-control", "no-store");
    return response;
}

nlohmann::json form_data(WebContext& web, const nlohmann::json& values) {
    const std::string chosen = values.value("unit", "");
    nlohmann::json units = nlohmann::json::array();
    for (const auto& u : letter_units(web)) {
        units.push_back({{"code", u.code}, {"name", u.name}, {"selected", u.code == chosen}});
    }
    const std::string category = values.value("category", "");
    nlohmann::json categories = nlohmann::json::array();
    for (auto c : {LetterCategory::rights, LetterCategory::suggestion, LetterCategory::question,
                   LetterCategory::complaint}) {
        categories.push_back({{"code", to_string(c)},
                              {"label", label_zh(c)},
                              {"checked", category == to_string(c)}});
    }
    return {{"units", units}, {"categories", categories}, {"values", values}};
}

http::Response letter_form(WebContext& web, const http::Request& r, nlohmann::json values,
                           const Error* error) {
    auto user = current_user(web, r);
    auto data = form_data(web, values);
    int status = 200;
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    auto response = show_page(r, web, user_ptr(user), message("mailbox.write_title"),
                              "mailbox_form", std::move(data), status);
    if (error && error->retry_after()) {
        response.set_header("retry-after", std::to_string(*error->retry_after()));
    }
    return response;
}

http::Response get_form(WebContext& web, http::Request& r) {
    return letter_form(web, r, nlohmann::json::object(), nullptr);
}

LetterInput input_of(const MultipartForm& form) {
    auto value = [&](const char* name) { return form_value(form.fields, name); };
    LetterInput input{value("unit"),
                      value("writer_name"),
                      value("phone"),
                      value("address"),
                      value("workplace"),
                      value("category"),
                      value("title"),
                      value("body"),
                      value("may_publish") == "1",
                      value("website"),
                      {}};
    for (const auto& f : form.files) {
        // An empty file input still sends one part without a name or bytes.
        if (f.field == "attachments" && !(f.filename.empty() && f.bytes.empty())) {
            input.files.push_back(f);
        }
    }
    return input;
}

nlohmann::json values_of(const LetterInput& input) {
    return {{"unit", input.unit_code},
            {"writer_name", input.writer_name},
            {"phone", input.phone},
            {"address", input.address},
            {"workplace", input.workplace},
            {"category", input.category},
            {"title", input.title},
            {"body", input.body},
            {"may_publish", input.may_publish}};
}

http::Response post_form(WebContext& web, http::Request& r) {
    auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
    auto input = input_of(form);
    auto user = current_user(web, r);
    try {
        auto sent = send_letter(web, input, audit_context(r, user));
        nlohmann::json data = {{"code", sent.letter.code},
                               {"secret", sent.secret},
                               {"letter_title", sent.letter.title},
                               {"submitted_at", format_shanghai(sent.letter.submitted_at)},
                               {"due_on", format_date(sent.letter.due_on)}};
        return no_store(show_page(r, web, user_ptr(user), message("mailbox.receipt_title"),
                                  "mailbox_receipt", std::move(data), 201));
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::too_many_requests) throw;
        return letter_form(web, r, values_of(input), &e);
    }
}

http::Response track_form(WebContext& web, const http::Request& r, const std::string& code,
                          const Error* error) {
    auto user = current_user(web, r);
    nlohmann::json data = {{"code", code}};
    int status = 200;
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    return no_store(show_page(r, web, user_ptr(user), message("mailbox.track_title"),
                              "mailbox_track", std::move(data), status));
}

http::Response get_track(WebContext& web, http::Request& r) {
    return track_form(web, r, "", nullptr);
}

http::Response status_page(WebContext& web, const http::Request& r, const Letter& letter,
                           const std::string& secret, nlohmann::json extra = {}) {
    auto user = current_user(web, r);
    auto files = web.letters.attachments(letter.id);
    nlohmann::json data = {{"letter", letter_for_writer_json(letter, files)},
                           {"letter_code", letter.code},
                           {"secret", secret},
                           {"has_attachments", !files.empty()}};
    if (extra.is_object()) data.update(extra);
    return no_store(show_page(r, web, user_ptr(user), message("mailbox.status_title"),
                              "mailbox_letter", std::move(data)));
}

http::Response post_track(WebContext& web, http::Request& r) {
    auto form = r.form();
    const auto code = form_value(form, "code");
    const auto secret = form_value(form, "secret");
    try {
        auto letter = letter_for_writer(web, code, secret, r.client_address);
        return status_page(web, r, letter, secret);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::not_found && e.kind() != ErrorKind::too_many_requests) throw;
        return track_form(web, r, code, &e);
    }
}

http::Response post_rate(WebContext& web, http::Request& r) {
    auto form = r.form();
    const auto secret = form_value(form, "secret");
    auto letter = letter_for_writer(web, form_value(form, "code"), secret, r.client_address);
    int rating = 0;
    const auto text = form_value(form, "rating");
    if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') rating = text[0] - '0';
    try {
        auto rated = web.letters.rate(letter.code, rating, form_value(form, "comment"),
                                      audit_context(r, std::nullopt));
        return status_page(web, r, rated, secret, {{"done", message("mailbox.done.rated")}});
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::conflict) throw;
        return status_page(web, r, letter, secret, {{"error", error_json(e)}});
    }
}

http::Response post_attachment(WebContext& web, http::Request& r) {
    auto form = r.form();
    auto letter = letter_for_writer(web, form_value(form, "code"), form_value(form, "secret"),
                                    r.client_address);
    return attachment_response(web, letter, form_value(form, "n"));
}

http::Response get_published(WebContext& web, http::Request& r) {
    auto user = current_user(web, r);
    nlohmann::json letters = nlohmann::json::array();
    for (const auto& l : web.letters.published()) letters.push_back(published_letter_json(l));
    return show_page(r, web, user_ptr(user), message("mailbox.published_title"),
                     "mailbox_published", {{"letters", letters}});
}

}  // namespace

void register_letter_pages(http::Router& router, WebContext& web) {
    http::RouteOptions upload;
    // Three attachments of 5 MB and the text fields, with room for the multipart framing.
    upload.max_body = max_letter_files * max_letter_file_bytes + 256 * 1024;
    upload.too_large = fmt::format("附件过大:最多 {} 个附件,每个不超过 {} MB", max_letter_files,
                                   max_letter_file_bytes / (1024 * 1024));
    router.add("GET", "/mailbox", page_handler(web, get_form));
    router.add("POST", "/mailbox", page_handler(web, post_form), upload);
    router.add("GET", "/mailbox/track", page_handler(web, get_track));
    router.add("POST", "/mailbox/track", page_handler(web, post_track));
    router.add("POST", "/mailbox/rate", page_handler(web, post_rate));
    router.add("POST", "/mailbox/attachment", page_handler(web, post_attachment));
    router.add("GET", "/mailbox/published", page_handler(web, get_published));
}

}  // namespace wangju::web
