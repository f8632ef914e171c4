// wangju restore: a backup folder (backup_folder.h) back into an empty data folder and an empty
// database. Every file is checked against the manifest before anything is written, and again as
// it is copied; the data folder is assembled beside its place and renamed into it at the end.
#include <iostream>

#include <fmt/format.h>

#include "app/backup_folder.h"
#include "app/commands.h"
#include "app/postgres_tools.h"
#include "domain/error.h"
#include "media/durable_file.h"
#include "store/connection_url.h"
#include "store/database_facts.h"

namespace wangju::app {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
    throw_invalid("备份已损坏:文件 " + path + " " + what + ",未恢复任何数据");
}

void verify_backup(const fs::path& from, const BackupManifest& manifest) {
    bool database_listed = false;
    std::uint64_t bytes = 0;
    for (const auto& f : manifest.files) {
        std::error_code ec;
        const auto size = fs::file_size(from / f.path, ec);
        if (ec) damaged(f.path, "不存在");
        if (size != f.size)
            damaged(f.path, fmt::format("的大小为 {} 字节,清单记录为 {} 字节", size, f.size));
        bytes += size;
        database_listed = database_listed || f.path == manifest.database;
    }
    if (!database_listed) damaged(manifest.database, "未列入清单");
    Progress progress("已校验", manifest.files.size(), bytes);
    for (const auto& f : manifest.files) {
        if (file_sha256(from / f.path, progress) != f.sha256) damaged(f.path, "的校验和与清单不符");
    }
    progress.finish();
}

// Where a file that belongs at `target` is written: inside the folder being assembled when its
// place is in the data folder, else beside its place, to be renamed there at the end.
struct Placement {
    fs::path write_to;
    fs::path rename_to;  // empty: moves with the data folder
};

Placement place(const fs::path& target, const fs::path& data_dir, const fs::path& assembled) {
    const auto absolute = fs::absolute(target).lexically_normal();
    // (A name inside the data folder, normalised the same way, whether or not DIR ends in '/'.)
    if (absolute.parent_path() == fs::absolute(data_dir / "x").lexically_normal().parent_path()) {
        return {assembled / absolute.filename(), {}};
    }
    return {sibling_of(absolute, "restoring"), absolute};
}

void check_targets(const CommonOptions& common, const std::string& url, const fs::path& key_file) {
    if (!absent_or_empty(common.data_dir)) {
        throw_invalid("数据目录 " + common.data_dir.string() +
                      " 不是空的;恢复只写入空的数据目录,请指定新的目录");
    }
    if (fs::exists(key_file)) throw_invalid("密钥文件 " + key_file.string() + " 已存在,未恢复");
    if (!store::is_postgres_url(url)) {
        if (fs::exists(url)) throw_invalid("数据库文件 " + url + " 已存在;恢复只写入新的数据库");
        return;
    }
    auto session = store::open_session(url);
    if (const auto tables = store::count_tables(*session, store::Engine::postgresql); tables > 0) {
        throw_invalid(fmt::format("数据库已有 {} 张表,不是空的;恢复只写入新建的空数据库", tables));
    }
}

// Compares the restored database with the row counts the manifest recorded.
void compare_row_counts(const std::string& url, const BackupManifest& manifest) {
    const auto engine =
        store::is_postgres_url(url) ? store::Engine::postgresql : store::Engine::sqlite;
    const auto counts = store::row_counts(*store::open_session(url), engine);
    if (counts != manifest.tables) {
        for (const auto& [table, rows] : manifest.tables) {
            const auto found = counts.find(table);
            const auto now = found == counts.end() ? -1 : found->second;
            if (now != rows) {
                throw std::runtime_error(
                    fmt::format("恢复后表 {} 有 {} 行,备份时为 {} 行", table, now, rows));
            }
        }
        throw std::runtime_error("恢复后的数据库中的表与备份时不同");
    }
}

}  // namespace

int restore(const CommonOptions& common, const RestoreOptions& options) {
    const auto manifest = read_manifest(options.from);
    const auto url = database_url(common);
    const bool postgres = store::is_postgres_url(url);
    if ((manifest.engine == "postgresql") != postgres) {
        throw_invalid("此备份来自 " +
                      std::string(manifest.engine == "postgresql" ? "PostgreSQL" : "SQLite") +
                      ",只能恢复到同一种数据库");
    }
    const auto key_file =
        options.secret_key_file.empty() ? common.data_dir / kKeyFileName : options.secret_key_file;
    check_targets(common, url, key_file);
    verify_backup(options.from, manifest);

    const auto assembled = sibling_of(common.data_dir, "restoring");
    fs::create_directories(assembled);
    fs::permissions(assembled, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec,
                    fs::perm_options::replace);
    RemovedUnlessKept assembled_guard(assembled);
    std::vector<Placement> outside;
    // The files to copy: all but a pg_dump archive, which pg_restore loads.
    std::vector<BackupFile> files;
    std::uint64_t bytes = 0;
    for (const auto& f : manifest.files) {
        if (postgres && f.path == manifest.database) continue;
        files.push_back(f);
        bytes += f.size;
    }
    Progress progress("已恢复", files.size(), bytes);
    for (const auto& f : files) {
        Placement placement{assembled / f.path, {}};
        if (f.path == manifest.database) placement = place(url, common.data_dir, assembled);
        if (f.path == kKeyFileName) placement = place(key_file, common.data_dir, assembled);
        const int mode = f.path == kKeyFileName ? 0600 : 0640;
        if (copy_hashed(options.from / f.path, placement.write_to, f.path, progress, mode).sha256 !=
            f.sha256) {
            damaged(f.path, "在复制时与清单不符");
        }
        if (!placement.rename_to.empty()) outside.push_back(placement);
    }
    progress.finish();
    // Last, as it cannot be undone here: a failure before leaves the database empty.
    if (postgres) {
        std::cerr << "正在用 pg_restore 载入数据库…\n";
        pg_restore(url, options.from / manifest.database);
    }
    if (fs::exists(common.data_dir)) fs::remove(common.data_dir);
    fs::rename(assembled, common.data_dir);
    assembled_guard.keep();
    for (const auto& p : outside) media::rename_durably(p.write_to, p.rename_to);
    compare_row_counts(url, manifest);

    std::int64_t rows = 0;
    for (const auto& [table, count] : manifest.tables) rows += count;
    std::cout << fmt::format(
        "恢复完成:数据库 {} 张表共 {} 行(与备份时一致),{} 个文件,备份时间 {}。"
        "可运行 wangju check 校验。\n",
        manifest.tables.size(), rows, manifest.files.size(), manifest.created_at);
    return 0;
}

}  // namespace wangju::app
