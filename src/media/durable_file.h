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

// Starts writing the file's bytes in [offset, offset + length) to the disk without waiting for
// them (sync_file_range, SYNC_FILE_RANGE_WRITE): a later sync then finds little left to write. No
// promise of durability, and failures are left for that sync to report.
void start_writeback(int fd, std::uint64_t offset, std::uint64_t length);
// Drops the file's pages in [offset, offset + length) from the page cache once they are on the
// disk: waits for the writeback of the range (started earlier by start_writeback, so there is
// little left to wait for) and then lets the pages go (posix_fadvise POSIX_FADV_DONTNEED). A large
// file written once then holds a few windows of memory instead of its whole size: the
// pages of the page cache that are read often stay, and the next window reuses the pages just
// freed. A fresh page costs far more than a reused one on a virtual machine whose host takes back
// the guest's free memory (first writes ran at 0.8 GB/s into fresh pages, 6.6 GB/s into reused
// ones). No promise of durability: failures are left for the next sync to report.
void drop_from_cache(int fd, std::uint64_t offset, std::uint64_t length);
// Writes past the page cache (O_DIRECT) need the memory, the offset and the length aligned to the
// file system's block; a page is what every Linux file system accepts.
constexpr std::size_t direct_alignment = 4096;
bool direct_aligned(std::string_view data, std::uint64_t offset);
// The file at `path` opened again for writes past the page cache, or an empty handle where the file
// system refuses them (tmpfs).
FileHandle open_direct_writer(const std::filesystem::path& path);
// Writes `data` at `offset` through a handle of open_direct_writer, `data` and `offset` being
// direct_aligned. Returns how many bytes it wrote: fewer than all only when the file system
// refused the write itself (EINVAL), the rest then being for the caller to write through the
// cache. Throws std::system_error on any other failure. No promise of durability: the sync that
// follows makes the bytes and the file's size durable, as for bytes written through the cache.
std::size_t write_direct(int fd, std::string_view data, std::uint64_t offset);
void sync_file(int fd);
// fdatasync(2): the data and the size, without times that need no flush; what an upload's
// offset needs before it is acknowledged.
void sync_data(int fd);
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
