// wangju backup: a consistent copy of a running installation. The database snapshot and the set
// of blob files are fixed at one moment, under the lock that every placing and removal of a blob
// file takes: the blob files are hard-linked aside then (a removal afterwards leaves the link),
// so every blob the snapshot names is copied, whatever the server does meanwhile.
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "app/backup_folder.h"
#include "app/commands.h"
#include "app/postgres_tools.h"
#include "domain/error.h"
#include "domain/secret.h"
#include "domain/time.h"
#include "media/blob_store.h"
#include "store/connection_url.h"
#include "store/database_facts.h"
#include "store/database_snapshot.h"

namespace wangju::app {

namespace {

namespace fs = std::filesystem;

// A file to copy into the backup: where it is, and its path in the backup.
struct Source {
    fs::path file;
    std::string path;
};

// Hard links of the blob files below `blobs` in `staging` (a copy where the file system has no
// links); returns their paths relative to both. Called with the blob files' lock held.
std::vector<fs::path> stage_blobs(const fs::path& blobs, const fs::path& staging) {
    std::vector<fs::path> staged;
    for (const auto& relative : files_below(blobs, "tmp")) {
        if (!media::sha256_named_by(relative)) continue;
        fs::create_directories(staging / relative.parent_path());
        std::error_code ec;
        fs::create_hard_link(blobs / relative, staging / relative, ec);
        if (ec) fs::copy_file(blobs / relative, staging / relative);
        staged.push_back(relative);
    }
    return staged;
}

// Letters' and objections' attachments are written before the rows that name them and never
// removed once named, so a copy after the snapshot holds every one it names.
void add_folder(std::vector<Source>& sources, const fs::path& data_dir, const std::string& name) {
    for (const auto& relative : files_below(data_dir / name)) {
        sources.push_back({data_dir / name / relative, name + "/" + relative.generic_string()});
    }
}

void copy_sqlite(store::SqliteSnapshot& snapshot, const fs::path& target) {
    Progress progress("已复制数据库", 1, 0);
    std::uint64_t copied = 0;
    snapshot.copy_to(target, [&](std::uint64_t done, std::uint64_t total) {
        progress.set_bytes_total(total);
        progress.add_bytes(done - copied);
        copied = done;
    });
    progress.file_done();
    progress.finish();
}

void record_database_facts(soci::session& session, store::Engine engine, BackupManifest& manifest) {
    manifest.schema_version = store::recorded_schema_version(session, engine);
    manifest.tables = store::row_counts(session, engine);
}

void check_backup_target(const fs::path& to) {
    if (!absent_or_empty(to)) {
        throw_invalid("备份目录 " + to.string() + " 已存在且不是空的,请指定一个新的目录");
    }
}

}  // namespace

int backup(const CommonOptions& common, const BackupOptions& options) {
    const auto url = database_url(common);
    const bool postgres = store::is_postgres_url(url);
    check_backup_target(options.to);
    if (!postgres && !fs::exists(url)) throw_not_found("数据库文件 " + url + " 不存在");
    const auto key_file =
        options.secret_key_file.empty() ? common.data_dir / kKeyFileName : options.secret_key_file;

    // Written under another name and renamed when complete: an interrupted backup is never
    // taken for one. Readable by its owner only, like the data it holds.
    const auto partial = sibling_of(options.to, "partial");
    fs::create_directories(partial);
    fs::permissions(partial, fs::perms::owner_all, fs::perm_options::replace);
    RemovedUnlessKept partial_guard(partial);
    const auto staging = common.data_dir / "blobs" / "tmp" / ("backup-" + random_token(4));
    RemovedUnlessKept staging_guard(staging);

    std::optional<store::SqliteSnapshot> sqlite;
    std::optional<store::PostgresSnapshot> pg;
    std::vector<fs::path> blobs;
    {
        const auto lock = media::lock_blob_files(common.data_dir);
        if (postgres) {
            pg.emplace(url);
        } else {
            sqlite.emplace(url);
        }
        blobs = stage_blobs(common.data_dir / "blobs", staging);
    }
    std::cerr << "已取得数据库快照(" << blobs.size() << " 个媒体文件)。\n";

    BackupManifest manifest;
    manifest.created_at = format_utc(now_utc());
    manifest.engine = postgres ? "postgresql" : "sqlite";
    manifest.database = postgres ? "database.pgdump" : "wangju.db";
    if (postgres) {
        record_database_facts(pg->session(), store::Engine::postgresql, manifest);
        std::cerr << "正在用 pg_dump 导出数据库…\n";
        pg_dump(url, pg->id(), partial / manifest.database);
        pg.reset();
    } else {
        copy_sqlite(*sqlite, partial / manifest.database);
        sqlite.reset();
        fs::permissions(partial / manifest.database, fs::perms::owner_read | fs::perms::owner_write,
                        fs::perm_options::replace);
        record_database_facts(*store::open_session((partial / manifest.database).string()),
                              store::Engine::sqlite, manifest);
    }

    std::vector<Source> sources{{partial / manifest.database, manifest.database}};
    if (fs::exists(key_file)) sources.push_back({key_file, kKeyFileName});
    for (const auto& relative : blobs) {
        sources.push_back({staging / relative, "blobs/" + relative.generic_string()});
    }
    add_folder(sources, common.data_dir, "letters");
    add_folder(sources, common.data_dir, "objections");
    std::uint64_t bytes = 0;
    for (const auto& s : sources) bytes += fs::file_size(s.file);

    Progress progress("已复制", sources.size(), bytes);
    for (const auto& s : sources) {
        if (s.path == manifest.database) {
            manifest.files.push_back(
                {s.path, fs::file_size(s.file), file_sha256(s.file, progress)});
        } else {
            manifest.files.push_back(copy_hashed(s.file, partial / s.path, s.path, progress));
        }
    }
    progress.finish();
    write_manifest(partial, manifest);
    if (fs::exists(options.to)) fs::remove(options.to);
    fs::rename(partial, options.to);
    partial_guard.keep();

    std::int64_t rows = 0;
    for (const auto& [table, count] : manifest.tables) rows += count;
    std::cout << fmt::format("备份完成:{}(数据库 {} 张表共 {} 行,{} 个文件,{:.1f} MB)。\n",
                             options.to.string(), manifest.tables.size(), rows,
                             manifest.files.size(), static_cast<double>(bytes) / (1024.0 * 1024.0));
    if (!fs::exists(key_file)) {
        std::cout << "注意:未找到密钥文件 " << key_file.string()
                  << ",备份中没有它;没有它,来信中的电话和地址无法解密。\n";
    } else {
        std::cout << "备份中含密钥文件,请像保管数据本身一样保管备份目录。\n";
    }
    return 0;
}

}  // namespace wangju::app
