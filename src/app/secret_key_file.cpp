#include "app/secret_key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include <sodium.h>

#include "domain/secret_box.h"

namespace wangju::app {

namespace {

std::string to_hex(const std::string& bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    hex.pop_back();
    return hex;
}

void create_key_file(const std::filesystem::path& path) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    // O_EXCL: two processes starting at once never overwrite each other's key.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return;
        throw std::runtime_error("cannot create the key file " + path.string());
    }
    const std::string text = to_hex(new_secret_box_key()) + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) throw std::runtime_error("cannot write the key file " + path.string());
}

}  // namespace

std::string load_or_create_secret_key(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) create_key_file(path);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read " + path.string());
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        throw std::runtime_error("the key file " + path.string() +
                                 " may be read by others; chmod 600 it");
    }
    std::ifstream in(path);
    std::string hex;
    in >> hex;
    std::string key(secret_box_key_bytes, '\0');
    std::size_t size = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(),
                       hex.size(), nullptr, &size, nullptr) != 0 ||
        size != secret_box_key_bytes || hex.size() != 2 * secret_box_key_bytes) {
        throw std::runtime_error("the key file " + path.string() +
                                 " does not hold 64 hexadecimal characters");
    }
    return key;
}

}  // namespace wangju::app
