// Media types of the files served from the static folder.
#pragma once

#include <filesystem>
#include <string_view>

namespace wangju::http {

// By extension; application/octet-stream for anything unknown.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace wangju::http
