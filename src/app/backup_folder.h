// A backup folder: what `wangju backup` writes and `wangju restore` reads. It holds the database
// (a SQLite copy or a pg_dump archive), the key file, the stored files of the data folder under
// the same relative paths, and manifest.json, which lists every file with its size and SHA-256
// and the row count of every table at the moment of the snapshot.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace wangju::app {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kKeyFileName = "secret.key";
// The folders of the data folder a backup copies: stored media and attachments (content-
// addressed), letters' and objections' attachments. Unfinished uploads are left out.
inline constexpr const char* kBackedUpFolders[] = {"blobs", "letters", "objections"};

struct BackupFile {
    std::string path;  // relative to the backup folder, with '/'
    std::uint64_t size = 0;
    std::string sha256;  // lowercase hex
};

struct BackupManifest {
    std::string created_at;
    std::string engine;  // "sqlite" or "postgresql"
    int schema_version = 0;
    std::string database;  // the file holding the database: wangju.db or database.pgdump
    std::map<std::string, std::int64_t> tables;
    std::vector<BackupFile> files;
};

void write_manifest(const std::filesystem::path& folder, const BackupManifest& manifest);
// Throws Error(invalid_input) naming the manifest when it is missing or cannot be read.
BackupManifest read_manifest(const std::filesystem::path& folder);

// Files and bytes done of a long step, printed on standard error as one line rewritten in place
// ("已复制 12 / 340 个文件,1.2 / 56.0 MB"), at most ten times a second.
class Progress {
  public:
    Progress(std::string verb, std::uint64_t files, std::uint64_t bytes);
    void add_bytes(std::uint64_t bytes);
    void set_bytes_total(std::uint64_t bytes) { bytes_total_ = bytes; }
    void file_done();
    // Prints the final line and ends it.
    void finish();

  private:
    void print(bool force);
    std::string verb_;
    std::uint64_t files_total_, bytes_total_, files_ = 0, bytes_ = 0;
    std::int64_t printed_at_ms_ = 0;
};

// Copies `from` into the new file `to` (its folder made if needed) with `mode`, flushed to disk;
// returns the size and SHA-256 of the bytes written, under the name `path`.
BackupFile copy_hashed(const std::filesystem::path& from, const std::filesystem::path& to,
                       const std::string& path, Progress& progress, int mode = 0600);
// The SHA-256 (lowercase hex) of a file's content.
std::string file_sha256(const std::filesystem::path& file, Progress& progress);

// The regular files below `root`, as paths relative to it, sorted; none when it does not exist.
// Folders named `skipped` are not entered (files come and go in them while the server runs).
std::vector<std::filesystem::path> files_below(const std::filesystem::path& root,
                                               const std::string& skipped = "");
std::uint64_t total_size(const std::filesystem::path& root,
                         const std::vector<std::filesystem::path>& files);

// A folder removed with all it holds when the guard is destroyed, unless kept.
class RemovedUnlessKept {
  public:
    explicit RemovedUnlessKept(std::filesystem::path folder) : folder_(std::move(folder)) {}
    ~RemovedUnlessKept();
    RemovedUnlessKept(const RemovedUnlessKept&) = delete;
    RemovedUnlessKept& operator=(const RemovedUnlessKept&) = delete;
    void keep() { folder_.clear(); }

  private:
    std::filesystem::path folder_;
};

// True when `folder` does not exist or is an empty folder.
bool absent_or_empty(const std::filesystem::path& folder);

// `folder` with a suffix and a random token ("backup.partial-3fa2c1"), beside it.
std::filesystem::path sibling_of(const std::filesystem::path& folder, const std::string& suffix);

}  // namespace wangju::app
