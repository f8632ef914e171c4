#include "store/migrations.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/error.h"
#include "domain/time.h"

namespace wangju::store {

namespace {

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr const char* kSqliteHasMigrationsTable =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr const char* kPostgresHasMigrationsTable =
    "SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";
constexpr const char* kMaxVersion = "SELECT max(version) FROM schema_migrations";
// Several processes may start at once against one PostgreSQL; the first to lock migrates.
constexpr const char* kPostgresLockMigrations =
    "LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE";
constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)";

std::string_view engine_folder(Engine engine) {
    return engine == Engine::sqlite ? "sqlite" : "postgresql";
}

// "sqlite/0001_core.sql" -> {1, "core"}; false for a file that is not a migration.
bool parse_file_name(std::string_view file, int& version, std::string& name) {
    const auto slash = file.find('/');
    std::string_view base = file.substr(slash + 1);
    if (!base.ends_with(".sql") || base.size() < 10 || base[4] != '_') return false;
    version = 0;
    for (char c : base.substr(0, 4)) {
        if (c < '0' || c > '9') return false;
        version = version * 10 + (c - '0');
    }
    name = std::string(base.substr(5, base.size() - 9));
    return version > 0;
}

int max_version(soci::session& session) {
    int version = 0;
    soci::indicator indicator = soci::i_null;
    session << kMaxVersion, soci::into(version, indicator);
    return indicator == soci::i_ok ? version : 0;
}

bool has_migrations_table(soci::session& session, Engine engine) {
    long long tables = 0;
    session << (engine == Engine::sqlite ? kSqliteHasMigrationsTable : kPostgresHasMigrationsTable),
        soci::into(tables);
    return tables > 0;
}

void refuse_newer_database(int current, int latest) {
    if (current > latest) {
        throw Error(
            ErrorKind::unavailable,
            fmt::format("数据库版本({})高于本程序支持的版本({}),请升级程序", current, latest));
    }
}

void apply(soci::session& session, Engine engine, const Migration& migration) {
    soci::transaction transaction(session);
    if (engine == Engine::postgresql) session << kPostgresLockMigrations;
    if (max_version(session) >= migration.version) return;  // another process was faster
    for (const auto& statement : sql_statements(migration.sql)) session << statement;
    const std::string applied_at = format_utc(now_utc());
    session << kRecordMigration, soci::use(migration.version), soci::use(migration.name),
        soci::use(applied_at);
    transaction.commit();
    spdlog::info("database migrated to version {} ({})", migration.version, migration.name);
}

}  // namespace

std::vector<Migration> migrations_for(Engine engine) {
    std::vector<Migration> migrations;
    const std::string prefix = std::string(engine_folder(engine)) + "/";
    for (const auto& [file, sql] : embedded_migrations()) {
        Migration migration;
        if (!file.starts_with(prefix) ||
            !parse_file_name(file, migration.version, migration.name)) {
            continue;
        }
        migration.sql = sql;
        migrations.push_back(std::move(migration));
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    return migrations;
}

std::vector<std::string> sql_statements(std::string_view script) {
    std::vector<std::string> statements;
    std::string current;
    while (!script.empty()) {
        const auto end = script.find('\n');
        std::string_view line = script.substr(0, end);
        script = end == std::string_view::npos ? std::string_view{} : script.substr(end + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.find_first_not_of(' ') == std::string_view::npos) continue;
        if (line.substr(line.find_first_not_of(' ')).starts_with("--")) continue;
        current += line;
        current += '\n';
        if (line.ends_with(';')) {
            current.resize(current.size() - 2);  // the ';' and the newline
            statements.push_back(std::move(current));
            current.clear();
        }
    }
    if (current.find_first_not_of(" \n") != std::string::npos) statements.push_back(current);
    return statements;
}

int schema_version(soci::session& session, Engine engine) {
    return has_migrations_table(session, engine) ? max_version(session) : 0;
}

void migrate(Connections& connections) {
    const auto migrations = migrations_for(connections.engine());
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    auto session = connections.write();
    if (has_migrations_table(*session, connections.engine())) {
        refuse_newer_database(max_version(*session), latest);
    } else {
        *session << kCreateMigrationsTable;
    }
    for (const auto& migration : migrations) apply(*session, connections.engine(), migration);
}

}  // namespace wangju::store
