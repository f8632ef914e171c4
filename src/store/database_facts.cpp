#include "store/database_facts.h"

#include <algorithm>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "domain/error.h"
#include "store/connection_url.h"

#include "store/rows.h"

namespace wangju::store {

namespace {

// FTS5's shadow tables are counted through their virtual table.
constexpr const char* kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
    "'\\' "
    "AND sql NOT LIKE 'CREATE TABLE ''%' ORDER BY name";
constexpr const char* kPostgresTables =
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_type = 'BASE TABLE' ORDER BY table_name";

// Table names come from the database's own catalogue; quoted all the same.
std::string quoted_name(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::int64_t count_rows(soci::session& session, const std::string& table) {
    long long rows = 0;
    session << "SELECT count(*) FROM " + quoted_name(table), soci::into(rows);
    return rows;
}

// A column of a PRAGMA's answer as text, whatever type SQLite gave it.
std::string text_of(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok) return "";
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_string:
            return row.get<std::string>(column);
        case soci::dt_integer:
            return std::to_string(row.get<int>(column));
        case soci::dt_long_long:
            return std::to_string(row.get<long long>(column));
        default:
            return "?";
    }
}

std::vector<std::string> sqlite_problems(soci::session& session) {
    std::vector<std::string> problems;
    for (const auto& line : fetch_values<std::string>(session, "PRAGMA integrity_check")) {
        if (line != "ok") problems.push_back("SQLite 完整性检查:" + line);
    }
    soci::rowset<soci::row> rows = session.prepare << "PRAGMA foreign_key_check";
    for (const auto& row : rows) {
        problems.push_back(
            fmt::format("SQLite 外键检查:表 {} 中 rowid 为 {} 的行引用的 {} 记录不存在",
                        text_of(row, 0), text_of(row, 1), text_of(row, 2)));
    }
    return problems;
}

std::vector<std::string> postgres_problems(soci::session& session) {
    std::vector<std::string> problems;
    for (const auto& table : table_names(session, Engine::postgresql)) {
        try {
            count_rows(session, table);
        } catch (const std::exception& e) {
            problems.push_back(fmt::format("PostgreSQL:表 {} 无法完整读取:{}", table, e.what()));
        }
    }
    return problems;
}

}  // namespace

std::vector<std::string> table_names(soci::session& session, Engine engine) {
    return fetch_values<std::string>(session,
                                     engine == Engine::sqlite ? kSqliteTables : kPostgresTables);
}

std::map<std::string, std::int64_t> row_counts(soci::session& session, Engine engine) {
    std::map<std::string, std::int64_t> counts;
    for (const auto& table : table_names(session, engine))
        counts[table] = count_rows(session, table);
    return counts;
}

int recorded_schema_version(soci::session& session, Engine engine) {
    const auto tables = table_names(session, engine);
    if (std::find(tables.begin(), tables.end(), "schema_migrations") == tables.end()) return 0;
    int version = 0;
    soci::indicator indicator = soci::i_null;
    session << "SELECT max(version) FROM schema_migrations", soci::into(version, indicator);
    return indicator == soci::i_ok ? version : 0;
}

std::unique_ptr<soci::session> open_session(const std::string& url) {
    if (is_postgres_url(url)) {
        return std::make_unique<soci::session>(soci::postgresql, postgres_conninfo(url));
    }
    if (url.find('"') != std::string::npos) {
        throw Error(ErrorKind::invalid_input, "数据库文件路径不能包含双引号");
    }
    return std::make_unique<soci::session>(soci::sqlite3, "db=\"" + url + "\"");
}

std::size_t count_tables(soci::session& session, Engine engine) {
    return table_names(session, engine).size();
}

std::vector<std::string> integrity_problems(soci::session& session, Engine engine) {
    return engine == Engine::sqlite ? sqlite_problems(session) : postgres_problems(session);
}

}  // namespace wangju::store
