// The rules of changing the unit tree, applied inside a caller's write transaction: validation,
// the tree's invariants (paths, levels, kinds), and the audit event of each change.
#pragma once

#include <vector>

#include <soci/soci.h>

#include "domain/audit.h"
#include "store/store.h"

namespace wangju::store {

// `action` is "unit.create", or "unit.import" for a row of an import.
Unit create_unit_in(soci::session& session, const NewUnit& unit, const AuditContext& ctx,
                    const std::string& action = "unit.create");
Unit update_unit_in(soci::session& session, UnitId id, const UnitChanges& changes,
                    const AuditContext& ctx);
Unit move_unit_in(soci::session& session, UnitId id, UnitId new_parent, const AuditContext& ctx);
std::vector<Unit> import_units_in(soci::session& session, const std::vector<NewUnit>& rows,
                                  const AuditContext& ctx);

}  // namespace wangju::store
