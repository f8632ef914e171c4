// A real server whose data folder holds the blobs and uploads, with tus helpers, and the means to
// stop and start the server again on the same folder.
#pragma once

#include <optional>
#include <string>

#include "support/multipart.h"
#include "support/web_fixture.h"

namespace wangju::testing {

class UploadTest : public WebTest {
  protected:
    void configure(web::WebConfig& config) override;

    // A client made after restart_server() for the current server with the cookies and CSRF token
    // of `old`.
    HttpClient moved(const HttpClient& old);

    HttpAnswer create(HttpClient& c, std::uint64_t length, const std::string& filename = "a.bin",
                      bool with_csrf = true);
    HttpAnswer patch(HttpClient& c, const std::string& location, std::uint64_t offset,
                     const std::string& bytes,
                     std::optional<std::string> checksum = std::nullopt);
    HttpAnswer head(HttpClient& c, const std::string& location);
    // The upload's offset as HEAD reports it, or -1 when it is not found.
    long long offset_of(HttpClient& c, const std::string& location);
    std::string id_of(const std::string& location) const;

    std::uint64_t max_size = 1 << 20;
};

std::string sha1_base64(const std::string& data);
std::string sha256_hex_of(const std::string& data);
std::string random_bytes(std::size_t n, unsigned seed);

}  // namespace wangju::testing

namespace wangju::testing {
// UTF-8 text of exactly `n` bytes (an accepted kind of file: a .txt essay), varying by line.
std::string text_payload(std::size_t n);
}  // namespace wangju::testing
