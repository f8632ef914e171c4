#include "media/digest.h"

#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>
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

std::string sha256_of_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    Digest digest(DigestAlgorithm::sha256);
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        digest.update({buffer.data(), static_cast<std::size_t>(in.gcount())});
    }
    if (in.bad()) throw std::runtime_error("cannot read " + path.string());
    return to_hex(digest.finish_raw());
}

}  // namespace wangju::media
