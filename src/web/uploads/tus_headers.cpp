#include "web/uploads/tus_headers.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/base64.h"
#include "domain/error.h"
#include "http/http_date.h"

namespace wangju::web::tus {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

void add_pair(std::map<std::string, std::string>& out, std::string_view pair) {
    pair = trim(pair);
    auto space = pair.find(' ');
    std::string key(pair.substr(0, space));
    if (key.empty()) throw_invalid("Upload-Metadata 格式错误：键名为空");
    std::optional<std::string> value = std::string();
    if (space != std::string_view::npos) value = base64_decode(trim(pair.substr(space + 1)));
    if (!value)
        throw_invalid(fmt::format("Upload-Metadata 中 {} 的值不是有效的 Base64 编码", key));
    if (!out.emplace(key, *value).second)
        throw_invalid(fmt::format("Upload-Metadata 中 {} 重复出现", key));
}

}  // namespace

std::map<std::string, std::string> parse_metadata(std::string_view header) {
    std::map<std::string, std::string> out;
    while (!trim(header).empty()) {
        auto comma = header.find(',');
        add_pair(out, header.substr(0, comma));
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return out;
}

std::uint64_t parse_size(std::string_view text, std::string_view field) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw_invalid(fmt::format("{} 必须是不小于 0 的整数", field),
                      {{std::string(field), "必须是不小于 0 的整数"}});
    return value;
}

media::ChunkChecksum parse_checksum(std::string_view header) {
    auto space = header.find(' ');
    auto name = header.substr(0, space);
    media::ChunkChecksum checksum;
    std::size_t digest_size = 0;
    if (name == "sha1") {
        checksum.algorithm = media::DigestAlgorithm::sha1;
        digest_size = 20;
    } else if (name == "sha256") {
        checksum.algorithm = media::DigestAlgorithm::sha256;
        digest_size = 32;
    } else {
        throw_invalid("不支持的校验算法（Upload-Checksum 只接受 sha1 或 sha256）");
    }
    auto digest = space == std::string_view::npos ? std::nullopt
                                                  : base64_decode(trim(header.substr(space + 1)));
    if (!digest || digest->size() != digest_size)
        throw_invalid("Upload-Checksum 的校验值不是有效的 Base64 摘要");
    checksum.expected = *digest;
    return checksum;
}

http::Response& with_tus(http::Response& response) {
    return response.set_header("tus-resumable", std::string(version));
}

http::Response& with_upload_state(http::Response& response, const media::Upload& upload) {
    response.set_header("upload-offset", std::to_string(upload.offset));
    response.set_header("upload-length", std::to_string(upload.length));
    response.set_header("cache-control", "no-store");
    if (upload.state == media::UploadState::open)
        response.set_header("upload-expires", http::format_http_date(upload.expires_at));
    return with_tus(response);
}

}  // namespace wangju::web::tus
