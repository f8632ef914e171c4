// Hand-written on posix_spawn and poll: Boost.Process in Boost 1.74 would bring Boost.Filesystem
// and Asio into the media layer for the sake of one call.
#include "media/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

extern char** environ;

namespace wangju::media {

namespace {

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    }
    ~Pipe() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
    }
    void close_end(int which) {
        ::close(fds[which]);
        fds[which] = -1;
    }
};

pid_t spawn(const std::vector<std::string>& argv, Pipe& out, Pipe& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fds[1], 2);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "cannot run " + argv[0]);
    return pid;
}

// Reads both pipes until they close or the deadline passes; false on timeout.
bool collect(int out_fd, int err_fd, ProcessResult& result, std::size_t max_out,
             std::chrono::steady_clock::time_point deadline) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    const std::size_t limits[2] = {max_out, 64 * 1024};
    char buffer[64 * 1024];
    int open = 2;
    while (open > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        int ready = ::poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return ready == 0 ? false : true;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            auto n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
                continue;
            }
            auto room = limits[i] - std::min(limits[i], sinks[i]->size());
            sinks[i]->append(buffer, std::min<std::size_t>(room, static_cast<std::size_t>(n)));
        }
    }
    return true;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                          std::size_t max_out) {
    Pipe out, err;
    pid_t pid = spawn(argv, out, err);
    out.close_end(1);
    err.close_end(1);
    ProcessResult result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!collect(out.fds[0], err.fds[0], result, max_out, deadline)) {
        ::kill(pid, SIGKILL);
        result.timed_out = true;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) && !result.timed_out ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace wangju::media
