// Incremental SHA-1 and SHA-256 (OpenSSL's EVP): blob names and tus upload checksums.
#pragma once

#include <cstdint>
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
// Adds the first `length` bytes of the open file `fd` (read with pread, in pieces) to `digest`;
// throws std::system_error, or std::runtime_error when the file is shorter.
void update_from_file(Digest& digest, int fd, std::uint64_t length);

}  // namespace wangju::media
