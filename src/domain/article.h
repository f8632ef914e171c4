// Portal articles (通知公告, 新闻中心 ...): columns, the states of an article and the moves between
// them, and the one place that answers "may this user do this to this article". Free of I/O.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/permission.h"
#include "domain/time.h"
#include "domain/unit.h"
#include "domain/user.h"

namespace wangju {

struct ArticleId {
    std::int64_t value = 0;
    auto operator<=>(const ArticleId&) const = default;
};

struct AttachmentId {
    std::int64_t value = 0;
    auto operator<=>(const AttachmentId&) const = default;
};

// A column (栏目) of the portal: "notices", "news", "news_union" (under news), ...
struct Column {
    std::int64_t id = 0;
    std::string slug;                 // [a-z0-9_-]{2,40}; used in URLs and the API
    std::string name;                 // "通知公告"
    std::optional<std::string> parent;  // slug of the parent column
    int position = 0;                 // order among siblings
};

struct NewColumn {
    std::string slug;
    std::string name;
    std::optional<std::string> parent;
};
// Throws Error(invalid_input) naming each bad field.
void check_new_column(const NewColumn& column);

// draft -> pending (submit) -> published (publish) -> withdrawn (withdraw) -> pending (submit)...
// pending -> draft (reject, back to the editor with a reason).
enum class ArticleState { draft, pending, published, withdrawn };
std::string_view to_string(ArticleState state);  // "pending"
std::optional<ArticleState> parse_article_state(std::string_view text);
std::string_view label_zh(ArticleState state);   // "待审核"

enum class ArticleAction {
    write,     // create a draft in a unit, edit a draft or a withdrawn article, add attachments
    submit,    // send for approval (提交审核)
    publish,   // approve and publish (审核后发布)
    reject,    // send a pending article back to its editor
    withdraw,  // take a published article off the site (撤回)
    correct,   // change a published article; the old text stays in its history of versions
    view,      // see an article that is not published (drafts, pending, withdrawn)
};

// What an editor sends: the text of an article.
struct ArticleText {
    std::string column;  // column slug
    std::string title;
    std::string body;    // Markdown
    std::optional<Timestamp> published_at;  // shown publication time; empty: when published
};
// Throws Error(invalid_input) naming each bad field ("title", "body", "column").
void check_article_text(const ArticleText& text);

// Sending an article back (reject) and withdrawing a published one need a reason, which the
// editor is shown and the audit log keeps: throws Error(invalid_input) with field "reason" when it
// is missing or longer than 500 characters. Other actions take no reason.
void check_reason(ArticleAction action, std::string_view reason);

// The state an action leads to from `from`; throws Error(conflict) with a Chinese reason when the
// action is not possible in that state. `write` and `view` keep the state.
ArticleState next_state(ArticleState from, ArticleAction action);

// An article as stored, with the names its pages show.
struct Article {
    ArticleId id;
    std::string column;       // slug
    std::string column_name;  // "通知公告"
    UnitId unit;              // the publishing unit (发布单位)
    std::string unit_name;
    std::string unit_path;
    std::optional<UserId> author;
    std::string title;
    std::string body;  // Markdown
    ArticleState state = ArticleState::draft;
    int version = 1;
    std::optional<Timestamp> published_at;
    Timestamp created_at{};
    Timestamp updated_at{};
    long long views = 0;  // as last flushed to the database
};

struct ArticleVersion {
    int version = 1;
    std::string column;
    std::string title;
    std::string body;
    std::optional<UserId> edited_by;
    Timestamp edited_at{};
};

struct Attachment {
    AttachmentId id;
    ArticleId article;
    std::string file_name;   // as uploaded; shown and sent back in Content-Disposition
    std::string media_type;  // found from the content, never from the name
    long long size = 0;
    std::string sha256;      // names the stored file
    Timestamp created_at{};
};

// - write, submit: an editor whose unit is the article's unit or an ancestor of it.
// - publish, reject, withdraw, correct: an approver on the same terms.
// - view: an editor or approver on the same terms.
// - a sysadmin may do everything everywhere.
// An editor of one district can never touch the articles of another (nor of an ancestor).
bool may(const Actor& actor, ArticleAction action, std::string_view article_unit_path);
void require(const Actor& actor, ArticleAction action, std::string_view article_unit_path);

// For the audit log: the article without its body (the versions table keeps the texts).
nlohmann::json to_json(const Article& article);
nlohmann::json to_json(const Attachment& attachment);
nlohmann::json to_json(const Column& column);

// Columns are added by a unit admin or a sysadmin.
bool may_manage_columns(const Actor& actor);

}  // namespace wangju
