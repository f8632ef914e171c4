// Small real media files made by ffmpeg for the tests (lavfi test sources).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wangju::testing {

// Runs ffmpeg with `args` writing `dir/name`; fails the test when ffmpeg fails.
std::filesystem::path make_sample(const std::filesystem::path& dir, const std::string& name,
                                  const std::vector<std::string>& args);
// A video with sound: testsrc and a sine, `seconds` long, `size` like "320x240", `codec` for -c:v.
std::filesystem::path make_video(const std::filesystem::path& dir, const std::string& name,
                                 double seconds, const std::string& size,
                                 const std::string& codec = "libx264");
std::filesystem::path make_image(const std::filesystem::path& dir, const std::string& name,
                                 const std::string& size);
std::string read_all(const std::filesystem::path& path);
void write_all(const std::filesystem::path& path, const std::string& bytes);
// How much of the file the page cache holds now (mincore over a mapping, which reads nothing).
std::uint64_t cached_bytes(const std::filesystem::path& path);
// Whether the file system under `path` lets a file's pages leave the page cache (tmpfs does not:
// its pages are the file).
bool cache_can_drop(const std::filesystem::path& path);
// The bytes this process has read so far (/proc/self/io), past the page cache or through it.
std::uint64_t bytes_read_so_far();
// Writes the file's pages to the disk and lets them leave the page cache.
void drop_from_cache(const std::filesystem::path& path);

}  // namespace wangju::testing
