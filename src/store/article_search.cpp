// The search index of published articles. Both engines index the bigram shadow texts of
// domain/search_text.h: SQLite in an FTS5 table ranked by bm25, PostgreSQL in a plain table
// matched with LIKE on space-delimited phrases (the shadow texts contain neither '%' nor '_',
// which are separators there, so the patterns need no escaping).
#include <fmt/format.h>

#include "domain/search_text.h"
#include "store/article_rows.h"
#include "store/article_store.h"

namespace wangju::store {

using namespace article_rows;

namespace {

std::string joined_grams(const std::vector<std::string>& names) {
    std::string all;
    for (const auto& n : names) all += n + " ";
    return search_grams(all);
}

struct HitRow : ArticleRow {
    int in_title = 0;
    void bind(soci::details::prepare_temp_type& p) {
        ArticleRow::bind(p);
        p, soci::into(in_title);
    }
};

std::vector<HitRow> run(soci::session& s, const std::string& sql,
                        const std::vector<std::string>& texts, int limit, int offset) {
    HitRow row;
    soci::details::prepare_temp_type prepare = (s.prepare << sql);
    row.bind(prepare);
    for (const auto& t : texts) prepare, soci::use(t);
    prepare, soci::use(limit), soci::use(offset);
    soci::statement statement(prepare);
    statement.execute();
    std::vector<HitRow> rows;
    while (statement.fetch()) rows.push_back(row);
    return rows;
}

long long count(soci::session& s, const std::string& sql, const std::vector<std::string>& texts) {
    long long n = 0;
    soci::details::prepare_temp_type prepare = (s.prepare << sql, soci::into(n));
    for (const auto& t : texts) prepare, soci::use(t);
    soci::statement statement(prepare);
    statement.execute(true);
    return n;
}

std::vector<HitRow> sqlite_search(soci::session& s, const std::vector<std::string>& terms,
                                  int limit, int offset, long long& total) {
    const std::string all = fts_query(terms, " AND ");
    const std::string in_title = "title : (" + fts_query(terms, " OR ") + ")";
    total = count(s, "SELECT COUNT(*) FROM article_search WHERE article_search MATCH :q", {all});
    // The page is chosen from the hits' ids, scores and dates alone; only its rows are then read
    // whole (sorting every hit with its body made a common word cost ~180 ms over 10,000
    // articles).
    return run(s,
               "WITH title_hits AS (SELECT rowid AS id FROM article_search WHERE article_search "
               "MATCH :tq), hits AS (SELECT rowid AS id, bm25(article_search, 10.0, 1.0, 3.0) "
               "AS score FROM article_search WHERE article_search MATCH :q), page AS (SELECT "
               "hits.id, hits.score, CASE WHEN hits.id IN (SELECT id FROM title_hits) THEN 1 "
               "ELSE 0 END AS in_title, p.published_at FROM hits JOIN articles p ON p.id = "
               "hits.id ORDER BY in_title DESC, hits.score, p.published_at DESC, p.id DESC "
               "LIMIT :n OFFSET :o) " WANGJU_ARTICLE_SELECT
               ", page.in_title FROM page JOIN articles a ON a.id = page.id" WANGJU_ARTICLE_JOINS
               "ORDER BY page.in_title DESC, page.score, page.published_at DESC, a.id DESC",
               {in_title, all}, limit, offset);
}

// PostgreSQL: every term must be in one of the three texts; the score counts where. Parameters
// are bound by position, so each list below is built in the order its text places them.
struct LikeQuery {
    std::string sql;
    std::vector<std::string> binds;
    std::string param(const std::string& value) {
        binds.push_back(value);
        return fmt::format(":p{}", binds.size());
    }
};

std::string where_all(LikeQuery& q, const std::vector<std::string>& patterns) {
    std::string where;
    for (const auto& p : patterns) {
        where += fmt::format("{}(s.title LIKE {} OR s.body LIKE {} OR s.attachments LIKE {})",
                             where.empty() ? "" : " AND ", q.param(p), q.param(p), q.param(p));
    }
    return where;
}

std::vector<HitRow> postgres_search(soci::session& s, const std::vector<std::string>& terms,
                                    int limit, int offset, long long& total) {
    std::vector<std::string> patterns;
    for (const auto& t : terms) patterns.push_back("% " + search_grams(t) + " %");
    LikeQuery counting;
    counting.sql = "SELECT COUNT(*) FROM article_search s WHERE " + where_all(counting, patterns);
    total = count(s, counting.sql, counting.binds);

    LikeQuery q;
    std::string title_any;
    for (const auto& p : patterns) {
        title_any += fmt::format("{}s.title LIKE {}", title_any.empty() ? "" : " OR ", q.param(p));
    }
    q.sql = WANGJU_ARTICLE_SELECT ", CASE WHEN " + title_any +
            " THEN 1 ELSE 0 END AS in_title FROM article_search s JOIN articles a ON a.id = "
            "s.article_id" WANGJU_ARTICLE_JOINS "WHERE " +
            where_all(q, patterns) + " ORDER BY in_title DESC, (0";
    for (const auto& p : patterns) {
        q.sql += fmt::format(
            " + (CASE WHEN s.title LIKE {} THEN 10 ELSE 0 END) + (CASE WHEN "
            "s.attachments LIKE {} THEN 3 ELSE 0 END) + (CASE WHEN s.body LIKE "
            "{} THEN 1 ELSE 0 END)",
            q.param(p), q.param(p), q.param(p));
    }
    q.sql += ") DESC, a.published_at DESC, a.id DESC LIMIT :n OFFSET :o";
    return run(s, q.sql, q.binds, limit, offset);
}

}  // namespace

void article_rows::reindex(soci::session& s, Engine engine, const Article& article) {
    const bool sqlite = engine == Engine::sqlite;
    s << (sqlite ? "DELETE FROM article_search WHERE rowid = :id"
                 : "DELETE FROM article_search WHERE article_id = :id"),
        soci::use(article.id.value);
    if (article.state != ArticleState::published) return;
    const std::string pad = sqlite ? "" : " ";
    const std::string title = pad + search_grams(article.title) + pad;
    const std::string body = pad + search_grams(article.body) + pad;
    const std::string names = pad + joined_grams(attachment_names_in(s, article.id)) + pad;
    s << (sqlite ? "INSERT INTO article_search (rowid, title, body, attachments) "
                   "VALUES (:id, :t, :b, :a)"
                 : "INSERT INTO article_search (article_id, title, body, attachments) "
                   "VALUES (:id, :t, :b, :a)"),
        soci::use(article.id.value), soci::use(title), soci::use(body), soci::use(names);
}

SearchResults ArticleStore::search(const std::vector<std::string>& terms, int page, int per_page) {
    if (terms.empty()) return {};
    return database_.read([&](soci::session& s) {
        SearchResults results;
        const int offset = (page < 1 ? 0 : page - 1) * per_page;
        auto rows = database_.engine() == Engine::sqlite
                        ? sqlite_search(s, terms, per_page, offset, results.total)
                        : postgres_search(s, terms, per_page, offset, results.total);
        for (const auto& row : rows) {
            results.hits.push_back(
                {row.article(), attachment_names_in(s, ArticleId{row.id}), row.in_title != 0});
        }
        return results;
    });
}

}  // namespace wangju::store
