// migrate, user add, units import, check: the subcommands an operator runs beside the server.
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/commands.h"
#include "app/stored_files_check.h"
#include "domain/error.h"
#include "domain/password.h"
#include "domain/permission.h"
#include "domain/secret.h"
#include "domain/unit_import.h"
#include "export/table_reader.h"
#include "http/metrics.h"
#include "store/database_facts.h"
#include "web/notary/notary_record_service.h"
#include "web/web_context.h"

namespace wangju::app {
namespace {

const AuditContext cli_context{std::nullopt, "cli"};

// Prints the problems found under `title`, or `sound`; returns the exit code.
int report(const std::vector<std::string>& problems, const std::string& title,
           const std::string& sound) {
    if (problems.empty()) {
        std::cout << sound << "\n";
        return 0;
    }
    std::cout << title << "\n";
    for (const auto& line : problems) std::cout << "  " << line << "\n";
    return 1;
}

int check_database(store::Database& database) {
    std::cerr << "正在检查数据库的完整性…\n";
    const auto problems = database.read(
        [&](soci::session& s) { return store::integrity_problems(s, database.engine()); });
    return report(problems, "数据库完整性检查失败:", "数据库完整性检查通过。");
}

int check_stored_files(const CommonOptions& common, store::Database& database) {
    return report(stored_file_problems(common.data_dir, database), "存储文件校验失败:",
                  "存储文件完好:每个媒体文件与其 SHA-256 一致,数据库记录的文件都在。");
}

// Verifies the audit log's hash chain; prints the result and returns the exit code.
int check_audit_chain(store::Store& store) {
    std::int64_t after = 0;
    std::string previous_hash = genesis_hash();
    std::size_t checked = 0;
    std::size_t total = store.count_audit_events();
    for (;;) {
        auto batch = store.audit_events(after, 5000);
        if (batch.empty()) break;
        if (batch.front().seq != after + 1) {
            std::cout << "审计日志校验失败:第 " << after + 1 << " 条 (seq " << after + 1
                      << "): event " << after + 1 << " is missing\n";
            return 1;
        }
        if (auto broken = verify_chain(batch, previous_hash)) {
            std::cout << "审计日志校验失败:第 " << broken->seq << " 条 (seq " << broken->seq
                      << "): " << broken->reason << "\n";
            return 1;
        }
        checked += batch.size();
        after = batch.back().seq;
        previous_hash = batch.back().hash;
        std::cerr << "\r已校验 " << checked << " / " << total << " 条" << std::flush;
    }
    std::cerr << "\n";
    std::cout << "审计日志完好:共 " << checked << " 条,哈希链无断裂。\n";
    return 0;
}

// Rebuilds every record for the notary from the database as it is now and compares; prints
// each difference naming the record, and returns the exit code.
int check_notary_records(const CommonOptions& common, store::Store& store) {
    if (store.schema_version() < store.latest_schema_version()) {
        std::cout << "数据库结构不是最新版本(请先运行 wangju migrate),未校验公证记录。\n";
        return 1;
    }
    http::Metrics metrics;
    web::WebConfig config;
    config.data_dir = common.data_dir;
    web::WebContext web(store, metrics, config);
    const auto result = web::notary::check_notary_records(web);
    if (!result.problems.empty()) {
        std::cout << "公证记录校验失败:\n";
        for (const auto& line : result.problems) std::cout << "  " << line << "\n";
        std::cout << "其余 " << result.confirmed << " 份记录与当前数据一致。\n";
        return 1;
    }
    std::cout << "公证记录完好:共 " << result.confirmed << " 份,与当前数据一致。\n";
    return 0;
}

}  // namespace

int migrate(const CommonOptions& common) {
    auto store = open_store(common, false);
    int before = store->schema_version();
    store->migrate();
    std::cout << "数据库结构版本:" << before << " → " << store->schema_version() << "\n";
    return 0;
}

int user_add(const CommonOptions& common, const UserAddOptions& options) {
    init_crypto();
    auto roles = Roles::parse(options.role);
    if (!roles || roles->empty()) {
        throw_invalid("角色“" + options.role +
                      "”无法识别;可用:worker, unit_admin, judge, editor, approver, sysadmin");
    }
    std::string password;
    std::getline(std::cin, password);
    if (auto reason = check_password_policy(password, options.username); !reason.empty()) {
        throw_invalid(reason);
    }
    auto store = open_store(common);
    auto unit = store->find_unit_by_code(options.unit);
    if (!unit) throw_not_found("单位“" + options.unit + "”不存在");
    store::NewUser user{options.username,
                        options.display_name.empty() ? options.username : options.display_name,
                        unit->id, *roles, hash_password(password), true};
    auto created = store->create_user(user, cli_context);
    std::cout << "已创建账号 " << created.username << "(" << unit->name << "," << roles->to_string()
              << "),首次登录须修改密码。\n";
    return 0;
}

int units_import(const CommonOptions& common, const std::filesystem::path& file,
                 const std::string& as_user) {
    auto store = open_store(common);
    auto user = store->find_user_by_username(as_user);
    if (!user) throw_not_found("用户“" + as_user + "”不存在");
    auto unit = store->find_unit(user->unit);
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cerr << "正在读取 " << file.string() << "(" << bytes.size() << " 字节)…\n";
    auto rows = tables::read_table(bytes);
    std::cerr << "正在检查 " << (rows.empty() ? 0 : rows.size() - 1) << " 行…\n";
    auto plan = plan_unit_import(rows, actor_of(*user, *unit),
                                 [&store](std::string_view code) { return store->find_unit_by_code(code); });
    if (!plan.errors.empty()) {
        std::cerr << "导入失败,未导入任何单位。有错误的行:\n";
        for (const auto& e : plan.errors) std::cerr << "  第" << e.row << "行:" << e.reason << "\n";
        return 1;
    }
    AuditContext ctx{user->id, "cli"};
    auto created = store->import_units(plan.units, ctx);
    std::cout << "已导入 " << created.size() << " 个单位。\n";
    return 0;
}

int check(const CommonOptions& common) {
    auto store = open_store(common, false);
    // Every part runs, so that one report names everything that is wrong.
    int failed = check_database(store->database());
    failed |= check_audit_chain(*store);
    failed |= check_stored_files(common, store->database());
    failed |= check_notary_records(common, *store);
    return failed;
}

}  // namespace wangju::app
