// Portal articles in the database: columns, articles and their versions, attachments (the rows;
// the files live in the data folder, see web/portal/attachment_files.h), view counts and the
// search index. Built on the shared Database with its contract: thread-safe; a change commits
// together with its audit event or not at all. Permissions are the caller's (domain/article.h);
// the store checks that a move is possible in the article's current state, inside the
// transaction, so two approvers cannot both publish.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/article.h"
#include "domain/audit.h"
#include "store/database.h"

namespace wangju::store {

struct ArticleList {
    std::vector<Article> items;
    long long total = 0;  // over all pages
};

// One audited change of an article, for its history page: who did what, when, and why.
struct ArticleEvent {
    std::string action;  // "article.reject", as in the audit log
    Timestamp at{};
    std::string actor_name;  // the user's display name; "" when not a user
    std::string reason;      // of a rejection or withdrawal; "" otherwise
};

struct SearchHit {
    Article article;
    std::vector<std::string> attachment_names;
    bool in_title = false;
};

// How much of a common query's hits is read. A word such as 工会 is in nearly every article:
// ranking all of its hits costs time that grows with the portal, and nobody reads a thousand
// pages of them. Each tier of hits (a term in the title; the others) ranks its `ranked_per_tier`
// newest articles (by when they were written), and hits are counted up to `counted`. A query with
// fewer hits than that is ranked and counted whole.
struct SearchLimits {
    int ranked_per_tier = 0;
    long long counted = 0;
};
// The portal's: 100 a tier (10 pages of each), counted up to 1,000.
extern const SearchLimits kSearchLimits;

struct SearchResults {
    std::vector<SearchHit> hits;
    long long total = 0;         // the hits counted: all of them, or `counted` when there are more
    bool total_is_exact = true;  // false: more than `total` articles match
    long long ranked = 0;        // the hits that the pages show, in order (at most total)
};

// Views of one article on one day (Asia/Shanghai date), as the view counter flushes them.
// A view of an article by one visitor (store it hashed: see web/portal/view_counter.h).
struct Visit {
    ArticleId article;
    std::string visitor;
    long long at_ms = 0;  // Unix time in milliseconds
};

class ArticleStore {
  public:
    explicit ArticleStore(Database& database) : database_(database) {}

    std::vector<Column> columns();  // parents before children, by position
    std::optional<Column> find_column(const std::string& slug);
    // Refuses (conflict) a slug in use; (invalid) an unknown parent.
    Column create_column(const NewColumn& column, const AuditContext& ctx);

    // A draft, version 1, of `unit`. Refuses (invalid, field "column") an unknown column.
    Article create_article(const ArticleText& text, UnitId unit, std::optional<UserId> author,
                           const AuditContext& ctx);
    // A new version with `text`. `action` is write (a draft or withdrawn article) or correct
    // (a published one, which stays published); anything else is a logic error. `unit`, when
    // given, becomes the publishing unit (the caller checked the permission on it).
    Article edit_article(ArticleId id, const ArticleText& text, ArticleAction action,
                         const AuditContext& ctx, std::optional<UnitId> unit = std::nullopt);
    // submit, publish, reject, withdraw. Publishing sets the publication time unless the editor
    // gave one. `reason` goes into the audit event (a rejection's reason).
    Article change_state(ArticleId id, ArticleAction action, const AuditContext& ctx,
                         const std::string& reason = "");

    std::optional<Article> find_article(ArticleId id);
    std::vector<ArticleVersion> versions(ArticleId id);  // oldest first
    // The article's audit events, oldest first (article_history.cpp).
    std::vector<ArticleEvent> history(ArticleId id);

    // Published articles of the column and its sub-columns, newest first; pages from 1.
    ArticleList published(const std::string& column, int page, int per_page);
    // Every article of units within `unit_path` (all states), newest change first.
    ArticleList in_subtree(const std::string& unit_path, std::optional<ArticleState> state,
                           int page, int per_page);
    // Published articles with the most views on days >= `since_day`, most first.
    std::vector<Article> popular(const std::string& since_day, int limit);
    // The published neighbours in the same column: the older one and the newer one.
    std::pair<std::optional<Article>, std::optional<Article>> neighbours(const Article& article);
    // Every published article (for the sitemap and the cache warm-up), newest first.
    std::vector<Article> all_published(int limit);

    Attachment add_attachment(ArticleId article, const std::string& file_name,
                              const std::string& media_type, long long size,
                              const std::string& sha256, const AuditContext& ctx);
    void remove_attachment(AttachmentId id, const AuditContext& ctx);
    std::vector<Attachment> attachments(ArticleId article);
    std::optional<Attachment> find_attachment(AttachmentId id);

    // Counts visits in one transaction, not audited (a view is not a change of state): a visitor
    // counts once per article per `window`, whichever server saw them (article_visits); the
    // counted ones are added to each article's views and to its views of `day` ("YYYY-MM-DD").
    // Returns each visited article's views after the write.
    std::map<std::int64_t, long long> add_visits(const std::vector<Visit>& visits,
                                                 std::chrono::milliseconds window,
                                                 const std::string& day);

    // Published articles matching every term (domain/search_text.h) in the title, the body or an
    // attachment's name; articles with a term in the title first, then by relevance (BM25, with
    // the weights of search_rank.h), then the newest. See SearchLimits for common terms.
    SearchResults search(const std::vector<std::string>& terms, int page, int per_page,
                         const SearchLimits& limits = kSearchLimits);

  private:
    Database& database_;
};

}  // namespace wangju::store
