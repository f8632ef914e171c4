#include "media/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

#include "domain/secret.h"

namespace wangju::media {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

FileHandle::~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
}

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

FileHandle open_file(const std::filesystem::path& path, int flags, int mode) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    if (fd < 0) fail("open " + path.string());
    return FileHandle(fd);
}

void write_at(int fd, std::string_view data, std::uint64_t offset) {
    while (!data.empty()) {
        auto written = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        data.remove_prefix(static_cast<std::size_t>(written));
        offset += static_cast<std::uint64_t>(written);
    }
}

void start_writeback(int fd, std::uint64_t offset, std::uint64_t length) {
    ::sync_file_range(fd, static_cast<off_t>(offset), static_cast<off_t>(length),
                      SYNC_FILE_RANGE_WRITE);
}

void drop_from_cache(int fd, std::uint64_t offset, std::uint64_t length) {
    if (length == 0) return;  // to both calls, a length of 0 means "to the end of the file"
    ::sync_file_range(
        fd, static_cast<off_t>(offset), static_cast<off_t>(length),
        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    ::posix_fadvise(fd, static_cast<off_t>(offset), static_cast<off_t>(length),
                    POSIX_FADV_DONTNEED);
}

bool direct_aligned(std::string_view data, std::uint64_t offset) {
    return offset % direct_alignment == 0 && data.size() % direct_alignment == 0 &&
           reinterpret_cast<std::uintptr_t>(data.data()) % direct_alignment == 0;
}

FileHandle open_direct_writer(const std::filesystem::path& path) {
    return FileHandle(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_DIRECT));
}

std::size_t write_direct(int fd, std::string_view data, std::uint64_t offset) {
    std::size_t written = 0;
    while (written < data.size()) {
        auto done = ::pwrite(fd, data.data() + written, data.size() - written,
                             static_cast<off_t>(offset + written));
        if (done < 0) {
            if (errno == EINTR) continue;
            if (errno == EINVAL) break;
            fail("write");
        }
        written += static_cast<std::size_t>(done);
        // A file system that wrote part of a block leaves the rest unaligned: the cache takes it.
        if (written % direct_alignment != 0) break;
    }
    return written;
}

void sync_file(int fd) {
    if (::fsync(fd) != 0) fail("fsync");
}

void sync_data(int fd) {
    if (::fdatasync(fd) != 0) fail("fdatasync");
}

void sync_directory(const std::filesystem::path& dir) {
    auto handle = open_file(dir, O_RDONLY | O_DIRECTORY);
    sync_file(handle.get());
}

std::uint64_t file_size(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) fail("fstat");
    return static_cast<std::uint64_t>(info.st_size);
}

void truncate_file(int fd, std::uint64_t size) {
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0) fail("ftruncate");
}

void write_file_durably(const std::filesystem::path& target, std::string_view data) {
    auto temp = target;
    temp += ".tmp-" + random_token(8);
    try {
        auto handle = open_file(temp, O_WRONLY | O_CREAT | O_EXCL);
        write_at(handle.get(), data, 0);
        sync_file(handle.get());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
    rename_durably(temp, target);
}

void link_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    auto temp = to;
    temp += ".tmp-" + random_token(8);
    std::error_code no_link;
    std::filesystem::create_hard_link(from, temp, no_link);
    try {
        if (no_link) {
            std::filesystem::copy_file(from, temp);
            sync_file(open_file(temp, O_RDONLY).get());
        }
        rename_durably(temp, to);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::rename(from, to);
    sync_directory(to.parent_path());
    if (from.parent_path() != to.parent_path()) sync_directory(from.parent_path());
}

}  // namespace wangju::media
