#include "app/postgres_tools.h"

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "media/child_process.h"
#include "store/connection_url.h"

namespace wangju::app {

namespace {

// A dump or restore of a large database may take hours; it is never cut short by us.
constexpr std::chrono::hours kNoTimeLimit{72};

// The program on the PATH (Debian's wrapper picks the version that suits the server), else the
// one of Debian's PostgreSQL 15.
std::string postgres_program(const std::string& name) {
    if (const char* path = std::getenv("PATH")) {
        std::string_view dirs = path;
        while (!dirs.empty()) {
            const auto colon = dirs.find(':');
            const std::filesystem::path candidate =
                std::filesystem::path(dirs.substr(0, colon)) / name;
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
            if (colon == std::string_view::npos) break;
            dirs.remove_prefix(colon + 1);
        }
    }
    return "/usr/lib/postgresql/15/bin/" + name;
}

// Runs the program with the URL's password in PGPASSWORD rather than on its command line, where
// every user of the machine could read it.
void run(const std::string& name, std::vector<std::string> args, const std::string& url) {
    args.insert(args.begin(), postgres_program(name));
    args.push_back("--dbname=" + store::postgres_conninfo(url, false));
    const auto password = store::postgres_password(url);
    if (!password.empty()) ::setenv("PGPASSWORD", password.c_str(), 1);
    const auto result = media::run_process(args, kNoTimeLimit);
    if (!password.empty()) ::unsetenv("PGPASSWORD");
    if (result.exit_code != 0) {
        throw std::runtime_error(name + " 失败(退出码 " + std::to_string(result.exit_code) +
                                 "):" + result.err);
    }
}

}  // namespace

void pg_dump(const std::string& url, const std::string& snapshot,
             const std::filesystem::path& archive) {
    run("pg_dump", {"--format=custom", "--snapshot=" + snapshot, "--file=" + archive.string()},
        url);
}

void pg_restore(const std::string& url, const std::filesystem::path& archive) {
    run("pg_restore",
        {"--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
         archive.string()},
        url);
}

}  // namespace wangju::app
