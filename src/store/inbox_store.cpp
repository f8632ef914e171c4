#include "store/inbox_store.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/rows.h"

namespace wangju::store {

namespace {

constexpr const char* kInsert =
    "INSERT INTO inbox_notices (unit_id, user_id, title, body, link, dedupe_key, created_at) "
    "VALUES (:u, :reader, :title, :body, :link, :key, :at) ON CONFLICT (dedupe_key) DO NOTHING";
constexpr const char* kExists = "SELECT count(*) FROM inbox_notices WHERE dedupe_key = :key";
// A reader of 0 (no account has it) sees the unit's notices only.
#define WANGJU_FOR_READER " AND (user_id IS NULL OR user_id = :reader)"
constexpr const char* kList =
    "SELECT id, unit_id, user_id, title, body, link, created_at, read_at FROM inbox_notices "
    "WHERE unit_id = :u" WANGJU_FOR_READER " ORDER BY id DESC LIMIT :limit";
constexpr const char* kUnread =
    "SELECT count(*) FROM inbox_notices WHERE unit_id = :u" WANGJU_FOR_READER
    " AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE inbox_notices SET read_at = :at WHERE id = :id AND unit_id = :u" WANGJU_FOR_READER
    " AND read_at IS NULL";
constexpr const char* kFind =
    "SELECT count(*) FROM inbox_notices WHERE id = :id AND unit_id = :u" WANGJU_FOR_READER;
#undef WANGJU_FOR_READER

long long reader_id(const std::optional<UserId>& reader) {
    return reader ? reader->value : 0;
}

struct NoticeRow {
    long long id = 0, unit = 0;
    NullableId user;
    std::string title, body, link, created_at;
    NullableText read_at;
    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(unit), soci::into(user.value, user.indicator),
            soci::into(title), soci::into(body), soci::into(link), soci::into(created_at),
            soci::into(read_at.value, read_at.indicator);
    }
    InboxNotice notice() const {
        std::optional<UserId> reader;
        if (auto u = user.get()) reader = UserId{*u};
        return {id,
                UnitId{unit},
                title,
                body,
                link,
                timestamp_from(created_at),
                timestamp_from(read_at),
                reader};
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
        NullableId reader(n.user ? std::optional<long long>(n.user->value) : std::nullopt);
        s << kInsert, soci::use(n.unit.value), soci::use(reader.value, reader.indicator),
            soci::use(n.title), soci::use(n.body), soci::use(n.link), soci::use(key), soci::use(at);
        append_event(s, ctx, "inbox.notify", fmt::format("unit_id:{}", n.unit.value), nullptr,
                     {{"title", n.title}, {"key", key}});
        return true;
    });
}

std::vector<InboxNotice> InboxStore::notices(UnitId unit, std::optional<UserId> reader,
                                             std::size_t limit) {
    return database_.read([&](soci::session& s) {
        const long long l = static_cast<long long>(limit);
        const long long me = reader_id(reader);
        std::vector<InboxNotice> out;
        for (const auto& r :
             fetch_all<NoticeRow>(s, kList, soci::use(unit.value), soci::use(me), soci::use(l)))
            out.push_back(r.notice());
        return out;
    });
}

std::size_t InboxStore::unread(UnitId unit, std::optional<UserId> reader) {
    return database_.read([&](soci::session& s) {
        long long n = 0;
        const long long me = reader_id(reader);
        s << kUnread, soci::use(unit.value), soci::use(me), soci::into(n);
        return static_cast<std::size_t>(n);
    });
}

void InboxStore::mark_read(std::int64_t id, UnitId unit, Timestamp now,
                           std::optional<UserId> reader) {
    database_.write([&](soci::session& s) {
        long long key = id, found = 0;
        const long long me = reader_id(reader);
        s << kFind, soci::use(key), soci::use(unit.value), soci::use(me), soci::into(found);
        if (found == 0) throw_not_found("找不到该条通知");
        const std::string at = stored(now);
        s << kMarkRead, soci::use(at), soci::use(key), soci::use(unit.value), soci::use(me);
    });
}

}  // namespace wangju::store
