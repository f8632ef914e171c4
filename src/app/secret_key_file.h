// The key that seals letters' phones and addresses at rest, kept in a file of its own.
#pragma once

#include <filesystem>
#include <string>

namespace wangju::app {

// Reads the key (64 hex characters) from `path`; when the file does not exist, creates it with
// a new random key, readable and writable by the owner only (0600). Returns the 32 raw bytes.
// Throws std::runtime_error naming the file when it cannot be read, created or parsed, or when
// others may read it.
std::string load_or_create_secret_key(const std::filesystem::path& path);

}  // namespace wangju::app
