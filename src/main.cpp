// wangju: the command line. Every subcommand takes --data and --database with the same meaning.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.h"
#include "domain/error.h"

int main(int argc, char** argv) {
    using namespace wangju::app;
    CLI::App cli{"网聚 Wangju: 职工网络主题活动平台 (a platform for a trade-union federation's "
                 "online campaign)"};
    cli.require_subcommand(1);
    CommonOptions common;
    auto add_common = [&common](CLI::App* cmd) {
        cmd->add_option("--data", common.data_dir,
                        "folder of the SQLite database and stored media (default ./data)");
        cmd->add_option("--database", common.database,
                        "a SQLite file path or a postgresql:// URL (default: $WANGJU_DATABASE, "
                        "else DATA/wangju.db)");
    };

    ServeOptions serve_options;
    auto* serve_cmd = cli.add_subcommand("serve", "run the web server");
    add_common(serve_cmd);
    serve_cmd->add_option("--listen", serve_options.listen, "ADDR:PORT (default 127.0.0.1:8080)");
    serve_cmd->add_flag("--demo", serve_options.demo,
                        "load the demo federation into an empty database");
    serve_cmd->add_option("--static", serve_options.static_dir,
                          "folder of static assets (default: 'static' beside the binary)");
    serve_cmd->add_option("--access-log", serve_options.access_log,
                          "access log: '-' for standard output, '' for none, or a file");
    serve_cmd->add_flag("--trust-forwarded", serve_options.trust_forwarded,
                        "trust X-Forwarded-For and X-Forwarded-Proto (behind a reverse proxy)");
    serve_cmd->add_option("--max-connections", serve_options.max_connections,
                          "open connections at most; more are answered 503 (default 16384, "
                          "lowered to what the open-file limit allows)")
        ->check(CLI::Range(1, 1 << 20));
    serve_cmd->add_option("--max-connections-per-address", serve_options.max_connections_per_address,
                          "open connections from one client address at most; more are answered "
                          "503 (default 256; 0: no cap)")
        ->check(CLI::Range(0, 1 << 20));
    serve_cmd->add_option("--secret-key-file", serve_options.secret_key_file,
                          "key that encrypts letters' phones and addresses (default "
                          "DATA/secret.key, created with mode 0600 on first start)");
    serve_cmd->add_option("--reminder-interval", serve_options.reminder_interval_minutes,
                          "minutes between reminder runs (default 60)")
        ->check(CLI::Range(1, 7 * 24 * 60));
    serve_cmd->add_option("--reminder-window", serve_options.reminder_window_hours,
                          "remind units behind their quota this many hours before their "
                          "deadline ends (default 72)")
        ->check(CLI::Range(1, 60 * 24));
    serve_cmd->add_option("--public-url", serve_options.public_url,
                          "the site's address for links in e-mail (default http://LISTEN)");
    serve_cmd->add_option("--smtp-url", serve_options.smtp_url,
                          "send reminder e-mail through this server: smtp://host:port or "
                          "smtps://host:port (default: no e-mail)");
    serve_cmd->add_option("--smtp-from", serve_options.smtp_from, "sender address of e-mail");
    serve_cmd->add_option("--smtp-credentials-file", serve_options.smtp_credentials_file,
                          "file whose first line is USERNAME:PASSWORD for the SMTP server")
        ->check(CLI::ExistingFile);

    auto* migrate_cmd = cli.add_subcommand("migrate", "bring the database schema up to date");
    add_common(migrate_cmd);

    auto* user_cmd = cli.add_subcommand("user", "manage accounts");
    user_cmd->require_subcommand(1);
    UserAddOptions user_options;
    auto* user_add_cmd = user_cmd->add_subcommand("add", "create an account");
    add_common(user_add_cmd);
    user_add_cmd->add_option("--unit", user_options.unit, "code of the user's unit")->required();
    user_add_cmd->add_option("--role", user_options.role,
                             "worker, unit_admin, judge, editor, approver, sysadmin "
                             "(several separated by commas)")
        ->required();
    user_add_cmd->add_option("--username", user_options.username, "login name")->required();
    user_add_cmd->add_option("--name", user_options.display_name, "display name (default: username)");
    user_add_cmd->add_flag("--password-stdin", user_options.password_stdin,
                           "read the password from standard input")
        ->required();

    auto* units_cmd = cli.add_subcommand("units", "manage the unit tree");
    units_cmd->require_subcommand(1);
    std::filesystem::path import_file;
    std::string import_as;
    auto* import_cmd = units_cmd->add_subcommand(
        "import", "import units from a CSV or XLSX table (code, name, kind, parent code)");
    add_common(import_cmd);
    import_cmd->add_option("file", import_file, "the table")->required()->check(CLI::ExistingFile);
    import_cmd->add_option("--as", import_as, "username whose permissions apply")->required();

    auto* check_cmd = cli.add_subcommand(
        "check",
        "verify the database's integrity, the audit log's hash chain, the stored files' "
        "checksums and the records for the notary");
    add_common(check_cmd);

    BackupOptions backup_options;
    auto* backup_cmd = cli.add_subcommand(
        "backup",
        "copy the database, the key file and the stored files into a new folder, with "
        "a manifest of checksums; the server may keep running");
    add_common(backup_cmd);
    backup_cmd->add_option("--to", backup_options.to, "the new backup folder")->required();
    backup_cmd->add_option("--secret-key-file", backup_options.secret_key_file,
                           "the key file the server uses (default DATA/secret.key)");

    RestoreOptions restore_options;
    auto* restore_cmd = cli.add_subcommand(
        "restore",
        "restore a backup into an empty data folder and an empty database, after "
        "checking every file against the manifest");
    add_common(restore_cmd);
    restore_cmd->add_option("--from", restore_options.from, "the backup folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    restore_cmd->add_option("--secret-key-file", restore_options.secret_key_file,
                            "where to put the key file (default DATA/secret.key)");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    try {
        if (*serve_cmd) return serve(common, serve_options);
        if (*migrate_cmd) return migrate(common);
        if (*user_add_cmd) return user_add(common, user_options);
        if (*import_cmd) return units_import(common, import_file, import_as);
        if (*check_cmd) return check(common);
        if (*backup_cmd) return backup(common, backup_options);
        if (*restore_cmd) return restore(common, restore_options);
    } catch (const wangju::Error& e) {
        std::cerr << "错误:" << e.message() << "\n";
        for (const auto& [field, reason] : e.fields()) std::cerr << "  " << field << ": " << reason << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "错误:" << e.what() << "\n";
        return 1;
    }
    return 2;
}
