// Article views (点击量), noted in memory and written in batches, so that a page view costs no
// write transaction. A visitor (a hash of client address and user agent) counts once per article
// per 10 minutes: this process drops repeats at once, and the database drops those that another
// server of the site counted already (store::ArticleStore::add_visits). A background thread
// flushes every `interval`, and then takes the stored counts, other servers' views included;
// flush() does it at once, and the destructor flushes a last time, so that a clean stop loses
// nothing. Thread-safe; record() and
// shown() take one short lock and never touch the database, so the page served from memory on
// the I/O thread may call them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "domain/article.h"
#include "store/article_store.h"

namespace wangju::web {

class ViewCounter {
  public:
    using Clock = std::chrono::system_clock;  // shared by the servers of a site
    static constexpr std::chrono::minutes dedup_window{10};

    ViewCounter(store::ArticleStore& articles, std::chrono::milliseconds interval);
    ~ViewCounter();
    ViewCounter(const ViewCounter&) = delete;
    ViewCounter& operator=(const ViewCounter&) = delete;

    // Tells the counter the article's count in the database, when it has none yet.
    void seed(ArticleId article, long long stored_views);
    // Counts a view unless the visitor saw the article within the window. True when counted.
    bool record(ArticleId article, std::string_view visitor, Clock::time_point now = Clock::now());
    // The count to show: the seeded or given stored count plus the views not yet flushed (before
    // the database has dropped those another server counted).
    long long shown(ArticleId article, long long stored_views);
    // Writes the pending views to the database now; after it returns, the database holds every
    // view recorded before the call. Throws when the database refuses (the views stay pending).
    void flush();

    // "address|user agent" hashed: the key of a visitor.
    static std::string visitor_key(std::string_view client_address, std::string_view user_agent);

  private:
    struct Count {
        bool seeded = false;
        long long base = 0;     // in the database, as far as this process knows
        long long pending = 0;  // counted, not yet flushed
    };
    std::vector<store::Visit> visits_;  // counted here, not yet flushed
    void run(std::chrono::milliseconds interval);
    void prune(Clock::time_point now);

    store::ArticleStore& articles_;
    std::mutex mutex_;
    std::mutex flush_mutex_;  // one flush at a time
    std::unordered_map<std::int64_t, Count> counts_;
    std::unordered_map<std::string, Clock::time_point> seen_;  // visitor|article -> last counted
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace wangju::web
