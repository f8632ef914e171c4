#include "upload_fixture.h"

#include <random>

#include "media/digest.h"

namespace wangju::testing {

void UploadTest::configure(web::WebConfig& config) {
    config.upload_limits.max_size = max_size;
    config.upload_limits.max_open_per_user = 3;
    config.upload_limits.max_open_bytes_per_user = 2 * max_size;
}

HttpClient UploadTest::moved(const HttpClient& old) {
    HttpClient c = client();
    c.cookies = old.cookies;
    c.csrf_token = old.csrf_token;
    return c;
}

HttpAnswer UploadTest::create(HttpClient& c, std::uint64_t length, const std::string& filename,
                              bool with_csrf) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Tus-Resumable", "1.0.0"},
        {"Upload-Length", std::to_string(length)},
        {"Upload-Metadata", "filename " + base64(filename) + ",filetype " + base64("video/mp4")}};
    if (with_csrf) headers.emplace_back("X-CSRF-Token", c.csrf_token);
    return c.request("POST", "/api/v1/uploads", "", headers);
}

HttpAnswer UploadTest::patch(HttpClient& c, const std::string& location, std::uint64_t offset,
                             const std::string& bytes, std::optional<std::string> checksum) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Tus-Resumable", "1.0.0"},
        {"Upload-Offset", std::to_string(offset)},
        {"Content-Type", "application/offset+octet-stream"},
        {"X-CSRF-Token", c.csrf_token}};
    if (checksum) headers.emplace_back("Upload-Checksum", *checksum);
    return c.request("PATCH", location, bytes, headers);
}

HttpAnswer UploadTest::head(HttpClient& c, const std::string& location) {
    return c.request("HEAD", location, "", {{"Tus-Resumable", "1.0.0"}});
}

long long UploadTest::offset_of(HttpClient& c, const std::string& location) {
    auto answer = head(c, location);
    if (answer.status != 200) return -1;
    return std::stoll(answer.header("upload-offset").value_or("-1"));
}

std::string UploadTest::id_of(const std::string& location) const {
    return location.substr(location.rfind('/') + 1);
}

std::string sha1_base64(const std::string& data) {
    media::Digest digest(media::DigestAlgorithm::sha1);
    digest.update(data);
    return "sha1 " + base64(digest.finish_raw());
}

std::string sha256_hex_of(const std::string& data) {
    media::Digest digest(media::DigestAlgorithm::sha256);
    digest.update(data);
    return media::to_hex(digest.finish_raw());
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 generator(seed);
    std::string out(n, '\0');
    for (auto& c : out) c = static_cast<char>(generator() & 0xff);
    return out;
}

}  // namespace wangju::testing

namespace wangju::testing {
std::string text_payload(std::size_t n) {
    std::string out;
    for (int line = 1; out.size() < n; ++line)
        out += "第" + std::to_string(line) + "行：网聚职工正能量，争做中国好网民。\n";
    out.resize(n);
    // A cut in the middle of a character would no longer be valid UTF-8: end on ASCII.
    for (std::size_t i = n; i > 0 && static_cast<unsigned char>(out[i - 1]) >= 0x80; --i)
        out[i - 1] = '.';
    return out;
}
}  // namespace wangju::testing
