#include "smtp_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace wangju::testing {

namespace {

bool accepts(unsigned short port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

std::string base64_decoded(std::string text) {
    text.erase(
        std::remove_if(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }),
        text.end());
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("not base64: " + text);
    out.resize(length);
    return out;
}

// Decodes each "=?UTF-8?B?...?=" word; whitespace between two encoded words is dropped.
std::string decoded_words(const std::string& value) {
    std::string out;
    std::size_t at = 0;
    bool last_was_word = false;
    while (at < value.size()) {
        const auto start = value.find("=?", at);
        if (start == std::string::npos) {
            out += value.substr(at);
            break;
        }
        std::string between = value.substr(at, start - at);
        if (!(last_was_word && between.find_first_not_of(" \t\r\n") == std::string::npos))
            out += between;
        const auto q1 = value.find('?', start + 2), q2 = value.find('?', q1 + 1);
        const auto end = value.find("?=", q2 + 1);
        out += base64_decoded(value.substr(q2 + 1, end - q2 - 1));
        at = end + 2;
        last_was_word = true;
    }
    return out;
}

}  // namespace

unsigned short unused_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t size = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
    ::close(fd);
    return ntohs(addr.sin_port);
}

SmtpTestServer::SmtpTestServer(const std::filesystem::path& maildir)
    : maildir_(maildir), port_(unused_port()) {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    // Debian's interpreter, where python3-aiosmtpd is installed (PATH may name another).
    std::vector<std::string> args = {
        "/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", listen, "-c", "aiosmtpd.handlers.Mailbox",
        maildir_.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start aiosmtpd");
    // Waits for the child to listen: readiness, not a duration the test depends on.
    for (int i = 0; i < 200 && !accepts(port_); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!accepts(port_)) throw std::runtime_error("aiosmtpd did not start on " + listen);
}

SmtpTestServer::~SmtpTestServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
}

std::vector<std::string> SmtpTestServer::messages() const {
    std::vector<std::filesystem::directory_entry> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(maildir_ / "new", ec))
        files.push_back(e);
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return a.path().filename() < b.path().filename();
    });
    std::vector<std::string> out;
    for (const auto& f : files) {
        std::ifstream in(f.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        out.push_back(text.str());
    }
    return out;
}

std::string mail_header(const std::string& message, const std::string& name) {
    const auto head = message.substr(0, message.find("\n\n"));
    std::istringstream lines(head);
    std::string line, value;
    bool in_it = false;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (in_it && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            value += line;
            continue;
        }
        if (in_it) break;
        if (line.size() > name.size() && line.compare(0, name.size() + 1, name + ":") == 0) {
            value = line.substr(name.size() + 1);
            in_it = true;
        }
    }
    const auto first = value.find_first_not_of(' ');
    return first == std::string::npos ? "" : decoded_words(value.substr(first));
}

std::string mail_text(const std::string& message) {
    const auto header = message.find("Content-Transfer-Encoding: base64");
    if (header == std::string::npos) return "";
    auto start = message.find("\n\n", header);
    if (start == std::string::npos) start = message.find("\r\n\r\n", header);
    const auto end = message.find("\n--", start + 2);
    return base64_decoded(message.substr(start, end - start));
}

}  // namespace wangju::testing
