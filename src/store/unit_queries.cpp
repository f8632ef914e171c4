#include "store/unit_queries.h"

#include <stdexcept>

#include "store/rows.h"

namespace wangju::store::units {

namespace {

#define WANGJU_UNIT_COLUMNS \
    "SELECT id, code, name, kind, parent_id, path, level, opens_on, closes_on FROM units "

constexpr const char* kFindById = WANGJU_UNIT_COLUMNS "WHERE id = :id";
constexpr const char* kFindByCode = WANGJU_UNIT_COLUMNS "WHERE code = :code";
constexpr const char* kChildren = WANGJU_UNIT_COLUMNS "WHERE parent_id = :parent ORDER BY code";
constexpr const char* kRoots = WANGJU_UNIT_COLUMNS "WHERE parent_id IS NULL ORDER BY code";
constexpr const char* kSubtree =
    WANGJU_UNIT_COLUMNS "WHERE path >= :path AND path < :path_end ORDER BY path";
constexpr const char* kCount = "SELECT count(*) FROM units";
constexpr const char* kInsert =
    "INSERT INTO units (code, name, kind, parent_id, path, level, opens_on, closes_on, "
    "created_at) VALUES (:code, :name, :kind, :parent_id, '', :level, :opens_on, :closes_on, "
    ":created_at) RETURNING id";
constexpr const char* kSetPath = "UPDATE units SET path = :path WHERE id = :id";
constexpr const char* kUpdateFields =
    "UPDATE units SET name = :name, opens_on = :opens_on, closes_on = :closes_on WHERE id = :id";
constexpr const char* kSetParent = "UPDATE units SET parent_id = :parent WHERE id = :id";
// Replaces the old path prefix (its length plus one is where the rest starts) by the new one.
constexpr const char* kMoveSubtree =
    "UPDATE units SET path = :new_prefix || substr(path, :rest_from), level = level + :delta "
    "WHERE path >= :path AND path < :path_end";

#undef WANGJU_UNIT_COLUMNS

struct UnitRow {
    long long id = 0;
    std::string code, name, kind;
    NullableId parent;
    std::string path;
    int level = 0;
    NullableText opens_on, closes_on;

    void bind(soci::details::prepare_temp_type& p) {
        p, soci::into(id), soci::into(code), soci::into(name), soci::into(kind),
            soci::into(parent.value, parent.indicator), soci::into(path), soci::into(level),
            soci::into(opens_on.value, opens_on.indicator),
            soci::into(closes_on.value, closes_on.indicator);
    }

    Unit unit() const {
        Unit u;
        u.id = UnitId{id};
        u.code = code;
        u.name = name;
        const auto parsed_kind = parse_unit_kind(kind);
        if (!parsed_kind) throw std::runtime_error("invalid unit kind in database: " + kind);
        u.kind = *parsed_kind;
        if (auto parent_id = parent.get()) u.parent = UnitId{*parent_id};
        u.path = path;
        u.level = level;
        u.opens_on = date_from(opens_on);
        u.closes_on = date_from(closes_on);
        return u;
    }
};

std::vector<Unit> to_units(const std::vector<UnitRow>& rows) {
    std::vector<Unit> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row.unit());
    return out;
}

std::optional<Unit> to_unit(const std::optional<UnitRow>& row) {
    if (!row) return std::nullopt;
    return row->unit();
}

nlohmann::json json_date(const std::optional<Date>& day) {
    return day ? nlohmann::json(format_date(*day)) : nlohmann::json();
}

}  // namespace

std::optional<Unit> find(soci::session& session, UnitId id) {
    const long long value = id.value;
    return to_unit(fetch_one<UnitRow>(session, kFindById, soci::use(value)));
}

std::optional<Unit> find_by_code(soci::session& session, const std::string& code) {
    return to_unit(fetch_one<UnitRow>(session, kFindByCode, soci::use(code)));
}

std::vector<Unit> children(soci::session& session, UnitId parent) {
    const long long value = parent.value;
    return to_units(fetch_all<UnitRow>(session, kChildren, soci::use(value)));
}

std::vector<Unit> subtree(soci::session& session, const std::string& path) {
    const std::string path_end = subtree_end(path);
    return to_units(fetch_all<UnitRow>(session, kSubtree, soci::use(path), soci::use(path_end)));
}

std::vector<Unit> roots(soci::session& session) {
    return to_units(fetch_all<UnitRow>(session, kRoots));
}

std::size_t count(soci::session& session) {
    long long n = 0;
    session << kCount, soci::into(n);
    return static_cast<std::size_t>(n);
}

Unit insert(soci::session& session, const NewUnit& unit, const std::optional<Unit>& parent) {
    const std::string kind(to_string(unit.kind));
    NullableId parent_id(parent ? std::optional<long long>(parent->id.value) : std::nullopt);
    const int level = parent ? parent->level + 1 : 0;
    NullableText opens_on = stored(unit.opens_on), closes_on = stored(unit.closes_on);
    const std::string created_at = stored(now_utc());
    long long id = 0;
    session << kInsert, soci::use(unit.code), soci::use(unit.name), soci::use(kind),
        soci::use(parent_id.value, parent_id.indicator), soci::use(level),
        soci::use(opens_on.value, opens_on.indicator),
        soci::use(closes_on.value, closes_on.indicator), soci::use(created_at), soci::into(id);

    Unit created;
    created.id = UnitId{id};
    created.code = unit.code;
    created.name = unit.name;
    created.kind = unit.kind;
    if (parent) created.parent = parent->id;
    created.path = parent ? path_of_child(parent->path, created.id) : root_path(created.id);
    created.level = level;
    created.opens_on = unit.opens_on;
    created.closes_on = unit.closes_on;
    session << kSetPath, soci::use(created.path), soci::use(id);
    return created;
}

void update_fields(soci::session& session, const Unit& unit) {
    NullableText opens_on = stored(unit.opens_on), closes_on = stored(unit.closes_on);
    const long long id = unit.id.value;
    session << kUpdateFields, soci::use(unit.name), soci::use(opens_on.value, opens_on.indicator),
        soci::use(closes_on.value, closes_on.indicator), soci::use(id);
}

void move_subtree(soci::session& session, const Unit& unit, const Unit& new_parent) {
    const std::string new_prefix = path_of_child(new_parent.path, unit.id);
    const int rest_from = static_cast<int>(unit.path.size()) + 1;
    const int delta = new_parent.level + 1 - unit.level;
    const std::string path_end = subtree_end(unit.path);
    session << kMoveSubtree, soci::use(new_prefix), soci::use(rest_from), soci::use(delta),
        soci::use(unit.path), soci::use(path_end);
    const long long parent_id = new_parent.id.value, id = unit.id.value;
    session << kSetParent, soci::use(parent_id), soci::use(id);
}

nlohmann::json to_json(const Unit& unit) {
    return {
        {"id", unit.id.value},
        {"code", unit.code},
        {"name", unit.name},
        {"kind", std::string(to_string(unit.kind))},
        {"parent_id", unit.parent ? nlohmann::json(unit.parent->value) : nlohmann::json()},
        {"path", unit.path},
        {"level", unit.level},
        {"opens_on", json_date(unit.opens_on)},
        {"closes_on", json_date(unit.closes_on)},
    };
}

std::string audit_object(const Unit& unit) {
    return "unit:" + unit.code;
}

}  // namespace wangju::store::units
