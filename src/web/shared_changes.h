// Changes made through the other servers of a site, followed in the audit log, so that what this
// process keeps in memory is rendered again: the article pages kept for anonymous readers and the
// exhibition's pages. Every change of state appends its audit event in its own transaction, and
// the events are appended one writer at a time in the order of their numbers
// (store/transaction.h), so reading the events after the last one seen misses none. Changes made
// through this process are seen again here, which only renders a page once more.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wangju::web {

struct WebContext;

class SharedChanges {
  public:
    // Follows the events appended from now on.
    explicit SharedChanges(WebContext& web);

    // Reads the events appended since the last call and drops what they make stale; returns how
    // many it read. Not thread-safe: one caller (a periodic task).
    std::size_t follow();

  private:
    WebContext& web_;
    std::int64_t last_seq_ = 0;
};

}  // namespace wangju::web
