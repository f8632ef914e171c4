#include "support/served_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>

namespace wangju::testing {

std::string binary() {
    const char* path = std::getenv("WANGJU_BINARY");
    return path ? path : "wangju";
}

Child::Child(std::vector<std::string> args, const std::string& input) {
    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], 1);
        dup2(in[0], 0);
        close(out[0]);
        close(in[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(in[0]);
    if (!input.empty()) (void)!write(in[1], input.data(), input.size());
    close(in[1]);
    out_ = fdopen(out[0], "r");
}

Child::~Child() {
    if (pid_ > 0 && !waited_) {
        kill(pid_, SIGKILL);
        wait();
    }
    if (out_) fclose(out_);
}

std::optional<std::string> Child::line() {
    char buffer[4096];
    if (!fgets(buffer, sizeof buffer, out_)) return std::nullopt;
    return std::string(buffer);
}

std::string Child::rest() {
    std::string all;
    while (auto l = line()) all += *l;
    return all;
}

void Child::signal(int sig) {
    kill(pid_, sig);
}

int Child::wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Served serve(const std::filesystem::path& data, const std::vector<std::string>& extra) {
    Served s;
    std::vector<std::string> args{binary(),      "serve",        "--demo",
                                  "--data",      data.string(),  "--listen",
                                  "127.0.0.1:0", "--access-log", ""};
    args.insert(args.end(), extra.begin(), extra.end());
    s.child = std::make_unique<Child>(args);
    std::regex url(R"(http://127\.0\.0\.1:(\d+)/)");
    std::regex account(R"(^  ([a-z_]+)\s+(\S+)\s+)");
    while (auto l = s.child->line()) {
        std::smatch m;
        if (std::regex_search(*l, m, url)) {
            s.port = static_cast<std::uint16_t>(std::stoi(m[1]));
            break;
        }
        if (std::regex_search(*l, m, account)) s.passwords[m[1]] = m[2];
    }
    return s;
}

}  // namespace wangju::testing
