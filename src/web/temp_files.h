// The temporary files of one handler (an archive or a workbook being written before it is sent),
// removed however the handler ends. A file opened before that stays readable until it is closed.
#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace wangju::web {

struct TempFiles {
    std::vector<std::filesystem::path> paths;

    // A new name in the system's temporary folder, "wangju-<what>-<random><extension>", removed
    // with the others.
    std::filesystem::path add(const std::string& what, const std::string& extension) {
        std::random_device rd;
        paths.push_back(std::filesystem::temp_directory_path() /
                        ("wangju-" + what + "-" + std::to_string(rd()) + std::to_string(rd()) +
                         extension));
        return paths.back();
    }
    TempFiles() = default;
    TempFiles(const TempFiles&) = delete;
    TempFiles& operator=(const TempFiles&) = delete;
    ~TempFiles() {
        std::error_code ignored;
        for (const auto& p : paths) std::filesystem::remove(p, ignored);
    }
};

}  // namespace wangju::web
