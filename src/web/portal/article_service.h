// The editor's and approver's acts on articles, shared by the JSON API (article_api.cpp) and the
// desk pages (desk_*.cpp), so that both check the same permissions and rules: each function
// checks the user's right (domain/article.h) before it calls the article store, and refreshes
// the public pages' cache when a published article changed. Errors are those of domain/error.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/article.h"
#include "web/auth.h"
#include "web/web_context.h"

namespace wangju::web {

// A publication time as an editor types it: "YYYY-MM-DD" (09:00 Asia/Shanghai),
// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM" (Asia/Shanghai, as a datetime-local input sends it)
// or "YYYY-MM-DDTHH:MM:SSZ" (UTC). Empty: none. Throws invalid_input (field "published_at").
std::optional<Timestamp> parse_publication_time(std::string_view text);

// not_found unless the article exists.
Article require_article(WebContext& web, ArticleId id);

// The article, when the user may change its text or files now: write it (a draft or withdrawn
// one, an editor's act) or correct it (a published one, an approver's act). Throws not_found or
// forbidden: asked before the body is read, so that a refused caller learns nothing of it.
Article require_text_right(WebContext& web, const CurrentUser& user, ArticleId id);

// Throws forbidden unless the user may write articles at all (an editor or a system admin),
// whatever unit the body names: asked before the body is read.
void require_writer(const CurrentUser& user);

// The publishing unit named by `unit_code` (empty: the user's own unit). Throws invalid_input
// (field "unit") for an unknown code; the permission is checked by the acts below.
Unit publishing_unit(WebContext& web, const CurrentUser& user, std::string_view unit_code);

// A new draft in the unit named by `unit_code` (see publishing_unit).
Article write_article(WebContext& web, const CurrentUser& user, const ArticleText& text,
                      std::string_view unit_code, const AuditContext& ctx);

// A new version of the article: an edit of a draft or withdrawn article by an editor, or a
// correction of a published one by an approver. A non-empty `unit_code` moves it to that unit,
// which must also be within the user's subtree.
Article rewrite_article(WebContext& web, const CurrentUser& user, ArticleId id,
                        const ArticleText& text, std::string_view unit_code,
                        const AuditContext& ctx);

// submit, publish, reject or withdraw; reject and withdraw need a reason (check_reason).
Article move_article(WebContext& web, const CurrentUser& user, ArticleId id,
                     ArticleAction action, const std::string& reason, const AuditContext& ctx);

// Checks the file's type by its content and its size (attachment_type.h), stores it and adds it
// to the article. Allowed while the article may be written, and on a published article as a
// correction (an approver's act).
Attachment attach_file(WebContext& web, const CurrentUser& user, ArticleId id,
                       std::string_view file_name, std::string_view bytes,
                       const AuditContext& ctx);

// Removes the attachment on the same terms; returns the article it belonged to.
Article detach_file(WebContext& web, const CurrentUser& user, AttachmentId id,
                    const AuditContext& ctx);

// A new column; only unit admins and system admins (may_manage_columns).
Column add_column(WebContext& web, const CurrentUser& user, const NewColumn& column,
                  const AuditContext& ctx);

}  // namespace wangju::web
