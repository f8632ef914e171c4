// The MIME type of a file judged from its content (libmagic), never from its name.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace wangju::media {

// "video/mp4", "image/jpeg", "application/octet-stream" when unknown.
std::string mime_type_of_file(const std::filesystem::path& path);
std::string mime_type_of_bytes(std::string_view bytes);

}  // namespace wangju::media
