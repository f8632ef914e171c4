// Small real media files made by ffmpeg for the tests (lavfi test sources).
#pragma once

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

}  // namespace wangju::testing
