// Incremental SHA-1 and SHA-256 (OpenSSL's EVP): blob names and tus upload checksums.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace wangju::media {

enum class DigestAlgorithm { sha1, sha256 };

class Digest {
  public:
    explicit Digest(DigestAlgorithm algorithm);
    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;

    void update(std::string_view data);
    // The digest of everything given so far, as raw bytes; the Digest cannot be updated after.
    std::string finish_raw();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

std::string to_hex(std::string_view raw);
// SHA-256 of a file's content as lowercase hex, read in pieces.
std::string sha256_of_file(const std::filesystem::path& path);

}  // namespace wangju::media
