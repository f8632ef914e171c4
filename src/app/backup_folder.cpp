#include "app/backup_folder.h"

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/secret.h"
#include "media/digest.h"
#include "media/durable_file.h"

namespace wangju::app {

namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr const char* kFormat = "wangju-backup-1";

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double megabytes(std::uint64_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

// Reads `from` in pieces, handing each to `piece`.
template <class Piece>
void read_in_pieces(const std::filesystem::path& from, Piece&& piece) {
    auto in = media::open_file(from, O_RDONLY);
    std::string buffer(kChunk, '\0');
    for (;;) {
        const auto n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "read " + from.string());
        }
        if (n == 0) return;
        piece(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
}

}  // namespace

void write_manifest(const std::filesystem::path& folder, const BackupManifest& manifest) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : manifest.files) {
        files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
    }
    const nlohmann::json json{{"format", kFormat},
                              {"created_at", manifest.created_at},
                              {"engine", manifest.engine},
                              {"schema_version", manifest.schema_version},
                              {"database", manifest.database},
                              {"tables", manifest.tables},
                              {"files", files}};
    media::write_file_durably(folder / kManifestName, json.dump(1) + "\n");
}

BackupManifest read_manifest(const std::filesystem::path& folder) {
    const auto file = folder / kManifestName;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw_invalid("备份目录 " + folder.string() + " 中没有 " + kManifestName +
                      ",不是完整的备份");
    try {
        const auto json = nlohmann::json::parse(in);
        if (json.at("format") != kFormat) throw_invalid("备份清单的格式无法识别");
        BackupManifest m;
        m.created_at = json.at("created_at");
        m.engine = json.at("engine");
        m.schema_version = json.at("schema_version");
        m.database = json.at("database");
        m.tables = json.at("tables").get<std::map<std::string, std::int64_t>>();
        for (const auto& f : json.at("files")) {
            BackupFile entry{f.at("path"), f.at("size"), f.at("sha256")};
            const std::filesystem::path relative(entry.path);
            if (relative.is_absolute() ||
                std::ranges::find(relative, std::filesystem::path("..")) != relative.end()) {
                throw_invalid("备份清单中的路径无效:" + entry.path);
            }
            m.files.push_back(std::move(entry));
        }
        return m;
    } catch (const nlohmann::json::exception&) {
        throw_invalid("备份清单 " + file.string() + " 已损坏,无法读取");
    }
}

Progress::Progress(std::string verb, std::uint64_t files, std::uint64_t bytes)
    : verb_(std::move(verb)), files_total_(files), bytes_total_(bytes) {}

void Progress::add_bytes(std::uint64_t bytes) {
    bytes_ += bytes;
    print(false);
}

void Progress::file_done() {
    ++files_;
    print(false);
}

void Progress::finish() {
    print(true);
    std::cerr << "\n";
}

void Progress::print(bool force) {
    const auto now = now_ms();
    if (!force && now - printed_at_ms_ < 100) return;
    printed_at_ms_ = now;
    std::cerr << fmt::format("\r{} {} / {} 个文件,{:.1f} / {:.1f} MB", verb_, files_, files_total_,
                             megabytes(bytes_), megabytes(bytes_total_))
              << std::flush;
}

BackupFile copy_hashed(const std::filesystem::path& from, const std::filesystem::path& to,
                       const std::string& path, Progress& progress, int mode) {
    std::filesystem::create_directories(to.parent_path());
    auto out = media::open_file(to, O_WRONLY | O_CREAT | O_EXCL, mode);
    media::Digest digest(media::DigestAlgorithm::sha256);
    std::uint64_t size = 0;
    read_in_pieces(from, [&](std::string_view piece) {
        media::write_at(out.get(), piece, size);
        digest.update(piece);
        size += piece.size();
        progress.add_bytes(piece.size());
    });
    media::sync_file(out.get());
    progress.file_done();
    return {path, size, media::to_hex(digest.finish_raw())};
}

std::string file_sha256(const std::filesystem::path& file, Progress& progress) {
    media::Digest digest(media::DigestAlgorithm::sha256);
    read_in_pieces(file, [&](std::string_view piece) {
        digest.update(piece);
        progress.add_bytes(piece.size());
    });
    progress.file_done();
    return media::to_hex(digest.finish_raw());
}

std::vector<std::filesystem::path> files_below(const std::filesystem::path& root,
                                               const std::string& skipped) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) return files;
    for (auto it = std::filesystem::recursive_directory_iterator(root);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && it->path().filename() == skipped) {
            it.disable_recursion_pending();
        } else if (it->is_regular_file()) {
            files.push_back(it->path().lexically_relative(root));
        }
    }
    std::ranges::sort(files);
    return files;
}

std::uint64_t total_size(const std::filesystem::path& root,
                         const std::vector<std::filesystem::path>& files) {
    std::uint64_t total = 0;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(root / f, ec);
        if (!ec) total += size;
    }
    return total;
}

RemovedUnlessKept::~RemovedUnlessKept() {
    if (folder_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

bool absent_or_empty(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::exists(folder, ec)) return true;
    return std::filesystem::is_directory(folder, ec) && std::filesystem::is_empty(folder, ec);
}

std::filesystem::path sibling_of(const std::filesystem::path& folder, const std::string& suffix) {
    auto absolute = std::filesystem::absolute(folder).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();
    return absolute.parent_path() /
           (absolute.filename().string() + "." + suffix + "-" + random_token(4));
}

}  // namespace wangju::app
