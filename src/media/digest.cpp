#include "media/digest.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace wangju::media {

struct Digest::State {
    EVP_MD_CTX* context = nullptr;
    ~State() { EVP_MD_CTX_free(context); }
};

Digest::Digest(DigestAlgorithm algorithm) : state_(std::make_unique<State>()) {
    state_->context = EVP_MD_CTX_new();
    const EVP_MD* md = algorithm == DigestAlgorithm::sha1 ? EVP_sha1() : EVP_sha256();
    if (!state_->context || EVP_DigestInit_ex(state_->context, md, nullptr) != 1)
        throw std::runtime_error("cannot start a digest");
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(std::string_view data) {
    if (EVP_DigestUpdate(state_->context, data.data(), data.size()) != 1)
        throw std::runtime_error("digest update failed");
}

std::string Digest::finish_raw() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(state_->context, out, &length) != 1)
        throw std::runtime_error("digest final failed");
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string to_hex(std::string_view raw) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(raw.size() * 2);
    for (unsigned char c : raw) {
        hex.push_back(digits[c >> 4]);
        hex.push_back(digits[c & 15]);
    }
    return hex;
}

void update_from_file(Digest& digest, int fd, std::uint64_t length) {
    std::vector<char> buffer(1 << 20);
    std::uint64_t done = 0;
    while (done < length) {
        auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), length - done));
        auto got = ::pread(fd, buffer.data(), want, static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw std::system_error(errno, std::generic_category(), "read");
        if (got == 0) throw std::runtime_error("the file is shorter than expected");
        digest.update({buffer.data(), static_cast<std::size_t>(got)});
        done += static_cast<std::uint64_t>(got);
    }
}

}  // namespace wangju::media
