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

// The one row (or none) of `sql`, whose only parameter is `key`, by a statement kept in
// `prepared` (the statements of `session`, when it keeps them), else prepared for this call. For
// a query run on most requests: preparing costs more than running a lookup by key. The rows are
// read to the end, so that the kept statement holds no read open between calls.
template <class Row, class Key>
std::optional<Row> fetch_one_kept(soci::session& session, PreparedStatements* prepared,
                                  const std::string& sql, const Key& key) {
    if (!prepared) return fetch_one<Row>(session, sql, soci::use(key));
    struct Kept : PreparedStatements::Entry {
        Row row;
        Key key{};
        std::unique_ptr<soci::statement> statement;
    };
    auto& kept = prepared->find_or_make<Kept>(sql, [&] {
        auto made = std::make_unique<Kept>();
        soci::details::prepare_temp_type prepare = (session.prepare << sql);
        made->row.bind(prepare);
        prepare, soci::use(made->key);
        made->statement = std::make_unique<soci::statement>(prepare);
        return made;
    });
    kept.key = key;
    try {
        kept.statement->execute();
        std::optional<Row> found;
        while (kept.statement->fetch()) {
            if (!found) found = kept.row;
        }
        return found;
    } catch (...) {
        prepared->drop<Kept>(sql);
        throw;
    }
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
