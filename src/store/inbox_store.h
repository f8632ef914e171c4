// The on-site inbox: notices addressed to a unit, read by its admins (reminders of deadlines and
// quotas, decisions on reports). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/unit.h"
#include "domain/user.h"
#include "store/database.h"

namespace wangju::store {

struct InboxNotice {
    std::int64_t id = 0;
    UnitId unit;
    std::string title;
    std::string body;
    std::string link;  // a page of this site, or empty
    Timestamp created_at{};
    std::optional<Timestamp> read_at;
    // One account of the unit the notice is for (a judge's reminder); none: everyone of the unit.
    std::optional<UserId> user = std::nullopt;
};
nlohmann::json to_json(const InboxNotice& notice);

class InboxStore {
  public:
    explicit InboxStore(Database& database) : database_(database) {}

    // Stores the notice unless one with the same `dedupe_key` exists; true when stored.
    bool notify(const InboxNotice& notice, const std::string& dedupe_key, const AuditContext& ctx);
    // The notices of `unit` that `reader` may see (the unit's, and those addressed to the reader),
    // newest first. Without a reader, the unit's only.
    std::vector<InboxNotice> notices(UnitId unit, std::optional<UserId> reader = std::nullopt,
                                     std::size_t limit = 100);
    std::size_t unread(UnitId unit, std::optional<UserId> reader = std::nullopt);
    // Marks a notice of `unit` read; not found when it belongs to another unit or another reader.
    void mark_read(std::int64_t id, UnitId unit, Timestamp now,
                   std::optional<UserId> reader = std::nullopt);

  private:
    Database& database_;
};

}  // namespace wangju::store
