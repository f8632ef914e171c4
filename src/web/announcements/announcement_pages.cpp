// Public notices' pages. For everyone: /announcements (公示公告), /announcements/{id} (the listed
// works, the days left, the outcome, and while it runs the objection form), POST
// /announcements/{id}/objections, and /objections (an objector reads the answer with the code).
// For the notice's answerers: /announcements/{id}/objections with an answer form per objection,
// the attachment, and closing. The admins open a notice from the judging's awards page (POST
// /judging/{id}/announcements) and from a vote's page (POST /public-votes/{id}/announcements).
// Objecting needs the browser to solve the proof-of-work challenge, so it needs JavaScript;
// reading a notice and looking up an answer do not.
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/letter.h"
#include "web/announcements/announcement_json.h"
#include "web/announcements/announcement_routes.h"
#include "web/announcements/announcement_service.h"
#include "web/mailbox/letter_files.h"
#include "web/page_forms.h"
#include "web/pages.h"

namespace wangju::web::announcements {
namespace {

using Json = nlohmann::json;

std::string notice_url(AnnouncementId id) {
    return fmt::format("/announcements/{}", id.value);
}

http::Response no_store(http::Response response) {
    response.set_header("cache-control", "no-store");
    return response;
}

const CurrentUser* user_ptr(const std::optional<CurrentUser>& user) {
    return user ? &*user : nullptr;
}

// The notice as its page shows it: the JSON view with Beijing dates and per-work flags.
Json notice_view(WebContext& web, const Announcement& a) {
    Json data = announcement_json(a, now_utc(), web.announcements.calendar());
    data["url"] = notice_url(a.id);
    for (auto& e : data["entries"]) {
        e["listed"] = e["outcome"] == "listed";
    }
    data["is_closed"] = a.closed_at.has_value();
    data["is_winners"] = a.kind == AnnouncementKind::winners;
    return data;
}

http::Response notice_page(WebContext& web, const http::Request& r, const Announcement& a,
                           const Error* error, const FormFields* sent, int status = 200) {
    const auto user = current_user(web, r);
    Json data{{"notice", notice_view(web, a)},
              {"may_answer", user && may_answer(web, *user, a)},
              {"done", done_notice(r)}};
    Json works = Json::array();
    for (const auto& e : a.entries) {
        if (e.outcome != EntryOutcome::listed) continue;
        works.push_back(
            {{"id", e.work.value},
             {"title", e.title},
             {"selected", sent && form_value(*sent, "work_id") == std::to_string(e.work.value)}});
    }
    data["works"] = works;
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    if (sent) {
        data["sent"] = {{"reason", form_value(*sent, "reason")},
                        {"name", form_value(*sent, "name")},
                        {"phone", form_value(*sent, "phone")}};
    }
    return no_store(show_page(r, web, user_ptr(user), a.title, "announcement_show", data, status));
}

http::Response get_index(WebContext& web, http::Request& r) {
    const auto user = current_user(web, r);
    Json list = Json::array();
    for (const auto& a : web.announcements.list(std::nullopt)) list.push_back(notice_view(web, a));
    Json data{{"notices", list}, {"has_notices", !list.empty()}};
    return no_store(show_page(r, web, user_ptr(user), "公示公告", "announcement_index", data));
}

http::Response get_notice(WebContext& web, http::Request& r) {
    return notice_page(web, r, load_announcement(web, r.params.at("id")), nullptr, nullptr);
}

// POST /announcements/{id}/objections (multipart: the fields, the challenge and an optional
// attachment): the receipt with the code, or the page again with what was wrong.
http::Response post_objection(WebContext& web, http::Request& r) {
    const Announcement a = load_announcement(web, r.params.at("id"));
    auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
    FormFields fields(form.fields.begin(), form.fields.end());
    std::vector<UploadedFile> files;
    for (auto& f : form.files) {
        if (!f.filename.empty() || !f.bytes.empty()) files.push_back(std::move(f));
    }
    NewObjection objection;
    const std::string work = form_value(fields, "work_id");
    std::from_chars(work.data(), work.data() + work.size(), objection.work_id);
    objection.reason = form_value(fields, "reason");
    objection.name = form_value(fields, "name");
    objection.phone = form_value(fields, "phone");
    try {
        const auto stored =
            submit_objection(web, r, a, objection, form_value(fields, "altcha"), files);
        const auto user = current_user(web, r);
        Json data{{"notice", notice_view(web, a)},
                  {"code", stored.code},
                  {"submitted_at", format_shanghai(stored.submitted_at)}};
        return no_store(
            show_page(r, web, user_ptr(user), "异议已提交", "objection_receipt", data, 201));
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::too_many_requests &&
            e.kind() != ErrorKind::conflict) {
            throw;
        }
        return notice_page(web, r, a, &e, &fields);
    }
}

http::Response track_page(WebContext& web, const http::Request& r, const std::string& code,
                          const std::optional<Objection>& found, const Error* error) {
    const auto user = current_user(web, r);
    Json data{{"code", code}};
    int status = 200;
    if (found) {
        Json o = objection_json(*found, false, true);
        if (auto a = web.announcements.find(found->announcement)) {
            o["notice"] = {{"title", a->title}, {"url", notice_url(a->id)}};
            for (const auto& e : a->entries) {
                if (e.work == found->work) o["work_title"] = e.title;
            }
        }
        o["submitted_at_text"] = format_shanghai(found->submitted_at);
        if (found->answered_at) o["answered_at_text"] = format_shanghai(*found->answered_at);
        if (found->upheld_outcome) o["outcome_label"] = label_zh(*found->upheld_outcome);
        data["objection"] = o;
    }
    if (error) {
        data["error"] = error_json(*error);
        status = http_status(error->kind());
    }
    return no_store(show_page(r, web, user_ptr(user), "异议查询", "objection_track", data, status));
}

http::Response get_track(WebContext& web, http::Request& r) {
    return track_page(web, r, "", std::nullopt, nullptr);
}

// The code travels in a POST body, so that it stays out of addresses and logs.
http::Response post_track(WebContext& web, http::Request& r) {
    const auto form = r.form();
    const std::string code = form_value(form, "code");
    try {
        return track_page(web, r, code, objection_by_code(web, r, code), nullptr);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::not_found && e.kind() != ErrorKind::too_many_requests) throw;
        return track_page(web, r, code, std::nullopt, &e);
    }
}

// ---- the answerers' pages

http::Response objections_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                               const Announcement& a, const Error* error,
                               std::int64_t error_objection = 0) {
    require_answerer(web, user, a);
    Json list = Json::array();
    int open = 0;
    for (const auto& o : web.announcements.objections(a.id)) {
        Json item = objection_json(o, true, false);
        for (const auto& e : a.entries) {
            if (e.work == o.work) item["work_title"] = e.title;
        }
        item["submitted_at_text"] = format_shanghai(o.submitted_at);
        if (o.answered_at) item["answered_at_text"] = format_shanghai(*o.answered_at);
        if (o.upheld_outcome) item["outcome_label"] = label_zh(*o.upheld_outcome);
        item["has_attachment"] = !o.attachment_name.empty();
        if (error && o.id.value == error_objection) item["answer_error"] = error_json(*error);
        if (!o.answer) ++open;
        list.push_back(item);
    }
    Json data{{"notice", notice_view(web, a)},   {"objections", list},
              {"has_objections", !list.empty()}, {"open_count", open},
              {"csrf", user.session.csrf_token}, {"done", done_notice(r)}};
    if (error && error_objection == 0) data["error"] = error_json(*error);
    const int status = error ? http_status(error->kind()) : 200;
    return no_store(
        show_page(r, web, &user, "异议处理 - " + a.title, "announcement_objections", data, status));
}

http::Response get_objections(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    return objections_page(web, r, user, load_announcement(web, r.params.at("id")), nullptr);
}

http::Response post_answer(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const auto form = r.form();
    const ObjectionId id{id_from_text(r.params.at("id"), "异议")};
    auto objection = web.announcements.find_objection(id);
    if (!objection) throw_not_found("异议不存在");
    const Announcement a = *web.announcements.find(objection->announcement);
    AnswerForm answer{form_value(form, "answer"), form_value(form, "outcome"),
                      form_value(form, "reason")};
    try {
        answer_objection(web, user, id, answer, audit_context(r, user));
    } catch (const Error& e) {
        if (!shown_in_form(e) && e.kind() != ErrorKind::conflict) throw;
        return objections_page(web, r, user, a, &e, id.value);
    }
    return http::Response::redirect(notice_url(a.id) +
                                    "/objections?done=objection_answered#objection-" +
                                    std::to_string(id.value));
}

http::Response post_close(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const Announcement a = load_announcement(web, r.params.at("id"));
    try {
        close_announcement(web, user, a.id, audit_context(r, user));
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::conflict) throw;
        return objections_page(web, r, user, a, &e);
    }
    return http::Response::redirect(notice_url(a.id) + "?done=announcement_closed");
}

// The attachment of an objection, for the answerers only; sent as a download.
http::Response get_attachment(WebContext& web, http::Request& r) {
    auto user = require_user(web, r);
    auto objection =
        web.announcements.find_objection(ObjectionId{id_from_text(r.params.at("id"), "异议")});
    if (!objection || objection->attachment_stored.empty()) throw_not_found("附件不存在");
    require_answerer(web, user, *web.announcements.find(objection->announcement));
    const auto path = objection_files_dir(web) / objection->attachment_stored;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw_not_found("附件文件已不存在");
    http::Response response;
    response.file = http::FileBody{path, 0, size, nullptr, nullptr};
    // The type was read from the content (JPEG, PNG or PDF); "attachment" keeps the browser from
    // rendering it in this site's origin.
    response.set_header("content-type", objection->attachment_type);
    response.set_header("content-disposition",
                        "attachment; filename=\"objection-" + objection->code + "\"");
    response.set_header("x-content-type-options", "nosniff");
    response.set_header("cache-control", "no-store");
    return response;
}

NoticeForm notice_form_of(const FormFields& form) {
    NoticeForm notice;
    notice.kind = form_value(form, "kind");
    notice.starts = form_value(form, "starts");
    const std::string days(form_value(form, "working_days"));
    const auto [end, ec] =
        std::from_chars(days.data(), days.data() + days.size(), notice.working_days);
    if (ec != std::errc() || end != days.data() + days.size()) {
        throw_invalid("公示期应为整数个工作日", {{"working_days", "应为 1 至 30 的整数"}});
    }
    notice.contact = form_value(form, "contact");
    notice.title = form_value(form, "title");
    return notice;
}

// POST /judging/{id}/announcements and /public-votes/{id}/announcements from the admins' pages:
// the new notice's answerers' page, or an error page naming what was wrong. `may_open` refuses
// the caller before the form is read.
template <class MayOpen, class Open>
http::Response post_open(WebContext& web, http::Request& r, MayOpen may_open, Open open) {
    auto user = require_user(web, r);
    require_csrf(r, user);
    const std::int64_t id = id_from_text(r.params.at("id"), "评审或投票");
    may_open(user, id);
    const auto form = r.form();
    const Announcement a = open(user, id, notice_form_of(form), audit_context(r, user));
    return http::Response::redirect(notice_url(a.id) + "/objections?done=announcement_opened");
}

}  // namespace

void register_announcement_pages(http::Router& router, WebContext& web) {
    http::RouteOptions upload;
    // One attachment of 5 MB and the text fields, with room for the multipart framing.
    upload.max_body = max_letter_file_bytes + 256 * 1024;
    upload.too_large = fmt::format("附件过大:不超过 {} MB", max_letter_file_bytes / (1024 * 1024));
    router.add("GET", "/announcements", page_handler(web, get_index));
    router.add("GET", "/announcements/{id}", page_handler(web, get_notice));
    router.add("POST", "/announcements/{id}/objections", page_handler(web, post_objection), upload);
    router.add("GET", "/announcements/{id}/objections", page_handler(web, get_objections));
    router.add("POST", "/announcements/{id}/close", page_handler(web, post_close));
    router.add("GET", "/objections", page_handler(web, get_track));
    router.add("POST", "/objections", page_handler(web, post_track));
    router.add("POST", "/objections/{id}/answer", page_handler(web, post_answer));
    router.add("GET", "/objections/{id}/attachment", page_handler(web, get_attachment));
    router.add("POST", "/judging/{id}/announcements", [&web](http::Request& r) {
        return post_open(
            web, r,
            [&web](const CurrentUser& u, std::int64_t id) {
                require_judging_notice_right(web, u, JudgingId{id});
            },
            [&web](const CurrentUser& u, std::int64_t id, const NoticeForm& f,
                   const AuditContext& ctx) {
                return open_for_judging(web, u, JudgingId{id}, f, ctx);
            });
    });
    router.add("POST", "/public-votes/{id}/announcements", [&web](http::Request& r) {
        return post_open(
            web, r, [](const CurrentUser& u, std::int64_t) { require_vote_notice_right(u); },
            [&web](const CurrentUser& u, std::int64_t id, const NoticeForm& f,
                   const AuditContext& ctx) {
                return open_for_vote(web, u, PublicVoteId{id}, f, ctx);
            });
    });
}

}  // namespace wangju::web::announcements
