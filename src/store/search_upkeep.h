// The upkeep of SQLite's search index. FTS5 adds a segment to the index with each change that
// commits, and a query reads every segment: an index built one article at a time holds many, and
// a query of two words took twice as long as over the same index merged. Its segments are merged
// a little at a time, each step in a short transaction of its own, so that writes go on between.
// PostgreSQL's search table needs none of it.
#pragma once

#include "store/database.h"

namespace wangju::store {

// Merges segments of the search index, at most `pages` pages of them in each transaction, until
// none are left to merge (migration 0021 lets two segments of one level be merged) or after
// `steps` transactions; returns the transactions that merged some. Always 0 on PostgreSQL.
int merge_search_index(Database& database, int pages = 500, int steps = 1000);

}  // namespace wangju::store
