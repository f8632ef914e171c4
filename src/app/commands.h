// The subcommands of `wangju`. Each returns the process exit code.
#pragma once

#include <filesystem>
#include <string>

#include "app/options.h"

namespace wangju::app {

struct ServeOptions {
    std::string listen = "127.0.0.1:8080";
    bool demo = false;
    std::filesystem::path static_dir;  // empty: the "static" folder beside the binary
    std::string access_log = "-";
    bool trust_forwarded = false;
    std::size_t max_connections = 16384;
    std::size_t max_connections_per_address = 256;
    std::filesystem::path secret_key_file;  // empty: <data_dir>/secret.key
    // Reminders of deadlines (app/reminder_schedule.h) and their e-mail (SMTP off when empty).
    int reminder_interval_minutes = 60;
    int reminder_window_hours = 72;
    std::string public_url;  // empty: http://<listen>
    std::string smtp_url;
    std::string smtp_from;
    std::filesystem::path smtp_credentials_file;
};
int serve(const CommonOptions& common, const ServeOptions& options);

int migrate(const CommonOptions& common);

struct UserAddOptions {
    std::string unit;
    std::string role;  // comma-separated roles
    std::string username;
    std::string display_name;
    bool password_stdin = false;
};
int user_add(const CommonOptions& common, const UserAddOptions& options);

int units_import(const CommonOptions& common, const std::filesystem::path& file,
                 const std::string& as_user);

int check(const CommonOptions& common);

struct BackupOptions {
    std::filesystem::path to;
    std::filesystem::path secret_key_file;  // empty: <data_dir>/secret.key
};
int backup(const CommonOptions& common, const BackupOptions& options);

struct RestoreOptions {
    std::filesystem::path from;
    std::filesystem::path secret_key_file;  // empty: <data_dir>/secret.key
};
int restore(const CommonOptions& common, const RestoreOptions& options);

}  // namespace wangju::app
