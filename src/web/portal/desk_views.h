// What the editor's desk (编辑部 / 稿件管理) pages share: who may use it, and the data of its
// templates (the article form, the choices of columns and units, the state tabs).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/article.h"
#include "domain/error.h"
#include "http/message.h"
#include "web/auth.h"
#include "web/page_forms.h"
#include "web/web_context.h"

namespace wangju::web::desk {

// The logged-in user, when they are an editor, an approver or a sysadmin; else forbidden.
CurrentUser require_desk_user(WebContext& web, const http::Request& request);

// The article of the path segment `id_text`, when the user may see it on the desk; not_found
// otherwise, so that another district's articles are not even confirmed to exist.
Article visible_article(WebContext& web, const CurrentUser& user, const std::string& id_text);

// "/desk/articles/{id}"
std::string desk_url(ArticleId id);

// The fields of the article form as submitted or as stored: title, column, unit (code), body,
// published_at (as typed, "YYYY-MM-DDTHH:MM" in Asia/Shanghai for a stored time).
struct ArticleFormValues {
    std::string title, column, unit, body, published_at;
};
ArticleFormValues form_values_of(const FormFields& form);
ArticleFormValues form_values_of(WebContext& web, const Article& article);

// The data of portal_desk_form: the values, the column and unit choices (the user's subtree),
// the field errors of `error` (may be null) and the rendered preview when `preview` is set.
nlohmann::json article_form_json(WebContext& web, const CurrentUser& user,
                                 const ArticleFormValues& values, const Error* error,
                                 bool preview);

// A row of the desk's lists: id, url, title, column_name, unit_name, state, state_label, updated.
nlohmann::json desk_row_json(const Article& article);

// The one-time notice for ?done=<key> after a desk action, or null.
nlohmann::json desk_done_notice(const http::Request& request);

}  // namespace wangju::web::desk
