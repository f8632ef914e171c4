// The tree of units (单位): national federation at the top, workplace unions at the leaves.
// Each unit stores a materialized path of ids ("/1/4/9/") and its level (the root is level 0), so
// "is A inside B's subtree" is a prefix test and a subtree is one range query.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.h"

namespace wangju {

struct UnitId {
    std::int64_t value = 0;
    auto operator<=>(const UnitId&) const = default;
};

// A grassroots union (基层工会) may hold other grassroots unions: a joint union (联合基层工会) its
// member unions, a large union its branch unions (分工会). A union group (工会小组) is the smallest
// part of a grassroots union and holds no unit.
enum class UnitKind { national, city, district, zone, town, sector, direct, grassroots, group };

std::string_view to_string(UnitKind kind);           // "district"
// Accepts the code name, the Chinese label, its short form and the other names offices use
// ("直属单位", "街道", "乡镇", "系统工会"); nothing else.
std::optional<UnitKind> parse_unit_kind(std::string_view text);
// Every name parse_unit_kind accepts, kind by kind, for a message that refuses another.
std::string accepted_kind_names();
std::string_view label_zh(UnitKind kind);             // "区总工会"
// The order of kinds down the tree. A child's kind must rank strictly below its parent's, except
// that zone, town, sector and direct rank alike (all under a district or city), and that a
// grassroots union may sit under another.
int kind_rank(UnitKind kind);

struct Unit {
    UnitId id;
    std::string code;   // stable, unique, [a-z0-9_-]{2,40}; used in URLs and imports
    std::string name;   // display name in Chinese
    UnitKind kind = UnitKind::grassroots;
    std::optional<UnitId> parent;
    std::string path;   // "/1/4/9/": ids from the root down to this unit, each followed by '/'
    int level = 0;      // 0 for a root
    std::optional<Date> opens_on;   // the unit exists from this date (inclusive), if set
    std::optional<Date> closes_on;  // closed from this date (inclusive), if set

    bool is_open_on(Date day) const;
};

// A unit to be created, as a form or an imported row gives it.
struct NewUnit {
    std::string code;
    std::string name;
    UnitKind kind = UnitKind::grassroots;
    std::optional<std::string> parent_code;  // empty only for a root
    std::optional<Date> opens_on;
    std::optional<Date> closes_on;
};

// Path helpers. `path_of_child(parent.path, child_id)` is "/1/4/" + "9/".
std::string path_of_child(std::string_view parent_path, UnitId child);
std::string root_path(UnitId id);
// True when `unit_path` is `ancestor_path` itself or lies below it.
bool is_within(std::string_view unit_path, std::string_view ancestor_path);
// The ids on a path from the root down, the unit itself last.
std::vector<UnitId> ids_on_path(std::string_view path);

// Validation of user input; each returns an empty string when fine, else a Chinese reason.
std::string check_unit_code(std::string_view code);
std::string check_unit_name(std::string_view name);
// May a unit of kind `child` sit under a unit of kind `parent`? Empty when yes.
std::string check_kind_under(UnitKind parent, UnitKind child);

}  // namespace wangju
