#include "store/inbox_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kInsert =
    "INSERT INTO inbox_notices (unit_id, title, body, link, dedupe_key, created_at) "
    "VALUES (:u, :title, :body, :link, :key, :at) ON CONFLICT (dedupe_key) DO NOTHING";
constexpr const char* kExists = "SELECT count(*) FROM inbox_notices WHERE dedupe_key = :key";
constexpr const char* kList =
    "SELECT id, unit_id, title, body, link, created_at, read_at FROM inbox_notices "
    "WHERE unit_id = :u ORDER BY id DESC LIMIT :limit";
constexpr const char* kUnread =
    "SELECT count(*) FROM inbox_notices WHERE unit_id = :u AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE inbox_notices SET read_at = :at WHERE id = :id AND unit_id = :u AND read_at IS NULL";
constexpr const char* kFind = "SELECT count(*) FROM inbox_notices WHERE id = :id AND unit_id = :u";

struct NoticeRow {
    long long id = 0, unit = 0;
    std::string title, body, link, created_at;
    NullableText read_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(unit), soci::into(title), soci::into(body), soci::into(link),
            soci::into(created_at), soci::into(read_at.value, read_at.indicator);
    }
    InboxNotice notice() const {
        return {id, UnitId{unit}, title, body, link, timestamp_from(created_at), timestamp_from(read_at)};
    }
};

}  // namespace

nlohmann::json to_json(const InboxNotice& n) {
    return {{"id", n.id},
            {"title", n.title},
            {"body", n.body},
            {"link", n.link},
            {"created_at", format_utc(n.created_at)},
            {"created_at_local", format_shanghai(n.created_at)},
            {"read", n.read_at.has_value()}};
}

bool InboxStore::notify(const InboxNotice& n, const std::string& key, const AuditContext& ctx) {
    return database_.write([&](soci::session& s) {
        long long existing = 0;
        s << kExists, soci::use(key), soci::into(existing);
        if (existing > 0) return false;
        const std::string at = stored(n.created_at);
        s << kInsert, soci::use(n.unit.value), soci::use(n.title), soci::use(n.body),
            soci::use(n.link), soci::use(key), soci::use(at);
        append_event(s, ctx, "inbox.notify", fmt::format("unit_id:{}", n.unit.value), nullptr,
                     {{"title", n.title}, {"key", key}});
        return true;
    });
}

std::vector<InboxNotice> InboxStore::notices(UnitId unit, std::size_t limit) {
    return database_.read([&](soci::session& s) {
        const long long l = static_cast<long long>(limit);
        std::vector<InboxNotice> out;
        for (const auto& r : fetch_all<NoticeRow>(s, kList, soci::use(unit.value), soci::use(l)))
            out.push_back(r.notice());
        return out;
    });
}

std::size_t InboxStore::unread(UnitId unit) {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        s << kUnread, soci::use(unit.value), soci::into(n);
        return static_cast<std::size_t>(n);
    });
}

void InboxStore::mark_read(std::int64_t id, UnitId unit, Timestamp now) {
    database_.write([&](soci::session& s) {
        long long key = id, found = 0;
        s << kFind, soci::use(key), soci::use(unit.value), soci::into(found);
        if (found == 0) throw_not_found("找不到该条通知");
        const std::string at = stored(now);
        s << kMarkRead, soci::use(at), soci::use(key), soci::use(unit.value);
    });
}

}  // namespace wangju::store
