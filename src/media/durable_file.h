// Files that survive a crash: data and directory entries are flushed (fsync) before a change is
// reported as done.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace wangju::media {

// An open file descriptor, closed on destruction.
class FileHandle {
  public:
    FileHandle() = default;
    explicit FileHandle(int fd) : fd_(fd) {}
    ~FileHandle();
    FileHandle(FileHandle&& other) noexcept : fd_(other.release()) {}
    FileHandle& operator=(FileHandle&& other) noexcept;

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

  private:
    int fd_ = -1;
};

// open(2) with O_CLOEXEC; throws std::system_error naming the path.
FileHandle open_file(const std::filesystem::path& path, int flags, int mode = 0640);
// Writes all of `data` (pwrite at `offset`); throws std::system_error.
void write_at(int fd, std::string_view data, std::uint64_t offset);

// Writes that bypass the page cache (O_DIRECT), for large files written once: the bytes go from
// the caller's memory to the disk without being copied into cache pages, which here costs more
// than receiving them. Such writes must be whole blocks at block-aligned offsets from
// block-aligned memory; kDirectBlock is a multiple of every logical block size Linux uses.
inline constexpr std::size_t kDirectBlock = 4096;
// A second descriptor of `path` for direct writes, or an empty handle when its file system has
// none (tmpfs, for one).
FileHandle open_direct(const std::filesystem::path& path);
// How much of `data`, written at `offset`, may go through a direct descriptor: its whole blocks
// when both the memory and the offset are block-aligned, otherwise nothing.
std::size_t direct_part(std::string_view data, std::uint64_t offset);
// Writes all of `data` through a direct descriptor; false when the file system refused the
// direct write (EINVAL): the caller then writes all of `data` normally (rewriting what may
// already have gone through is harmless).
bool write_direct(int fd, std::string_view data, std::uint64_t offset);
void sync_file(int fd);
void sync_directory(const std::filesystem::path& dir);
std::uint64_t file_size(int fd);
void truncate_file(int fd, std::uint64_t size);
// Writes `data` to a temporary file beside `target`, syncs it, renames it over `target` and syncs
// the directory: `target` then holds either nothing or all of `data`.
void write_file_durably(const std::filesystem::path& target, std::string_view data);
// Renames and syncs both directories.
void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);
// Gives the file `from` the second name `to` (replacing what `to` was; a synced copy when the file
// system cannot link) and syncs `to`'s directory. `from` stays.
void link_durably(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace wangju::media
