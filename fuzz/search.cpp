// A search query (the first line of the input) split into terms and matched, as the FTS5 query
// the store sends SQLite, in an index made like the store's; then an article's text (the rest of
// the input) indexed as a shadow text and shown with the terms marked, as /search does. SQLite
// refusing the query would be a failed search page, so it ends the run.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "domain/search_text.h"
#include "fuzz_input.h"
#include "web/portal/highlight.h"

namespace {

// The table of store/migrations/sqlite/0003_articles.sql, in memory, with one article.
sqlite3* search_index() {
    static sqlite3* db = [] {
        sqlite3* opened = nullptr;
        if (sqlite3_open(":memory:", &opened) != SQLITE_OK ||
            sqlite3_exec(opened,
                         "CREATE VIRTUAL TABLE article_search USING fts5 (title, body, "
                         "attachments, tokenize = 'unicode61'); INSERT INTO article_search "
                         "(title, body) VALUES ('工会 会动 动态', '天津 津市 市总 总工 工会 abc')",
                         nullptr, nullptr, nullptr) != SQLITE_OK)
            std::abort();
        return opened;
    }();
    return db;
}

void select(const char* sql, const std::string& query) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(search_index(), sql, -1, &statement, nullptr) != SQLITE_OK) std::abort();
    sqlite3_bind_text(statement, 1, query.data(), static_cast<int>(query.size()), SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    if (step != SQLITE_DONE) {
        std::fprintf(stderr, "SQLite refused %s with %s: %s\n", sql, query.c_str(),
                     sqlite3_errmsg(search_index()));
        std::abort();
    }
    sqlite3_finalize(statement);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto text = wangju::fuzz::as_text(data, size);
    const auto query = wangju::fuzz::next_line(text);
    const auto terms = wangju::search_terms(query);
    (void)wangju::shortest_term_length(terms);
    (void)wangju::search_grams(text);
    if (!terms.empty()) {
        select("SELECT rowid FROM article_search WHERE article_search MATCH ?",
               wangju::fts_query(terms, " AND "));
        select("SELECT rowid FROM article_search WHERE article_search MATCH ?",
               "title : (" + wangju::fts_query(terms, " OR ") + ")");
    }
    (void)wangju::web::highlight(text, terms, 120);
    return 0;
}
