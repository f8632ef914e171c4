#include "support/media_samples.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "media/child_process.h"

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

}  // namespace wangju::testing
