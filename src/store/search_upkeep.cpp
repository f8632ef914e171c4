#include "store/search_upkeep.h"

namespace wangju::store {

int merge_search_index(Database& database, int pages, int steps) {
    if (database.engine() != Engine::sqlite) return 0;
    int merged = 0;
    for (int step = 0; step < steps; ++step) {
        // The command itself counts as one change; more means that it merged pages.
        const bool did_merge = database.write([pages](soci::session& s) {
            long long before = 0, after = 0;
            s << "SELECT total_changes()", soci::into(before);
            s << "INSERT INTO article_search (article_search, rank) VALUES ('merge', :pages)",
                soci::use(pages);
            s << "SELECT total_changes()", soci::into(after);
            return after - before > 1;
        });
        if (!did_merge) break;
        ++merged;
    }
    return merged;
}

}  // namespace wangju::store
