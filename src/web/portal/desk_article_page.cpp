// One article on the editor's desk: GET /desk/articles/{id} (state, text as the public page
// renders it, attachments, the reason it was sent back or withdrawn, and the forms for what the
// user may do next), POST /desk/articles/{id}/{submit|publish|reject|withdraw},
// POST /desk/articles/{id}/attachments (multipart, field "file"),
// POST /desk/articles/{id}/attachments/{attachment}/remove and
// GET /desk/articles/{id}/history (every version and every audited change).
#include <charconv>

#include <fmt/format.h>

#include "domain/error.h"
#include "web/multipart_form.h"
#include "web/pages.h"
#include "web/portal/article_service.h"
#include "web/portal/attachment_type.h"
#include "web/portal/desk_routes.h"
#include "web/portal/desk_views.h"
#include "web/portal/markdown.h"
#include "web/portal/portal_views.h"

namespace wangju::web::desk {
namespace {

using Json = nlohmann::json;

// false rather than "": mustache treats an empty string as true in a section.
Json text_or_false(const std::string& text) { return text.empty() ? Json(false) : Json(text); }

// May the page offer `action`: the user's right and the article's state both allow it.
bool offered(const CurrentUser& user, const Article& article, ArticleAction action) {
    if (!may(user.actor, action, article.unit_path)) return false;
    try {
        next_state(article.state, action);
        return true;
    } catch (const Error&) {
        return false;
    }
}

// Why the article is where it is, when someone sent it back or withdrew it: the reason of the
// last such event, if it is the article's last change of state.
Json last_reason(WebContext& web, const Article& article) {
    if (article.state != ArticleState::draft && article.state != ArticleState::withdrawn) {
        return nullptr;
    }
    const std::string wanted =
        article.state == ArticleState::draft ? "article.reject" : "article.withdraw";
    auto events = web.articles.history(article.id);
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        const bool state_change = it->action == "article.submit" ||
                                  it->action == "article.publish" ||
                                  it->action == "article.reject" || it->action == "article.withdraw";
        if (!state_change) continue;  // edits and attachments keep the reason standing
        if (it->action != wanted || it->reason.empty()) return nullptr;
        return {{"label", article.state == ArticleState::draft ? "退回理由" : "撤回理由"},
                {"text", it->reason},
                {"by", it->actor_name},
                {"at", format_shanghai(it->at)}};
    }
    return nullptr;
}

Json attachments_json(WebContext& web, const Article& article) {
    Json list = Json::array();
    for (const auto& a : web.articles.attachments(article.id)) {
        Json j = attachment_json(a);
        j["remove_url"] = fmt::format("{}/attachments/{}/remove", desk_url(article.id), a.id.value);
        list.push_back(j);
    }
    return list;
}

http::Response article_page(WebContext& web, const http::Request& r, const CurrentUser& user,
                            const Article& article, const Error* error) {
    const ArticleAction text_action = article.state == ArticleState::published
                                          ? ArticleAction::correct
                                          : ArticleAction::write;
    Json can{{"edit", offered(user, article, text_action)},
             {"submit", offered(user, article, ArticleAction::submit)},
             {"publish", offered(user, article, ArticleAction::publish)},
             {"reject", offered(user, article, ArticleAction::reject)},
             {"withdraw", offered(user, article, ArticleAction::withdraw)}};
    Json data = desk_row_json(article);
    data["can"] = can;
    data["correction"] = article.state == ArticleState::published;
    data["version"] = article.version;
    data["body_html"] = render_markdown(article.body);
    data["published_time"] =
        article.published_at ? Json(format_shanghai(*article.published_at)) : Json(false);
    data["public_url"] = fmt::format("/articles/{}", article.id.value);
    data["is_published"] = article.state == ArticleState::published;
    data["attachments"] = attachments_json(web, article);
    data["has_attachments"] = !data["attachments"].empty();
    data["reason"] = last_reason(web, article);
    data["csrf"] = user.session.csrf_token;
    data["done"] = desk_done_notice(r);
    data["max_upload_mb"] = largest_attachment_bytes() / (1024 * 1024);
    int status = 200;
    if (error) {
        data["form_error"] = error_json(*error);
        status = http_status(error->kind());
    }
    return show_page(r, web, &user, article.title, "portal_desk_article", data, status);
}

http::Response get_article(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    return article_page(web, r, user, visible_article(web, user, r.params.at("id")), nullptr);
}

// Errors a user can correct on the article's page (a missing reason, a refused file, a state
// that changed meanwhile) are shown there; the rest are error pages.
bool shown_on_page(const Error& e) {
    return e.kind() == ErrorKind::invalid_input || e.kind() == ErrorKind::conflict ||
           e.kind() == ErrorKind::payload_too_large;
}

template <typename Act>
http::Response article_action(WebContext& web, http::Request& r, Act act) {
    auto user = require_desk_user(web, r);
    const Article article = visible_article(web, user, r.params.at("id"));
    try {
        return http::Response::redirect(act(user, article));
    } catch (const Error& e) {
        if (!shown_on_page(e)) throw;
        return article_page(web, r, user, visible_article(web, user, r.params.at("id")), &e);
    }
}

std::optional<ArticleAction> action_named(const std::string& name) {
    if (name == "submit") return ArticleAction::submit;
    if (name == "publish") return ArticleAction::publish;
    if (name == "reject") return ArticleAction::reject;
    if (name == "withdraw") return ArticleAction::withdraw;
    return std::nullopt;
}

const char* done_key(ArticleAction action) {
    switch (action) {
        case ArticleAction::submit: return "submitted";
        case ArticleAction::publish: return "published";
        case ArticleAction::reject: return "rejected";
        default: return "withdrawn";
    }
}

http::Response post_action(WebContext& web, http::Request& r) {
    auto action = action_named(r.params.at("action"));
    if (!action) throw_not_found("没有这个操作");
    return article_action(web, r, [&](const CurrentUser& user, const Article& article) {
        require_csrf(r, user);
        auto form = r.form();
        move_article(web, user, article.id, *action, form_value(form, "reason"),
                     audit_context(r, user));
        // After sending back, the approver goes on with the queue; otherwise stay on the article.
        if (*action == ArticleAction::reject) return std::string("/desk/queue?done=rejected");
        return desk_url(article.id) + "?done=" + done_key(*action);
    });
}

// The chosen file of the upload form; a form sent without a file carries an empty part.
const UploadedFile& chosen_file(const MultipartForm& form) {
    for (const auto& f : form.files) {
        if (f.field == "file" && !(f.filename.empty() && f.bytes.empty())) return f;
    }
    throw_invalid("请选择要上传的附件", {{"file", "请选择要上传的附件"}});
}

http::Response post_attachment(WebContext& web, http::Request& r) {
    return article_action(web, r, [&](const CurrentUser& user, const Article& article) {
        require_text_right(web, user, article.id);
        auto form = parse_multipart(r.header("content-type").value_or(""), r.body);
        auto csrf = form.fields.find("csrf");
        require_csrf_token(user, csrf == form.fields.end() ? "" : csrf->second);
        const auto& file = chosen_file(form);
        attach_file(web, user, article.id, file.filename, file.bytes, audit_context(r, user));
        return desk_url(article.id) + "?done=attached";
    });
}

http::Response post_remove_attachment(WebContext& web, http::Request& r) {
    return article_action(web, r, [&](const CurrentUser& user, const Article& article) {
        require_csrf(r, user);
        long long raw = 0;
        const auto& text = r.params.at("attachment");
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
        auto attachment = ec == std::errc() && end == text.data() + text.size()
                              ? web.articles.find_attachment(AttachmentId{raw})
                              : std::nullopt;
        if (!attachment || attachment->article != article.id) throw_not_found("附件不存在");
        detach_file(web, user, attachment->id, audit_context(r, user));
        return desk_url(article.id) + "?done=detached";
    });
}

std::string event_label(const std::string& action) {
    static const std::map<std::string, std::string> labels = {
        {"article.create", "创建草稿"},   {"article.edit", "修改"},
        {"article.submit", "提交审核"},   {"article.publish", "审核发布"},
        {"article.reject", "退回编辑"},   {"article.withdraw", "撤回"},
        {"article.correct", "更正"},      {"attachment.add", "添加附件"},
        {"attachment.remove", "删除附件"}};
    auto it = labels.find(action);
    return it == labels.end() ? action : it->second;
}

http::Response get_history(WebContext& web, http::Request& r) {
    auto user = require_desk_user(web, r);
    const Article article = visible_article(web, user, r.params.at("id"));
    std::map<std::int64_t, std::string> names;
    Json versions = Json::array();
    auto stored = web.articles.versions(article.id);
    for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
        std::string by;
        if (it->edited_by) {
            auto& name = names[it->edited_by->value];
            if (name.empty()) {
                auto u = web.store.find_user(*it->edited_by);
                name = u ? u->display_name : "";
            }
            by = name;
        }
        versions.push_back({{"version", it->version},
                            {"title", it->title},
                            {"column", it->column},
                            {"edited_by", text_or_false(by)},
                            {"edited_at", format_shanghai(it->edited_at)},
                            {"current", it->version == article.version},
                            {"body_html", render_markdown(it->body)}});
    }
    Json events = Json::array();
    for (const auto& e : web.articles.history(article.id)) {
        events.push_back({{"label", event_label(e.action)},
                          {"by", e.actor_name},
                          {"at", format_shanghai(e.at)},
                          {"reason", text_or_false(e.reason)}});
    }
    Json data = desk_row_json(article);
    data["versions"] = versions;
    data["events"] = events;
    return show_page(r, web, &user, "历史版本:" + article.title, "portal_desk_history", data);
}

}  // namespace

void register_desk_article_page(http::Router& router, WebContext& web) {
    http::RouteOptions upload;
    upload.max_body = largest_attachment_bytes() + 64 * 1024;
    upload.too_large = attachment_too_large_message();
    router.add("GET", "/desk/articles/{id}", page_handler(web, get_article));
    router.add("GET", "/desk/articles/{id}/history", page_handler(web, get_history));
    router.add("POST", "/desk/articles/{id}/attachments", page_handler(web, post_attachment),
               upload);
    router.add("POST", "/desk/articles/{id}/attachments/{attachment}/remove",
               page_handler(web, post_remove_attachment));
    router.add("POST", "/desk/articles/{id}/{action}", page_handler(web, post_action));
}

}  // namespace wangju::web::desk
