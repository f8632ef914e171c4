// The reading side of the article store: lists, neighbours, attachments, view counts.
#include <algorithm>

#include <fmt/format.h>

#include "domain/error.h"
#include "store/article_rows.h"
#include "store/article_store.h"
#include "store/audit_log.h"

namespace wangju::store {

namespace article_rows {

Article ArticleRow::article() const {
    auto author_id = author.get();
    auto state_value = parse_article_state(state);
    if (!state_value) throw std::runtime_error("invalid article state in database: " + state);
    return Article{ArticleId{id},
                   column,
                   column_name,
                   UnitId{unit_id},
                   unit_name,
                   unit_path,
                   author_id ? std::optional<UserId>(UserId{*author_id}) : std::nullopt,
                   title,
                   body,
                   *state_value,
                   version,
                   timestamp_from(published_at),
                   timestamp_from(created_at),
                   timestamp_from(updated_at),
                   views};
}

std::vector<Article> articles_of(const std::vector<ArticleRow>& rows) {
    std::vector<Article> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row.article());
    return out;
}

std::optional<Article> find_article_in(soci::session& s, ArticleId id) {
    auto row = fetch_one<ArticleRow>(
        s, WANGJU_ARTICLE_SELECT "FROM articles a" WANGJU_ARTICLE_JOINS "WHERE a.id = :id",
        soci::use(id.value));
    if (!row) return std::nullopt;
    return row->article();
}

}  // namespace article_rows

using namespace article_rows;

namespace {

struct AttachmentRow {
    long long id = 0, article = 0, size = 0;
    std::string file_name, media_type, sha256, created_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(article), soci::into(file_name), soci::into(media_type),
            soci::into(size), soci::into(sha256), soci::into(created_at);
    }
    Attachment attachment() const {
        return {AttachmentId{id}, ArticleId{article}, file_name, media_type,
                size,             sha256,             timestamp_from(created_at)};
    }
};

#define WANGJU_ATTACHMENT_SELECT \
    "SELECT id, article_id, file_name, media_type, size, sha256, created_at FROM article_attachments "

// The column and its direct sub-columns.
constexpr const char* kColumnTree =
    "a.column_id IN (SELECT id FROM portal_columns WHERE slug = :slug OR parent_id = "
    "(SELECT id FROM portal_columns WHERE slug = :parent_slug)) AND a.state = 'published' ";

int offset_of(int page, int per_page) {
    return (page < 1 ? 0 : page - 1) * per_page;
}

}  // namespace

std::vector<std::string> article_rows::attachment_names_in(soci::session& s, ArticleId id) {
    std::vector<std::string> names;
    for (const auto& row : fetch_all<AttachmentRow>(
             s, WANGJU_ATTACHMENT_SELECT "WHERE article_id = :id ORDER BY id", soci::use(id.value))) {
        names.push_back(row.file_name);
    }
    return names;
}

std::map<std::int64_t, std::vector<std::string>> article_rows::attachment_names_in(
    soci::session& s, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, std::vector<std::string>> names;
    if (ids.empty()) return names;
    std::string list;  // numbers, so they are written into the statement
    for (auto id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
    for (const auto& row : fetch_all<AttachmentRow>(
             s, WANGJU_ATTACHMENT_SELECT "WHERE article_id IN (" + list + ") ORDER BY id")) {
        names[row.article].push_back(row.file_name);
    }
    return names;
}

ArticleList ArticleStore::published(const std::string& column, int page, int per_page) {
    return database_.read([&](soci::session& s) {
        ArticleList list;
        const int offset = offset_of(page, per_page);
        list.items = articles_of(fetch_all<ArticleRow>(
            s,
            std::string(WANGJU_ARTICLE_SELECT "FROM articles a" WANGJU_ARTICLE_JOINS "WHERE ") +
                kColumnTree + "ORDER BY a.published_at DESC, a.id DESC LIMIT :n OFFSET :o",
            soci::use(column), soci::use(column), soci::use(per_page), soci::use(offset)));
        list.total = fetch_one<OneColumn<long long>>(
                         s, std::string("SELECT COUNT(*) FROM articles a WHERE ") + kColumnTree,
                         soci::use(column), soci::use(column))
                         ->value;
        return list;
    });
}

ArticleList ArticleStore::in_subtree(const std::string& unit_path,
                                     std::optional<ArticleState> state, int page, int per_page) {
    return database_.read([&](soci::session& s) {
        ArticleList list;
        const int offset = offset_of(page, per_page);
        const std::string end = subtree_end(unit_path);
        // An empty state filter matches every state.
        const std::string state_text = state ? std::string(to_string(*state)) : "";
        const std::string where =
            "WHERE u.path >= :path AND u.path < :end AND (:state = '' OR a.state = :state2) ";
        list.items = articles_of(fetch_all<ArticleRow>(
            s,
            WANGJU_ARTICLE_SELECT "FROM articles a" WANGJU_ARTICLE_JOINS + where +
                "ORDER BY a.updated_at DESC, a.id DESC LIMIT :n OFFSET :o",
            soci::use(unit_path), soci::use(end), soci::use(state_text), soci::use(state_text),
            soci::use(per_page), soci::use(offset)));
        list.total =
            fetch_one<OneColumn<long long>>(
                s,
                "SELECT COUNT(*) FROM articles a JOIN units u ON u.id = "
                "a.unit_id " +
                    where,
                soci::use(unit_path), soci::use(end), soci::use(state_text), soci::use(state_text))
                ->value;
        return list;
    });
}

std::vector<Article> ArticleStore::popular(const std::string& since_day, int limit) {
    return database_.read([&](soci::session& s) {
        return articles_of(fetch_all<ArticleRow>(
            s,
            "WITH recent AS (SELECT article_id, SUM(views) AS n FROM article_daily_views "
            "WHERE day >= :since GROUP BY article_id) " WANGJU_ARTICLE_SELECT
            "FROM recent JOIN articles a ON a.id = recent.article_id" WANGJU_ARTICLE_JOINS
            "WHERE a.state = 'published' ORDER BY recent.n DESC, a.id DESC LIMIT :n",
            soci::use(since_day), soci::use(limit)));
    });
}

std::pair<std::optional<Article>, std::optional<Article>> ArticleStore::neighbours(
    const Article& article) {
    if (!article.published_at) return {};
    return database_.read([&](soci::session& s) {
        const std::string at = stored(*article.published_at);
        const std::string base = WANGJU_ARTICLE_SELECT "FROM articles a" WANGJU_ARTICLE_JOINS
                                 "WHERE c.slug = :column AND a.state = 'published' AND ";
        auto older = fetch_one<ArticleRow>(
            s,
            base + "(a.published_at < :at OR (a.published_at = :at2 AND a.id < :id)) "
                   "ORDER BY a.published_at DESC, a.id DESC LIMIT 1",
            soci::use(article.column), soci::use(at), soci::use(at), soci::use(article.id.value));
        auto newer = fetch_one<ArticleRow>(
            s,
            base + "(a.published_at > :at OR (a.published_at = :at2 AND a.id > :id)) "
                   "ORDER BY a.published_at ASC, a.id ASC LIMIT 1",
            soci::use(article.column), soci::use(at), soci::use(at), soci::use(article.id.value));
        std::pair<std::optional<Article>, std::optional<Article>> out;
        if (older) out.first = older->article();
        if (newer) out.second = newer->article();
        return out;
    });
}

std::vector<Article> ArticleStore::all_published(int limit) {
    return database_.read([&](soci::session& s) {
        return articles_of(fetch_all<ArticleRow>(
            s,
            WANGJU_ARTICLE_SELECT "FROM articles a" WANGJU_ARTICLE_JOINS
            "WHERE a.state = 'published' ORDER BY a.published_at DESC, a.id DESC LIMIT :n",
            soci::use(limit)));
    });
}

Attachment ArticleStore::add_attachment(ArticleId article, const std::string& file_name,
                                        const std::string& media_type, long long size,
                                        const std::string& sha256, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        auto owner = find_article_in(s, article);
        if (!owner) throw_not_found("文章不存在");
        const std::string at = stored(now_utc());
        long long id = 0;
        s << "INSERT INTO article_attachments (article_id, file_name, media_type, size, sha256, "
             "created_at) VALUES (:a, :n, :m, :s, :h, :at) RETURNING id",
            soci::use(article.value), soci::use(file_name), soci::use(media_type), soci::use(size),
            soci::use(sha256), soci::use(at), soci::into(id);
        auto created = fetch_one<AttachmentRow>(s, WANGJU_ATTACHMENT_SELECT "WHERE id = :id",
                                                soci::use(id))
                           ->attachment();
        reindex(s, database_.engine(), *owner);
        append_event(s, ctx, "attachment.add", fmt::format("article:{}", article.value), nullptr,
                     to_json(created));
        return created;
    });
}

void ArticleStore::remove_attachment(AttachmentId id, const AuditContext& ctx) {
    database_.write([&](soci::session& s) {
        auto row = fetch_one<AttachmentRow>(s, WANGJU_ATTACHMENT_SELECT "WHERE id = :id",
                                            soci::use(id.value));
        if (!row) throw_not_found("附件不存在");
        s << "DELETE FROM article_attachments WHERE id = :id", soci::use(id.value);
        if (auto owner = find_article_in(s, ArticleId{row->article})) {
            reindex(s, database_.engine(), *owner);
        }
        append_event(s, ctx, "attachment.remove", fmt::format("article:{}", row->article),
                     to_json(row->attachment()), nullptr);
    });
}

std::vector<Attachment> ArticleStore::attachments(ArticleId article) {
    return database_.read([&](soci::session& s) {
        std::vector<Attachment> out;
        for (const auto& row :
             fetch_all<AttachmentRow>(s, WANGJU_ATTACHMENT_SELECT "WHERE article_id = :id ORDER BY id",
                                      soci::use(article.value))) {
            out.push_back(row.attachment());
        }
        return out;
    });
}

std::optional<Attachment> ArticleStore::find_attachment(AttachmentId id) {
    return database_.read([&](soci::session& s) -> std::optional<Attachment> {
        auto row = fetch_one<AttachmentRow>(s, WANGJU_ATTACHMENT_SELECT "WHERE id = :id",
                                            soci::use(id.value));
        if (!row) return std::nullopt;
        return row->attachment();
    });
}

std::map<std::int64_t, long long> ArticleStore::add_visits(const std::vector<Visit>& visits,
                                                           std::chrono::milliseconds window,
                                                           const std::string& day) {
    std::map<std::int64_t, long long> views;
    if (visits.empty()) return views;
    return database_.write([&](soci::session& s) {
        std::map<std::int64_t, long long> counted;
        long long latest = 0;
        {
            long long article = 0, at = 0, counted_before = 0;
            std::string visitor;
            // A visitor seen within the window (by this server or another) is not counted again.
            soci::statement count =
                (s.prepare << "INSERT INTO article_visits (article_id, visitor, "
                              "counted_at_ms) VALUES (:article, :visitor, :at) "
                              "ON CONFLICT (article_id, visitor) DO UPDATE SET "
                              "counted_at_ms = excluded.counted_at_ms WHERE "
                              "article_visits.counted_at_ms <= :before",
                 soci::use(article), soci::use(visitor), soci::use(at), soci::use(counted_before));
            for (const auto& v : visits) {
                article = v.article.value;
                visitor = v.visitor;
                at = v.at_ms;
                counted_before = v.at_ms - window.count();
                latest = std::max(latest, v.at_ms);
                count.execute(true);
                if (count.get_affected_rows() > 0)
                    ++counted[article];
                else
                    counted.try_emplace(article, 0);
            }
        }
        for (const auto& [article, n] : counted) {
            if (n > 0) {
                s << "UPDATE articles SET views = views + :n WHERE id = :id", soci::use(n),
                    soci::use(article);
                s << "INSERT INTO article_daily_views (article_id, day, views) VALUES (:id, :day, "
                     ":n) ON CONFLICT (article_id, day) DO UPDATE SET views = "
                     "article_daily_views.views + excluded.views",
                    soci::use(article), soci::use(day), soci::use(n);
            }
            long long now_views = 0;
            s << "SELECT views FROM articles WHERE id = :id", soci::use(article),
                soci::into(now_views);
            if (s.got_data()) views[article] = now_views;
        }
        const long long forgotten_before = latest - 2 * window.count();
        s << "DELETE FROM article_visits WHERE counted_at_ms <= :before",
            soci::use(forgotten_before);
        return views;
    });
}

}  // namespace wangju::store
