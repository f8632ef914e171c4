// The row shapes and queries that the article store's files share (not part of the interface).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/article.h"
#include "store/connections.h"
#include "store/rows.h"

namespace wangju::store::article_rows {

// The columns of an ArticleRow, joined with its column and unit; `a` is articles.
#define WANGJU_ARTICLE_SELECT                                                                   \
    "SELECT a.id, c.slug, c.name, a.unit_id, u.name, u.path, a.author_id, a.title, a.body, "    \
    "a.state, a.version, a.published_at, a.created_at, a.updated_at, a.views "
#define WANGJU_ARTICLE_JOINS                                                                    \
    " JOIN portal_columns c ON c.id = a.column_id JOIN units u ON u.id = a.unit_id "

struct ArticleRow {
    long long id = 0, unit_id = 0, views = 0;
    int version = 0;
    std::string column, column_name, unit_name, unit_path, title, body, state, created_at,
        updated_at;
    NullableId author;
    NullableText published_at;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(column), soci::into(column_name), soci::into(unit_id),
            soci::into(unit_name), soci::into(unit_path), soci::into(author.value, author.indicator),
            soci::into(title), soci::into(body), soci::into(state), soci::into(version),
            soci::into(published_at.value, published_at.indicator), soci::into(created_at),
            soci::into(updated_at), soci::into(views);
    }
    Article article() const;
};

std::vector<Article> articles_of(const std::vector<ArticleRow>& rows);
std::optional<Article> find_article_in(soci::session& s, ArticleId id);
std::vector<std::string> attachment_names_in(soci::session& s, ArticleId id);
// The same for several articles in one statement, by article id (absent: none).
std::map<std::int64_t, std::vector<std::string>> attachment_names_in(
    soci::session& s, const std::vector<std::int64_t>& ids);

// Brings the search index in step with the article: indexed while published, absent otherwise.
void reindex(soci::session& s, Engine engine, const Article& article);

}  // namespace wangju::store::article_rows
