#include "store/article_store.h"

#include <stdexcept>

#include <fmt/format.h>

#include "domain/error.h"
#include "domain/text.h"
#include "store/article_rows.h"
#include "store/audit_log.h"

namespace wangju::store {

using namespace article_rows;

namespace {

constexpr const char* kColumns =
    "SELECT c.id, c.slug, c.name, p.slug, c.position FROM portal_columns c "
    "LEFT JOIN portal_columns p ON p.id = c.parent_id ";
constexpr const char* kColumnId = "SELECT id FROM portal_columns WHERE slug = :slug";
constexpr const char* kInsertColumn =
    "INSERT INTO portal_columns (slug, name, parent_id, position, created_at) "
    "VALUES (:slug, :name, :parent, :position, :at) RETURNING id";
constexpr const char* kInsertArticle =
    "INSERT INTO articles (column_id, unit_id, author_id, title, body, state, version, "
    "published_at, created_at, updated_at, views) VALUES (:column, :unit, :author, :title, :body, "
    "'draft', 1, :published_at, :created_at, :updated_at, 0) RETURNING id";
constexpr const char* kInsertVersion =
    "INSERT INTO article_versions (article_id, version, column_id, title, body, edited_by, "
    "edited_at) VALUES (:id, :version, :column, :title, :body, :by, :at)";
constexpr const char* kUpdateText =
    "UPDATE articles SET column_id = :column, unit_id = :unit, title = :title, body = :body, "
    "published_at = :published_at, version = :version, updated_at = :at WHERE id = :id";
constexpr const char* kUpdateState =
    "UPDATE articles SET state = :state, published_at = :published_at, updated_at = :at "
    "WHERE id = :id";
constexpr const char* kVersions =
    "SELECT v.version, c.slug, v.title, v.body, v.edited_by, v.edited_at FROM article_versions v "
    "JOIN portal_columns c ON c.id = v.column_id WHERE v.article_id = :id ORDER BY v.version";

struct ColumnRow {
    long long id = 0;
    int position = 0;
    std::string slug, name;
    NullableText parent;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(slug), soci::into(name),
            soci::into(parent.value, parent.indicator), soci::into(position);
    }
    Column column() const { return {id, slug, name, parent.get(), position}; }
};

struct VersionRow {
    int version = 0;
    std::string column, title, body, edited_at;
    NullableId edited_by;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(version), soci::into(column), soci::into(title), soci::into(body),
            soci::into(edited_by.value, edited_by.indicator), soci::into(edited_at);
    }
};

long long column_id_in(soci::session& s, const std::string& slug) {
    auto row = fetch_one<OneColumn<long long>>(s, kColumnId, soci::use(slug));
    if (!row) throw_invalid("栏目不存在", {{"column", fmt::format("没有代码为“{}”的栏目", slug)}});
    return row->value;
}

Article require_article_in(soci::session& s, ArticleId id) {
    auto article = find_article_in(s, id);
    if (!article) throw_not_found("文章不存在");
    return *article;
}

std::string_view action_name(ArticleAction action) {
    switch (action) {
        case ArticleAction::write: return "article.edit";
        case ArticleAction::submit: return "article.submit";
        case ArticleAction::publish: return "article.publish";
        case ArticleAction::reject: return "article.reject";
        case ArticleAction::withdraw: return "article.withdraw";
        case ArticleAction::correct: return "article.correct";
        case ArticleAction::view: return "article.view";
    }
    return "article.change";
}

void insert_version(soci::session& s, const Article& a, long long column_id,
                    const AuditContext& ctx) {
    NullableId by(ctx.actor ? std::optional<long long>(ctx.actor->value) : std::nullopt);
    const std::string at = stored(a.updated_at);
    s << kInsertVersion, soci::use(a.id.value), soci::use(a.version), soci::use(column_id),
        soci::use(a.title), soci::use(a.body), soci::use(by.value, by.indicator), soci::use(at);
}

}  // namespace

std::vector<Column> ArticleStore::columns() {
    return database_.read([&](soci::session& s) {
        std::vector<Column> out;
        std::string sql = std::string(kColumns) +
                          "ORDER BY COALESCE(c.parent_id, c.id), c.parent_id IS NOT NULL, "
                          "c.position, c.id";
        for (const auto& row : fetch_all<ColumnRow>(s, sql)) out.push_back(row.column());
        return out;
    });
}

std::optional<Column> ArticleStore::find_column(const std::string& slug) {
    return database_.read([&](soci::session& s) -> std::optional<Column> {
        auto row = fetch_one<ColumnRow>(s, std::string(kColumns) + "WHERE c.slug = :slug",
                                        soci::use(slug));
        if (!row) return std::nullopt;
        return row->column();
    });
}

Column ArticleStore::create_column(const NewColumn& column, const AuditContext& ctx) {
    check_new_column(column);
    return database_.write([&](soci::session& s) {
        if (fetch_one<OneColumn<long long>>(s, kColumnId, soci::use(column.slug))) {
            throw_conflict(fmt::format("栏目代码“{}”已被使用", column.slug));
        }
        NullableId parent;
        if (column.parent) {
            auto row = fetch_one<OneColumn<long long>>(s, kColumnId, soci::use(*column.parent));
            if (!row) throw_invalid("上级栏目不存在", {{"parent", "上级栏目不存在"}});
            parent = NullableId(row->value);
        }
        long long position = 0;
        s << "SELECT COUNT(*) FROM portal_columns", soci::into(position);
        const int pos = static_cast<int>(position) + 1;
        const std::string at = stored(now_utc());
        const std::string name(trim(column.name));
        long long id = 0;
        s << kInsertColumn, soci::use(column.slug), soci::use(name),
            soci::use(parent.value, parent.indicator), soci::use(pos), soci::use(at),
            soci::into(id);
        auto created = fetch_one<ColumnRow>(s, std::string(kColumns) + "WHERE c.id = :id",
                                            soci::use(id))
                           ->column();
        append_event(s, ctx, "column.create", "column:" + created.slug, nullptr,
                     to_json(created));
        return created;
    });
}

Article ArticleStore::create_article(const ArticleText& text, UnitId unit,
                                     std::optional<UserId> author, const AuditContext& ctx) {
    check_article_text(text);
    return database_.write([&](soci::session& s) {
        const long long column_id = column_id_in(s, text.column);
        NullableId author_id(author ? std::optional<long long>(author->value) : std::nullopt);
        NullableText published_at = stored(text.published_at);
        const std::string at = stored(now_utc());
        const std::string title(trim(text.title));
        long long id = 0;
        s << kInsertArticle, soci::use(column_id), soci::use(unit.value),
            soci::use(author_id.value, author_id.indicator), soci::use(title),
            soci::use(text.body), soci::use(published_at.value, published_at.indicator),
            soci::use(at), soci::use(at), soci::into(id);
        Article created = require_article_in(s, ArticleId{id});
        insert_version(s, created, column_id, ctx);
        append_event(s, ctx, "article.create", fmt::format("article:{}", id), nullptr,
                     to_json(created));
        return created;
    });
}

Article ArticleStore::edit_article(ArticleId id, const ArticleText& text, ArticleAction action,
                                   const AuditContext& ctx, std::optional<UnitId> unit) {
    if (action != ArticleAction::write && action != ArticleAction::correct) {
        throw std::logic_error("edit_article: action must be write or correct");
    }
    check_article_text(text);
    return database_.write([&](soci::session& s) {
        const Article before = require_article_in(s, id);
        next_state(before.state, action);
        const long long column_id = column_id_in(s, text.column);
        const int version = before.version + 1;
        NullableText published_at = stored(text.published_at ? text.published_at
                                                              : before.published_at);
        const std::string at = stored(now_utc());
        const std::string title(trim(text.title));
        const long long unit_id = unit.value_or(before.unit).value;
        s << kUpdateText, soci::use(column_id), soci::use(unit_id), soci::use(title),
            soci::use(text.body),
            soci::use(published_at.value, published_at.indicator), soci::use(version),
            soci::use(at), soci::use(id.value);
        Article after = require_article_in(s, id);
        insert_version(s, after, column_id, ctx);
        reindex(s, database_.engine(), after);
        append_event(s, ctx, std::string(action_name(action)), fmt::format("article:{}", id.value),
                     to_json(before), to_json(after));
        return after;
    });
}

Article ArticleStore::change_state(ArticleId id, ArticleAction action, const AuditContext& ctx,
                                   const std::string& reason) {
    if (action == ArticleAction::write || action == ArticleAction::correct ||
        action == ArticleAction::view) {
        throw std::logic_error("change_state: not a change of state");
    }
    return database_.write([&](soci::session& s) {
        const Article before = require_article_in(s, id);
        const ArticleState to = next_state(before.state, action);
        const Timestamp now = now_utc();
        std::optional<Timestamp> published_at = before.published_at;
        if (to == ArticleState::published && !published_at) published_at = now;
        NullableText published = stored(published_at);
        const std::string state(to_string(to));
        const std::string at = stored(now);
        s << kUpdateState, soci::use(state), soci::use(published.value, published.indicator),
            soci::use(at), soci::use(id.value);
        Article after = require_article_in(s, id);
        reindex(s, database_.engine(), after);
        nlohmann::json after_json = to_json(after);
        if (!reason.empty()) after_json["reason"] = reason;
        append_event(s, ctx, std::string(action_name(action)), fmt::format("article:{}", id.value),
                     to_json(before), after_json);
        return after;
    });
}

std::optional<Article> ArticleStore::find_article(ArticleId id) {
    return database_.read([&](soci::session& s) { return find_article_in(s, id); });
}

std::vector<ArticleVersion> ArticleStore::versions(ArticleId id) {
    return database_.read([&](soci::session& s) {
        std::vector<ArticleVersion> out;
        for (const auto& r : fetch_all<VersionRow>(s, kVersions, soci::use(id.value))) {
            auto by = r.edited_by.get();
            out.push_back({r.version, r.column, r.title, r.body,
                           by ? std::optional<UserId>(UserId{*by}) : std::nullopt,
                           timestamp_from(r.edited_at)});
        }
        return out;
    });
}

}  // namespace wangju::store
