#include "web/unit_admin.h"

#include "domain/error.h"
#include "domain/permission.h"
#include "export/table_reader.h"

namespace wangju::web {

Unit load_unit(WebContext& web, const std::string& code) {
    auto unit = web.store.find_unit_by_code(code);
    if (!unit) throw_not_found("单位“" + code + "”不存在");
    return *unit;
}

Unit require_unit_action(WebContext& web, const CurrentUser& user, const std::string& code,
                         UnitAction action) {
    Unit unit = load_unit(web, code);
    require(user.actor, action, unit);
    return unit;
}

void require_any_admin(const CurrentUser& user) {
    require(user.actor, UnitAction::manage, user.unit);
}

UnitView view_unit(WebContext& web, const CurrentUser& user, const std::string& code) {
    Unit unit = load_unit(web, code);
    require(user.actor, UnitAction::view, unit);
    UnitView view{unit, web.store.ancestors(unit), {}, false, false};
    if (is_within(unit.path, user.unit.path)) view.children = web.store.children(unit.id);
    view.can_manage = may(user.actor, UnitAction::manage, unit);
    view.can_move_or_close = may(user.actor, UnitAction::move_or_close, unit);
    return view;
}

Unit create_unit(WebContext& web, const CurrentUser& user, const NewUnit& unit,
                 const AuditContext& ctx) {
    if (!unit.parent_code || unit.parent_code->empty()) {
        throw_invalid("请选择上级单位", {{"parent", "请选择上级单位"}});
    }
    require(user.actor, UnitAction::manage, load_unit(web, *unit.parent_code));
    return web.store.create_unit(unit, ctx);
}

Unit rename_unit(WebContext& web, const CurrentUser& user, const std::string& code,
                 const std::string& name, const AuditContext& ctx) {
    Unit unit = load_unit(web, code);
    require(user.actor, UnitAction::manage, unit);
    store::UnitChanges changes;
    changes.name = name;
    return web.store.update_unit(unit.id, changes, ctx);
}

Unit move_unit(WebContext& web, const CurrentUser& user, const std::string& code,
               const std::string& new_parent_code, const AuditContext& ctx) {
    Unit unit = load_unit(web, code);
    require(user.actor, UnitAction::move_or_close, unit);
    Unit parent = load_unit(web, new_parent_code);
    require(user.actor, UnitAction::manage, parent);
    if (move_makes_cycle(unit, parent)) {
        throw_conflict("不能把单位“" + unit.name + "”移到它自己的下级单位之下");
    }
    return web.store.move_unit(unit.id, parent.id, ctx);
}

Unit close_unit(WebContext& web, const CurrentUser& user, const std::string& code, Date day,
                const AuditContext& ctx) {
    Unit unit = load_unit(web, code);
    require(user.actor, UnitAction::move_or_close, unit);
    store::UnitChanges changes;
    changes.closes_on = std::optional<Date>(day);
    return web.store.update_unit(unit.id, changes, ctx);
}

std::vector<Unit> import_units(WebContext& web, const CurrentUser& user, std::string_view file,
                               const AuditContext& ctx) {
    require(user.actor, UnitAction::import_units, user.unit);
    if (file.empty()) throw_invalid("请选择要导入的CSV或XLSX文件", {{"file", "文件为空"}});
    auto rows = tables::read_table(file);
    auto lookup = [&web](std::string_view code) {
        return web.store.find_unit_by_code(code);
    };
    auto plan = plan_unit_import(rows, user.actor, lookup);
    if (!plan.errors.empty()) {
        std::map<std::string, std::string> fields;
        for (const auto& e : plan.errors) {
            auto& text = fields["row:" + std::to_string(e.row)];
            text += (text.empty() ? "" : ";") + e.reason;
        }
        throw_invalid("导入失败:" + std::to_string(fields.size()) + "行有错误,未导入任何单位",
                      fields);
    }
    if (plan.units.empty()) throw_invalid("表格中没有单位数据", {{"file", "表格中没有数据行"}});
    return web.store.import_units(plan.units, ctx);
}

}  // namespace wangju::web
