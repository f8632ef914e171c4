#include "support/media_samples.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "media/child_process.h"
#include "media/durable_file.h"

namespace wangju::testing {

std::filesystem::path make_sample(const std::filesystem::path& dir, const std::string& name,
                                  const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"ffmpeg", "-v", "error", "-nostdin", "-y"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto path = dir / name;
    argv.push_back(path.string());
    auto result = media::run_process(argv, std::chrono::seconds(120));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return path;
}

std::filesystem::path make_video(const std::filesystem::path& dir, const std::string& name,
                                 double seconds, const std::string& size,
                                 const std::string& codec) {
    auto length = std::to_string(seconds);
    return make_sample(dir, name,
                       {"-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=25:duration=" + length,
                        "-f", "lavfi", "-i", "sine=frequency=440:duration=" + length, "-c:v", codec,
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"});
}

std::filesystem::path make_image(const std::filesystem::path& dir, const std::string& name,
                                 const std::string& size) {
    return make_sample(dir, name, {"-f", "lavfi", "-i", "testsrc=size=" + size, "-frames:v", "1"});
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::uint64_t cached_bytes(const std::filesystem::path& path) {
    const auto size = std::filesystem::file_size(path);
    if (size == 0) return 0;
    void* mapped =
        ::mmap(nullptr, size, PROT_READ, MAP_SHARED, media::open_file(path, O_RDONLY).get(), 0);
    if (mapped == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap");
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> resident((size + page - 1) / page);
    const int failed = ::mincore(mapped, size, resident.data());
    ::munmap(mapped, size);
    if (failed != 0) throw std::system_error(errno, std::generic_category(), "mincore");
    std::uint64_t pages = 0;
    for (unsigned char flags : resident) pages += flags & 1;
    return pages * page;
}

void drop_from_cache(const std::filesystem::path& path) {
    auto file = media::open_file(path, O_RDONLY);
    media::drop_from_cache(file.get(), 0, std::filesystem::file_size(path));
}

std::uint64_t bytes_read_so_far() {
    std::ifstream io("/proc/self/io");
    std::string key;
    std::uint64_t value = 0;
    while (io >> key >> value)
        if (key == "rchar:") return value;
    throw std::runtime_error("/proc/self/io has no rchar");
}

bool cache_can_drop(const std::filesystem::path& path) {
    struct statfs info {};
    if (::statfs(path.c_str(), &info) != 0) return false;
    return info.f_type != TMPFS_MAGIC && info.f_type != RAMFS_MAGIC;
}

}  // namespace wangju::testing
