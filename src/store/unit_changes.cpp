#include "store/unit_changes.h"

#include <fmt/format.h>

#include "domain/error.h"
#include "store/audit_log.h"
#include "store/campaign_totals.h"
#include "store/unit_queries.h"

namespace wangju::store {

namespace {

void require(const std::string& reason, const std::string& field) {
    if (!reason.empty()) throw_invalid(reason, {{field, reason}});
}

std::string check_dates(const std::optional<Date>& opens_on, const std::optional<Date>& closes_on) {
    if (opens_on && closes_on && *closes_on <= *opens_on) return "撤销日期必须晚于成立日期";
    return "";
}

Unit existing(soci::session& session, UnitId id) {
    auto unit = units::find(session, id);
    if (!unit) throw_not_found("单位不存在");
    return *unit;
}

std::optional<Unit> parent_of(soci::session& session, const NewUnit& unit) {
    if (!unit.parent_code) return std::nullopt;
    auto parent = units::find_by_code(session, *unit.parent_code);
    if (!parent) {
        const std::string reason = fmt::format("上级单位“{}”不存在", *unit.parent_code);
        throw_invalid(reason, {{"parent_code", reason}});
    }
    require(check_kind_under(parent->kind, unit.kind), "kind");
    return parent;
}

}  // namespace

Unit create_unit_in(soci::session& session, const NewUnit& unit, const AuditContext& ctx,
                    const std::string& action) {
    require(check_unit_code(unit.code), "code");
    require(check_unit_name(unit.name), "name");
    require(check_dates(unit.opens_on, unit.closes_on), "closes_on");
    const auto parent = parent_of(session, unit);
    if (units::find_by_code(session, unit.code)) {
        throw_conflict(fmt::format("单位编码“{}”已存在", unit.code));
    }
    Unit created = units::insert(session, unit, parent);
    append_event(session, ctx, action, units::audit_object(created), nullptr,
                 units::to_json(created));
    return created;
}

Unit update_unit_in(soci::session& session, UnitId id, const UnitChanges& changes,
                    const AuditContext& ctx) {
    const Unit before = existing(session, id);
    Unit after = before;
    if (changes.name) after.name = *changes.name;
    if (changes.opens_on) after.opens_on = *changes.opens_on;
    if (changes.closes_on) after.closes_on = *changes.closes_on;
    require(check_unit_name(after.name), "name");
    require(check_dates(after.opens_on, after.closes_on), "closes_on");
    units::update_fields(session, after);
    append_event(session, ctx, "unit.update", units::audit_object(after), units::to_json(before),
                 units::to_json(after));
    return after;
}

Unit move_unit_in(soci::session& session, UnitId id, UnitId new_parent, const AuditContext& ctx) {
    const Unit before = existing(session, id);
    const Unit parent = existing(session, new_parent);
    if (is_within(parent.path, before.path)) {
        throw_conflict("不能把单位移到它自己的下级单位之下");
    }
    require(check_kind_under(parent.kind, before.kind), "kind");
    if (before.parent == parent.id) return before;
    const std::string old_parent_path = before.parent ? existing(session, *before.parent).path : "";
    units::move_subtree(session, before, parent);
    move_campaign_rollups(session, before.id, old_parent_path, parent.path);
    const Unit after = existing(session, id);
    append_event(session, ctx, "unit.move", units::audit_object(after), units::to_json(before),
                 units::to_json(after));
    return after;
}

std::vector<Unit> import_units_in(soci::session& session, const std::vector<NewUnit>& rows,
                                  const AuditContext& ctx) {
    std::vector<Unit> created;
    created.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        try {
            created.push_back(create_unit_in(session, rows[i], ctx, "unit.import"));
        } catch (const Error& e) {
            throw Error(e.kind(), fmt::format("第 {} 行:{}", i + 1, e.message()), e.fields());
        }
    }
    return created;
}

}  // namespace wangju::store
