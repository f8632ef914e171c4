// The `wangju` program run as an operator runs it, in a child process: `serve` on a free loopback
// port, or any other command, with its standard output read line by line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace wangju::testing {

// The program under test: WANGJU_BINARY, or `wangju` on the PATH.
std::string binary();

class Child {
  public:
    explicit Child(std::vector<std::string> args, const std::string& input = "");
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    std::optional<std::string> line();
    std::string rest();
    void signal(int sig);
    // The exit status, or 128 + the signal that ended it.
    int wait();

  private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
    bool waited_ = false;
};

struct Served {
    std::unique_ptr<Child> child;
    std::uint16_t port = 0;
    std::map<std::string, std::string> passwords;  // the demo accounts it printed, if any
};

// `wangju serve --demo --data DATA` with `extra` arguments, once it listens.
Served serve(const std::filesystem::path& data, const std::vector<std::string>& extra = {});

}  // namespace wangju::testing
