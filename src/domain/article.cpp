#include "domain/article.h"

#include <map>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/secret.h"
#include "domain/text.h"

namespace wangju {
namespace {

std::size_t code_points(std::string_view text) {
    auto decoded = decode_utf8(text);
    return decoded ? decoded->size() : text.size();
}

bool is_slug(std::string_view slug) {
    if (slug.size() < 2 || slug.size() > 40) return false;
    for (char c : slug) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

bool is_editorial(ArticleAction action) {
    return action == ArticleAction::write || action == ArticleAction::submit;
}

std::string_view verb_zh(ArticleAction action) {
    switch (action) {
        case ArticleAction::write: return "编辑";
        case ArticleAction::submit: return "提交审核";
        case ArticleAction::publish: return "审核发布";
        case ArticleAction::reject: return "退回";
        case ArticleAction::withdraw: return "撤回";
        case ArticleAction::correct: return "更正";
        case ArticleAction::view: return "查看";
    }
    return "操作";
}

}  // namespace

void check_new_column(const NewColumn& column) {
    std::map<std::string, std::string> fields;
    if (!is_slug(column.slug)) fields["slug"] = "栏目代码须为2至40位小写字母、数字、下划线或连字符";
    auto name = trim(column.name);
    if (name.empty()) fields["name"] = "请填写栏目名称";
    else if (code_points(name) > 30) fields["name"] = "栏目名称不能超过30个字";
    if (!fields.empty()) throw_invalid("栏目信息有误", std::move(fields));
}

std::string_view to_string(ArticleState state) {
    switch (state) {
        case ArticleState::draft: return "draft";
        case ArticleState::pending: return "pending";
        case ArticleState::published: return "published";
        case ArticleState::withdrawn: return "withdrawn";
    }
    return "draft";
}

std::optional<ArticleState> parse_article_state(std::string_view text) {
    for (auto s : {ArticleState::draft, ArticleState::pending, ArticleState::published,
                   ArticleState::withdrawn}) {
        if (text == to_string(s)) return s;
    }
    return std::nullopt;
}

std::string_view label_zh(ArticleState state) {
    switch (state) {
        case ArticleState::draft: return "草稿";
        case ArticleState::pending: return "待审核";
        case ArticleState::published: return "已发布";
        case ArticleState::withdrawn: return "已撤回";
    }
    return "草稿";
}

void check_article_text(const ArticleText& text) {
    std::map<std::string, std::string> fields;
    if (trim(text.column).empty()) fields["column"] = "请选择栏目";
    if (!decode_utf8(text.title) || !decode_utf8(text.body)) {
        throw_invalid("文章内容不是有效的 UTF-8 文本");
    }
    auto title = trim(text.title);
    if (title.empty()) fields["title"] = "请填写标题";
    else if (code_points(title) > 120) fields["title"] = "标题不能超过120个字";
    if (trim(text.body).empty()) fields["body"] = "请填写正文";
    else if (text.body.size() > 512 * 1024) fields["body"] = "正文不能超过512KB";
    if (!fields.empty()) throw_invalid("文章信息有误", std::move(fields));
}

void check_reason(ArticleAction action, std::string_view reason) {
    if (action != ArticleAction::reject && action != ArticleAction::withdraw) return;
    const char* missing = action == ArticleAction::reject ? "请填写退回理由" : "请填写撤回理由";
    if (trim(reason).empty()) throw_invalid(missing, {{"reason", missing}});
    if (code_points(reason) > 500) {
        throw_invalid("理由不能超过500个字", {{"reason", "理由不能超过500个字"}});
    }
}

ArticleState next_state(ArticleState from, ArticleAction action) {
    auto refuse = [&]() -> ArticleState {
        throw_conflict(fmt::format("“{}”状态的文章不能{}", label_zh(from), verb_zh(action)));
    };
    switch (action) {
        case ArticleAction::view:
            return from;
        case ArticleAction::write:
            if (from == ArticleState::draft || from == ArticleState::withdrawn) return from;
            return refuse();
        case ArticleAction::submit:
            if (from == ArticleState::draft || from == ArticleState::withdrawn) {
                return ArticleState::pending;
            }
            return refuse();
        case ArticleAction::publish:
            if (from == ArticleState::pending) return ArticleState::published;
            return refuse();
        case ArticleAction::reject:
            if (from == ArticleState::pending) return ArticleState::draft;
            return refuse();
        case ArticleAction::withdraw:
            if (from == ArticleState::published) return ArticleState::withdrawn;
            return refuse();
        case ArticleAction::correct:
            if (from == ArticleState::published) return from;
            return refuse();
    }
    return refuse();
}

bool may(const Actor& actor, ArticleAction action, std::string_view article_unit_path) {
    if (actor.roles.has(Role::sysadmin)) return true;
    if (!is_within(article_unit_path, actor.unit_path)) return false;
    if (action == ArticleAction::view) {
        return actor.roles.has(Role::editor) || actor.roles.has(Role::approver);
    }
    if (is_editorial(action)) return actor.roles.has(Role::editor);
    return actor.roles.has(Role::approver);
}

void require(const Actor& actor, ArticleAction action, std::string_view article_unit_path) {
    if (!may(actor, action, article_unit_path)) {
        throw_forbidden(fmt::format("您无权{}这篇文章", verb_zh(action)));
    }
}

nlohmann::json to_json(const Article& article) {
    nlohmann::json j = {{"id", article.id.value},
                        {"column", article.column},
                        {"unit", article.unit.value},
                        {"title", article.title},
                        {"state", to_string(article.state)},
                        {"version", article.version},
                        {"body_sha256", sha256_hex(article.body)}};
    j["published_at"] = article.published_at ? nlohmann::json(format_utc(*article.published_at))
                                              : nlohmann::json(nullptr);
    return j;
}

nlohmann::json to_json(const Attachment& attachment) {
    return {{"id", attachment.id.value},       {"article", attachment.article.value},
            {"file_name", attachment.file_name}, {"media_type", attachment.media_type},
            {"size", attachment.size},         {"sha256", attachment.sha256}};
}

nlohmann::json to_json(const Column& column) {
    nlohmann::json j = {{"id", column.id}, {"slug", column.slug}, {"name", column.name},
                        {"position", column.position}};
    j["parent"] = column.parent ? nlohmann::json(*column.parent) : nlohmann::json(nullptr);
    return j;
}

bool may_manage_columns(const Actor& actor) {
    return actor.roles.has(Role::unit_admin) || actor.roles.has(Role::sysadmin);
}

}  // namespace wangju
