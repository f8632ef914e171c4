// The ranking of search hits in SQLite: an FTS5 auxiliary function, wangju_rank, that scores a
// hit by Okapi BM25 (k1 = 1.2, b = 0.75) as FTS5's own bm25() does, with one difference: the
// number of articles that hold each phrase is given by the caller instead of being counted by the
// function. bm25() counts them by reading each phrase's whole list of articles on every query,
// which for a word in nearly every article costs milliseconds that grow with the index; the
// store counts them once per query up to a bound, and past it estimates them from how far
// through the index (by rowid) the counted ones reach.
//
// Usage in SQL: wangju_rank(article_search, n0, n1, ...) where n_i is the number of articles that
// hold phrase i of the MATCH expression. Phrases past the last n_i (such as the same terms
// repeated in a column filter) do not score. Lower is better, as with bm25().
#pragma once

#include <soci/soci.h>

namespace wangju::store {

// The weight of a hit in each column of article_search (title, body, attachments).
constexpr double kSearchColumnWeights[] = {10.0, 1.0, 3.0};

// Registers wangju_rank on a session of SQLite; throws Error(unavailable) when FTS5 is missing.
void register_search_rank(soci::session& session);

// The inverse document frequency BM25 gives a phrase found in `holding` of `rows` articles
// (never below a small positive floor, as a phrase in most articles would otherwise weigh less
// than nothing).
double search_idf(long long rows, long long holding);

}  // namespace wangju::store
