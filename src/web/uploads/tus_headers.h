// The header fields of the tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload):
// parsing what clients send, and the fields every answer carries.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "media/upload.h"
#include "media/uploads.h"

namespace wangju::web::tus {

inline constexpr std::string_view version = "1.0.0";
inline constexpr std::string_view extensions = "creation,termination,checksum,expiration";
inline constexpr std::string_view checksum_algorithms = "sha1,sha256";

// "filename d29ya2VyLm1wNA==,is_public" -> {filename: worker.mp4, is_public: ""}. Throws
// Error(invalid_input) on a key with spaces or commas, a repeated key, or a value that is not
// base64.
std::map<std::string, std::string> parse_metadata(std::string_view header);
// A non-negative decimal number of bytes; Error(invalid_input) naming `field` otherwise.
std::uint64_t parse_size(std::string_view text, std::string_view field);
// "sha1 <base64>" -> algorithm and raw digest; Error(invalid_input) for another algorithm.
media::ChunkChecksum parse_checksum(std::string_view header);

// Adds Tus-Resumable (every answer) to `response`.
http::Response& with_tus(http::Response& response);
// Upload-Offset, Upload-Length, Upload-Expires (open uploads), Cache-Control: no-store.
http::Response& with_upload_state(http::Response& response, const media::Upload& upload);

}  // namespace wangju::web::tus
