// Runs a program (ffmpeg, for poster frames and thumbnails) as a child process and collects what
// it prints.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace wangju::media {

struct ProcessResult {
    int exit_code = -1;  // -1 when killed (timeout) or ended by a signal
    std::string out;     // standard output, up to the limit
    std::string err;     // standard error, up to 64 KiB
    bool timed_out = false;
};

// Runs argv[0] (searched in PATH) with no shell, so no argument is ever interpreted. Output
// beyond `max_out` bytes is dropped. The child is killed after `timeout`.
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                          std::size_t max_out = 64 * 1024 * 1024);

}  // namespace wangju::media
