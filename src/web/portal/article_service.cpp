#include "web/portal/article_service.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "web/portal/attachment_files.h"
#include "web/portal/attachment_type.h"
#include "web/portal/portal_pages.h"

namespace wangju::web {
namespace {

constexpr const char* kTimeFormat =
    "发布时间格式应为 YYYY-MM-DD、YYYY-MM-DD HH:MM 或 YYYY-MM-DDTHH:MM:SSZ";

// "HH:MM" as a duration since midnight, or nothing.
std::optional<std::chrono::minutes> clock_time(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4])) return std::nullopt;
    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return std::chrono::hours(hours) + std::chrono::minutes(minutes);
}

// Asia/Shanghai is UTC+8 all year (domain/time.h).
Timestamp shanghai_to_utc(const Date& day, std::chrono::minutes since_midnight) {
    return Timestamp(std::chrono::sys_days(day)) + since_midnight - std::chrono::hours(8);
}

// Which act a change of the article's text or files is: a correction once it is published.
ArticleAction text_action(const Article& article) {
    return article.state == ArticleState::published ? ArticleAction::correct
                                                    : ArticleAction::write;
}

void refresh_public_pages(WebContext& web, const Article& before) {
    if (before.state == ArticleState::published) portal_changed(web, before.id);
}

}  // namespace

std::optional<Timestamp> parse_publication_time(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (auto t = parse_utc(text)) return t;
    if (auto d = parse_date(text.substr(0, 10))) {
        if (text.size() == 10) return shanghai_to_utc(*d, std::chrono::hours(9));
        if (text.size() == 16 && (text[10] == 'T' || text[10] == ' ')) {
            if (auto hm = clock_time(text.substr(11))) return shanghai_to_utc(*d, *hm);
        }
    }
    throw_invalid(kTimeFormat, {{"published_at", kTimeFormat}});
}

Article require_article(WebContext& web, ArticleId id) {
    auto article = web.articles.find_article(id);
    if (!article) throw_not_found("文章不存在");
    return *article;
}

Article require_text_right(WebContext& web, const CurrentUser& user, ArticleId id) {
    Article article = require_article(web, id);
    require(user.actor, text_action(article), article.unit_path);
    return article;
}

void require_writer(const CurrentUser& user) {
    require(user.actor, ArticleAction::write, user.unit.path);
}

Unit publishing_unit(WebContext& web, const CurrentUser& user, std::string_view unit_code) {
    if (unit_code.empty()) return user.unit;
    auto unit = web.store.find_unit_by_code(unit_code);
    if (!unit) {
        throw_invalid("单位不存在", {{"unit", fmt::format("没有编码为“{}”的单位", unit_code)}});
    }
    return *unit;
}

Article write_article(WebContext& web, const CurrentUser& user, const ArticleText& text,
                      std::string_view unit_code, const AuditContext& ctx) {
    const Unit unit = publishing_unit(web, user, unit_code);
    require(user.actor, ArticleAction::write, unit.path);
    return web.articles.create_article(text, unit.id, user.user.id, ctx);
}

Article rewrite_article(WebContext& web, const CurrentUser& user, ArticleId id,
                        const ArticleText& text, std::string_view unit_code,
                        const AuditContext& ctx) {
    const Article before = require_article(web, id);
    const ArticleAction action = text_action(before);
    require(user.actor, action, before.unit_path);
    std::optional<UnitId> unit;
    if (!unit_code.empty()) {
        const Unit target = publishing_unit(web, user, unit_code);
        require(user.actor, action, target.path);
        unit = target.id;
    }
    auto after = web.articles.edit_article(id, text, action, ctx, unit);
    refresh_public_pages(web, before);
    return after;
}

Article move_article(WebContext& web, const CurrentUser& user, ArticleId id,
                     ArticleAction action, const std::string& reason, const AuditContext& ctx) {
    const Article before = require_article(web, id);
    require(user.actor, action, before.unit_path);
    check_reason(action, reason);
    auto after = web.articles.change_state(id, action, ctx, reason);
    if (action == ArticleAction::publish || action == ArticleAction::withdraw) {
        portal_changed(web, id);
    }
    return after;
}

// An attachment changes what a published article shows, so it is a correction there; a pending
// article is refused (next_state) until it is sent back.
Attachment attach_file(WebContext& web, const CurrentUser& user, ArticleId id,
                       std::string_view file_name, std::string_view bytes,
                       const AuditContext& ctx) {
    const Article article = require_article(web, id);
    const ArticleAction action = text_action(article);
    require(user.actor, action, article.unit_path);
    next_state(article.state, action);
    const AttachmentType type = check_attachment(bytes);
    const std::string sha = web.portal.files.put(bytes);
    auto created = web.articles.add_attachment(article.id, clean_file_name(file_name),
                                               type.media_type,
                                               static_cast<long long>(bytes.size()), sha, ctx);
    refresh_public_pages(web, article);
    return created;
}

Article detach_file(WebContext& web, const CurrentUser& user, AttachmentId id,
                    const AuditContext& ctx) {
    auto attachment = web.articles.find_attachment(id);
    if (!attachment) throw_not_found("附件不存在");
    const Article article = require_article(web, attachment->article);
    const ArticleAction action = text_action(article);
    require(user.actor, action, article.unit_path);
    next_state(article.state, action);
    web.articles.remove_attachment(id, ctx);
    refresh_public_pages(web, article);
    return article;
}

Column add_column(WebContext& web, const CurrentUser& user, const NewColumn& column,
                  const AuditContext& ctx) {
    if (!may_manage_columns(user.actor)) {
        throw_forbidden("只有单位管理员或系统管理员可以添加栏目");
    }
    return web.articles.create_column(column, ctx);
}

}  // namespace wangju::web
