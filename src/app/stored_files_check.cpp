#include "app/stored_files_check.h"

#include <fmt/format.h>

#include "app/backup_folder.h"
#include "media/blob_store.h"
#include "store/rows.h"

namespace wangju::app {

namespace {

namespace fs = std::filesystem;

// A file the database names, as a path in the data folder, and its recorded size.
struct NamedFile {
    std::string path;
    long long size = 0;
    void bind(soci::details::prepare_temp_type& p) { p, soci::into(path), soci::into(size); }
};

// Each query selects the file's path in the data folder and its size.
constexpr const char* kNamedFiles[] = {
    "SELECT 'blobs/' || substr(sha256, 1, 2) || '/' || substr(sha256, 3), size_bytes FROM blobs",
    "SELECT 'blobs/' || substr(sha256, 1, 2) || '/' || sha256, size FROM article_attachments",
    "SELECT 'letters/' || stored_name, size_bytes FROM letter_attachments",
    "SELECT 'objections/' || attachment_stored, attachment_bytes FROM objections "
    "WHERE attachment_stored <> ''",
};

void check_contents(const fs::path& data_dir, std::vector<std::string>& problems) {
    const auto blobs = data_dir / "blobs";
    std::vector<fs::path> files;
    for (const auto& relative : files_below(blobs, "tmp")) {
        if (media::sha256_named_by(relative)) files.push_back(relative);
    }
    Progress progress("已校验媒体文件", files.size(), total_size(blobs, files));
    for (const auto& relative : files) {
        if (file_sha256(blobs / relative, progress) != *media::sha256_named_by(relative)) {
            problems.push_back("文件 blobs/" + relative.generic_string() +
                               " 的内容与其名称(SHA-256)不符:已损坏或被改动");
        }
    }
    progress.finish();
}

void check_named_files(const fs::path& data_dir, store::Database& database,
                       std::vector<std::string>& problems) {
    for (const char* query : kNamedFiles) {
        const auto named =
            database.read([&](soci::session& s) { return store::fetch_all<NamedFile>(s, query); });
        for (const auto& file : named) {
            std::error_code ec;
            const auto size = fs::file_size(data_dir / file.path, ec);
            if (ec) {
                problems.push_back("数据库记录的文件 " + file.path + " 不存在");
            } else if (size != static_cast<std::uintmax_t>(file.size)) {
                problems.push_back(fmt::format("文件 {} 的大小为 {} 字节,数据库记录为 {} 字节",
                                               file.path, size, file.size));
            }
        }
    }
}

}  // namespace

std::vector<std::string> stored_file_problems(const fs::path& data_dir, store::Database& database) {
    std::vector<std::string> problems;
    check_contents(data_dir, problems);
    check_named_files(data_dir, database, problems);
    return problems;
}

}  // namespace wangju::app
