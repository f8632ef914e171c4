#include "store/throttle.h"

#include <algorithm>

namespace wangju::store {

namespace {

// Records the attempt only while the window holds fewer than the limit: one statement, so that
// it needs no transaction (and no lock on the audit log).
constexpr const char* kRecord =
    "INSERT INTO throttle_events (scope, subject, at_ms) "
    "SELECT :scope, :subject, CAST(:at AS BIGINT) WHERE (SELECT count(*) FROM throttle_events "
    "WHERE scope = :scope_again AND subject = :subject_again AND at_ms > :since) < :max";
constexpr const char* kCount =
    "SELECT count(*) FROM throttle_events WHERE scope = :scope AND subject = :subject "
    "AND at_ms > :since";
constexpr const char* kOldest =
    "SELECT min(at_ms) FROM throttle_events WHERE scope = :scope AND subject = :subject "
    "AND at_ms > :since";
constexpr const char* kPrune =
    "DELETE FROM throttle_events WHERE scope = :scope AND at_ms <= :since";

// Rows past the window are removed once in this many recorded attempts.
constexpr unsigned kPruneEvery = 64;

long long millis(Throttle::Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

Throttle::Throttle(Database& database, std::string scope, std::size_t max_events,
                   std::chrono::seconds window)
    : database_(database),
      scope_(std::move(scope)),
      max_events_(static_cast<long long>(max_events)),
      window_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(window).count()) {}

int Throttle::seconds_until_free(soci::session& s, const std::string& subject, long long since,
                                 long long now_ms) {
    long long oldest = now_ms;
    soci::indicator found = soci::i_null;
    s << kOldest, soci::use(scope_), soci::use(subject), soci::use(since),
        soci::into(oldest, found);
    if (found != soci::i_ok) return 1;
    const long long left_ms = oldest + window_ms_ - now_ms;
    return static_cast<int>(std::max<long long>(1, (left_ms + 999) / 1000));
}

bool Throttle::allow(const std::string& subject, int* retry_after, Clock::time_point now) {
    const long long now_ms = millis(now), since = now_ms - window_ms_;
    const bool recorded = database_.write_alone([&](soci::session& s) {
        soci::statement record =
            (s.prepare << kRecord, soci::use(scope_, "scope"), soci::use(subject, "subject"),
             soci::use(now_ms, "at"), soci::use(scope_, "scope_again"),
             soci::use(subject, "subject_again"), soci::use(since, "since"),
             soci::use(max_events_, "max"));
        record.execute(true);
        if (record.get_affected_rows() > 0) {
            if (++recorded_ % kPruneEvery == 0) s << kPrune, soci::use(scope_), soci::use(since);
            return true;
        }
        if (retry_after) *retry_after = seconds_until_free(s, subject, since, now_ms);
        return false;
    });
    return recorded;
}

bool Throttle::would_allow(const std::string& subject, int* retry_after, Clock::time_point now) {
    const long long now_ms = millis(now), since = now_ms - window_ms_;
    return database_.read([&](soci::session& s) {
        long long count = 0;
        s << kCount, soci::use(scope_), soci::use(subject), soci::use(since), soci::into(count);
        if (count < max_events_) return true;
        if (retry_after) *retry_after = seconds_until_free(s, subject, since, now_ms);
        return false;
    });
}

}  // namespace wangju::store
