// Helpers shared by the query files: running a query into a row struct, and the text forms in
// which timestamps, dates and nullable values are stored (the same on both engines).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "domain/time.h"
#include "store/connections.h"

namespace wangju::store {

// Runs `sql` with the given use() bindings, binding each row into a `Row` through
// `row.bind(prepare)`, and returns every row.
template <class Row, class... Uses>
std::vector<Row> fetch_all(soci::session& session, const std::string& sql, Uses&&... uses) {
    Row row;
    soci::details::prepare_temp_type prepare = (session.prepare << sql);
    row.bind(prepare);
    if constexpr (sizeof...(Uses) > 0) (prepare, ..., std::forward<Uses>(uses));
    soci::statement statement(prepare);
    statement.execute();
    std::vector<Row> rows;
    while (statement.fetch()) rows.push_back(row);
    return rows;
}

template <class Row, class... Uses>
std::optional<Row> fetch_one(soci::session& session, const std::string& sql, Uses&&... uses) {
    auto rows = fetch_all<Row>(session, sql, std::forward<Uses>(uses)...);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

// The rows of `sql`, bound into `Row`s as fetch_all does, its parameters bound by
// `params.bind(prepare)`. The statement is kept in `prepared` (the statements of `session`, when
// it keeps them) with a copy of `params` bound to it, else prepared for this call. For a query
// run on most requests, whose preparing costs more than its running. `params` is assigned to the
// kept copy, so a vector in it must have the same size whenever `sql` is the same, its elements
// being bound where they lie. The rows are read to the end, so that the kept statement holds no
// read open between calls.
template <class Row, class Params>
std::vector<Row> fetch_all_kept(soci::session& session, PreparedStatements* prepared,
                                const std::string& sql, const Params& params) {
    struct Kept : PreparedStatements::Entry {
        Row row;
        Params params;
        std::unique_ptr<soci::statement> statement;
    };
    auto make = [&] {
        auto made = std::make_unique<Kept>();
        made->params = params;
        soci::details::prepare_temp_type prepare = (session.prepare << sql);
        made->row.bind(prepare);
        made->params.bind(prepare);
        made->statement = std::make_unique<soci::statement>(prepare);
        return made;
    };
    std::unique_ptr<Kept> once;
    Kept& kept = prepared ? prepared->find_or_make<Kept>(sql, make) : *(once = make());
    kept.params = params;
    try {
        kept.statement->execute();
        std::vector<Row> rows;
        while (kept.statement->fetch()) rows.push_back(kept.row);
        return rows;
    } catch (...) {
        if (prepared) prepared->drop<Kept>(sql);
        throw;
    }
}

// One parameter, for fetch_all_kept.
template <class T>
struct OneParam {
    T value{};
    void bind(soci::details::prepare_temp_type& p) { p, soci::use(value); }
};

// The first row (or none) of `sql`, whose only parameter is `key`, as fetch_all_kept runs it.
template <class Row, class Key>
std::optional<Row> fetch_one_kept(soci::session& session, PreparedStatements* prepared,
                                  const std::string& sql, const Key& key) {
    auto rows = fetch_all_kept<Row>(session, prepared, sql, OneParam<Key>{key});
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

// A row of a query that selects one column.
template <class T>
struct OneColumn {
    T value{};
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(value); }
};

// Every value of a query that selects one column.
template <class T, class... Uses>
std::vector<T> fetch_values(soci::session& session, const std::string& sql, Uses&&... uses) {
    std::vector<T> values;
    for (auto& row : fetch_all<OneColumn<T>>(session, sql, std::forward<Uses>(uses)...))
        values.push_back(std::move(row.value));
    return values;
}

// A value that may be NULL, for binding in either direction.
struct NullableText {
    std::string value;
    soci::indicator indicator = soci::i_null;

    NullableText() = default;
    explicit NullableText(std::optional<std::string> text)
        : value(text.value_or("")), indicator(text ? soci::i_ok : soci::i_null) {}
    std::optional<std::string> get() const {
        if (indicator != soci::i_ok) return std::nullopt;
        return value;
    }
};

struct NullableId {
    long long value = 0;
    soci::indicator indicator = soci::i_null;

    NullableId() = default;
    explicit NullableId(std::optional<long long> id)
        : value(id.value_or(0)), indicator(id ? soci::i_ok : soci::i_null) {}
    std::optional<long long> get() const {
        if (indicator != soci::i_ok) return std::nullopt;
        return value;
    }
};

std::string stored(Timestamp t);
Timestamp timestamp_from(const std::string& text);  // throws when the column is corrupt
NullableText stored(const std::optional<Date>& day);
std::optional<Date> date_from(const NullableText& text);
NullableText stored(const std::optional<Timestamp>& t);
std::optional<Timestamp> timestamp_from(const NullableText& text);

// The upper bound of the subtree range that starts at `path`: "/1/4/" -> "/1/40" ('0' follows
// '/'), so that `path >= "/1/4/" AND path < "/1/40"` selects exactly the paths below "/1/4/".
std::string subtree_end(std::string_view path);

}  // namespace wangju::store
