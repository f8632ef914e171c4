// The search index of published articles. Both engines index the bigram shadow texts of
// domain/search_text.h: SQLite in an FTS5 table ranked by wangju_rank (store/search_rank.h),
// PostgreSQL in a plain table matched with LIKE on space-delimited phrases (the shadow texts
// contain neither '%' nor '_', which are separators there, so the patterns need no escaping).
#include <algorithm>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "domain/search_text.h"
#include "store/article_rows.h"
#include "store/article_store.h"

namespace wangju::store {

using namespace article_rows;

const SearchLimits kSearchLimits{100, 1000};

namespace {

std::string joined_grams(const std::vector<std::string>& names) {
    std::string all;
    for (const auto& n : names) all += n + " ";
    return search_grams(all);
}

// What a search counts in the index (the hits of a query, up to the bound, and the estimate past
// it), kept until the index changes, for the process. The key starts with the Database object,
// the database's token (two copies of one file, open at once, share it) and the index's version
// (search_version), read before the counting: a count is never kept under a newer version than
// the one it was counted at, and a change to the index makes a new version in its own
// transaction.
class IndexCounts {
  public:
    using Counts = std::pair<long long, long long>;  // counted, estimated

    template <class Count>
    Counts find_or_count(const std::string& key, Count&& count) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = counts_.find(key); it != counts_.end()) return it->second;
        }
        const Counts counts = count();
        std::lock_guard lock(mutex_);
        // Entries of older versions are never asked for again: at the bound all go.
        if (counts_.size() >= kMaxEntries) counts_.clear();
        counts_.emplace(key, counts);
        return counts;
    }

  private:
    static constexpr std::size_t kMaxEntries = 20000;
    std::mutex mutex_;
    std::unordered_map<std::string, Counts> counts_;
};

IndexCounts& index_counts() {
    static IndexCounts counts;
    return counts;
}

// The start of the keys of IndexCounts for the index of `database` as `s` sees it now.
std::string index_state(const Database& database, soci::session& s) {
    std::string token;
    long long version = 0;
    s << "SELECT token, version FROM search_version WHERE id = 1", soci::into(token),
        soci::into(version);
    return fmt::format("{}:{}:{}:", static_cast<const void*>(&database), token, version);
}

struct HitRow : ArticleRow {
    int in_title = 0;
    long long ranked = 0;
    void bind(soci::details::prepare_temp_type& p) {
        ArticleRow::bind(p);
        p, soci::into(in_title), soci::into(ranked);
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

// The order of the hits: title tier first, then by score (lower first in SQLite, as bm25 gives),
// then the newest; `c`, `p` and `a` prefix the columns of the candidate, its published_at and id.
std::string hit_order(const char* c, const char* p, const char* a, bool lower_first) {
    return fmt::format("{0}in_title DESC, {0}score{3}, {1}published_at DESC, {2}id DESC", c, p, a,
                       lower_first ? "" : " DESC");
}

// The page of the ranked candidates, from `candidates` (a statement of id, score and in_title);
// each row also carries how many candidates there are.
std::string page_of(const std::string& candidates, bool lower_first) {
    return "WITH candidates AS (" + candidates +
           "), page AS (SELECT c.id, c.score, c.in_title, p.published_at, COUNT(*) OVER () AS "
           "ranked FROM candidates c JOIN articles p ON p.id = c.id ORDER BY " +
           hit_order("c.", "p.", "p.", lower_first) +
           " LIMIT :n OFFSET :o) " WANGJU_ARTICLE_SELECT
           ", page.in_title, page.ranked FROM page JOIN articles a ON a.id = "
           "page.id" WANGJU_ARTICLE_JOINS "ORDER BY " +
           hit_order("page.", "page.", "a.", lower_first);
}

// The parameters of the ranked page (page_of over two tiers, each binding the weights and then
// its query), in the order its text places them.
struct RankedParams {
    std::vector<long long> weights;
    std::vector<std::string> tiers;
    int limit = 0, offset = 0;
    void bind(soci::details::prepare_temp_type& p) {
        for (const auto& t : tiers) {
            for (const auto& w : weights) p, soci::use(w);
            p, soci::use(t);
        }
        p, soci::use(limit), soci::use(offset);
    }
};

// SQLite. The two tiers are FTS5 queries read newest first (the index keeps each word's articles
// in rowid order, so FTS5 stops after `ranked_per_tier`); wangju_rank scores only those.
std::vector<HitRow> sqlite_search(soci::session& s, PreparedStatements* prepared,
                                  const std::string& state, const std::vector<std::string>& terms,
                                  const SearchLimits& limits, int limit, int offset,
                                  SearchResults& results) {
    const std::string all = fts_query(terms, " AND ");
    const std::string any = fts_query(terms, " OR ");
    // Hits are counted up to the bound, oldest first; the rowid reached there tells how far
    // through the index they go, from which the articles holding a common term are estimated.
    const std::string counting = fmt::format(
        "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM (SELECT rowid AS id FROM article_search "
        "WHERE article_search MATCH :q ORDER BY rowid LIMIT {})",
        limits.counted + 1);
    auto count_holding = [&](const std::string& match) {
        long long n = 0, reached = 0;
        s << counting, soci::into(n), soci::into(reached), soci::use(match);
        if (n <= limits.counted) return std::pair{n, n};
        long long first = 0, newest = 0;  // the index's range, read only for a common term
        s << "SELECT COALESCE((SELECT rowid FROM article_search ORDER BY rowid LIMIT 1), 0), "
             "COALESCE((SELECT rowid FROM article_search ORDER BY rowid DESC LIMIT 1), 0)",
            soci::into(first), soci::into(newest);
        if (reached <= first) return std::pair{n, n};
        return std::pair{n, n * (newest - first + 1) / (reached - first + 1)};
    };
    auto holding = [&](const std::string& match) {
        return index_counts().find_or_count(fmt::format("{}{}:{}", state, limits.counted, match),
                                            [&] { return count_holding(match); });
    };
    const auto [counted, estimated] = holding(all);
    results.total = counted;
    // The articles that hold each term, for its weight: those above when there is one term.
    std::vector<long long> weights;
    for (const auto& term : terms) {
        weights.push_back(terms.size() == 1 ? estimated : holding(fts_query({term}, "")).second);
    }
    const std::vector<std::string> tiers = {"(" + all + ") AND title : (" + any + ")",
                                            "(" + all + ") NOT title : (" + any + ")"};
    // The statement's text depends only on the number of terms and the limits: the weights and
    // the queries are bound, and the statement is kept prepared on the session.
    auto tier = [&](int in_title) {
        std::string rank = "wangju_rank(article_search";
        for (std::size_t i = 0; i < terms.size(); ++i)
            rank += fmt::format(", :w{}_{}", in_title, i);
        return fmt::format(
            "SELECT * FROM (SELECT rowid AS id, {}) AS score, {} AS in_title FROM article_search "
            "WHERE article_search MATCH :t{} ORDER BY rowid DESC LIMIT {})",
            rank, in_title, in_title, limits.ranked_per_tier);
    };
    const std::string sql = page_of(tier(1) + " UNION ALL " + tier(0), true);
    auto rows =
        fetch_all_kept<HitRow>(s, prepared, sql, RankedParams{weights, tiers, limit, offset});
    if (!rows.empty() || offset == 0) return rows;
    // A page past the last: how many there are, for the pages' links.
    results.ranked = 0;
    for (const auto& t : tiers) {
        results.ranked += count(
            s,
            fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM article_search WHERE article_search "
                        "MATCH :t LIMIT {})",
                        limits.ranked_per_tier),
            {t});
    }
    return rows;
}

// PostgreSQL: every term must be in one of the three texts; the score counts where. Parameters
// are bound by position, so each text is built in the order in which it places them.
struct LikeQuery {
    std::vector<std::string> binds;
    std::string param(const std::string& value) {
        binds.push_back(value);
        return fmt::format(":p{}", binds.size());
    }
    std::string where_all(const std::vector<std::string>& patterns) {
        std::string where;
        for (const auto& p : patterns) {
            where += fmt::format("{}(s.title LIKE {} OR s.body LIKE {} OR s.attachments LIKE {})",
                                 where.empty() ? "" : " AND ", param(p), param(p), param(p));
        }
        return where;
    }
    std::string title_any(const std::vector<std::string>& patterns) {
        std::string any;
        for (const auto& p : patterns) {
            any += fmt::format("{}s.title LIKE {}", any.empty() ? "" : " OR ", param(p));
        }
        return any;
    }
    std::string score(const std::vector<std::string>& patterns) {
        std::string sum = "(0";
        for (const auto& p : patterns) {
            sum += fmt::format(
                " + (CASE WHEN s.title LIKE {} THEN 10 ELSE 0 END) + (CASE WHEN s.attachments "
                "LIKE {} THEN 3 ELSE 0 END) + (CASE WHEN s.body LIKE {} THEN 1 ELSE 0 END)",
                param(p), param(p), param(p));
        }
        return sum + ")";
    }
};

std::vector<HitRow> postgres_search(soci::session& s, const std::string& state,
                                    const std::vector<std::string>& terms,
                                    const SearchLimits& limits, int limit, int offset,
                                    SearchResults& results) {
    std::vector<std::string> patterns;
    for (const auto& t : terms) patterns.push_back("% " + search_grams(t) + " %");
    LikeQuery counting;
    const std::string sql =
        fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM article_search s WHERE {} LIMIT {}) t",
                    counting.where_all(patterns), limits.counted + 1);
    std::string key = state;
    for (const auto& b : counting.binds) key += b + "\n";
    results.total = index_counts()
                        .find_or_count(key + sql,
                                       [&] {
                                           const long long n = count(s, sql, counting.binds);
                                           return std::pair{n, n};
                                       })
                        .first;
    LikeQuery q;
    std::string candidates;
    for (const bool in_title : {true, false}) {
        if (!in_title) candidates += " UNION ALL ";
        const std::string score = q.score(patterns);
        const std::string all = q.where_all(patterns);
        candidates += fmt::format(
            "(SELECT s.article_id AS id, {} AS score, {} AS in_title FROM article_search s WHERE "
            "{} AND {}({}) ORDER BY s.article_id DESC LIMIT {})",
            score, in_title ? 1 : 0, all, in_title ? "" : "NOT ", q.title_any(patterns),
            limits.ranked_per_tier);
    }
    auto rows = run(s, page_of(candidates, false), q.binds, limit, offset);
    if (!rows.empty() || offset == 0) return rows;
    // A page past the last: how many there are, for the pages' links.
    results.ranked = 0;
    for (const bool in_title : {true, false}) {
        LikeQuery tier;
        const std::string all = tier.where_all(patterns);
        const std::string title = tier.title_any(patterns);
        results.ranked +=
            count(s,
                  fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM article_search s "
                              "WHERE {} AND {}({}) LIMIT {}) t",
                              all, in_title ? "" : "NOT ", title, limits.ranked_per_tier),
                  tier.binds);
    }
    return rows;
}

}  // namespace

void article_rows::reindex(soci::session& s, Engine engine, const Article& article) {
    const bool sqlite = engine == Engine::sqlite;
    s << "UPDATE search_version SET version = version + 1 WHERE id = 1";
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

SearchResults ArticleStore::search(const std::vector<std::string>& terms, int page, int per_page,
                                   const SearchLimits& limits) {
    if (terms.empty()) return {};
    return database_.read([&](soci::session& s) {
        SearchResults results;
        const int offset = (page < 1 ? 0 : page - 1) * per_page;
        const std::string state = index_state(database_, s);
        auto rows = database_.engine() == Engine::sqlite
                        ? sqlite_search(s, database_.connections().prepared(s), state, terms,
                                        limits, per_page, offset, results)
                        : postgres_search(s, state, terms, limits, per_page, offset, results);
        results.total_is_exact = results.total <= limits.counted;
        results.total = std::min(results.total, limits.counted);
        if (!rows.empty()) results.ranked = rows.front().ranked;
        std::vector<std::int64_t> ids;
        for (const auto& row : rows) ids.push_back(row.id);
        auto names = attachment_names_in(s, ids);
        for (const auto& row : rows) {
            results.hits.push_back({row.article(), std::move(names[row.id]), row.in_title != 0});
        }
        return results;
    });
}

}  // namespace wangju::store
