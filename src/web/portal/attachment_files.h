// The files of attachments, content-addressed by SHA-256 under <data>/blobs/ab/abcdef...: the
// same file attached twice is stored once, and a name from a user never becomes a path.
// Thread-safe: a file is written under a temporary name and renamed into place.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace wangju::web {

class AttachmentFiles {
  public:
    explicit AttachmentFiles(std::filesystem::path data_dir) : root_(std::move(data_dir) / "blobs") {}

    // Stores `bytes` and returns their SHA-256 (lowercase hex). Throws std::runtime_error when
    // the file cannot be written.
    std::string put(std::string_view bytes) const;
    // Where the file of `sha256` lies (it may not exist).
    std::filesystem::path path_of(const std::string& sha256) const;

  private:
    std::filesystem::path root_;
};

// The Content-Disposition of a download: always "attachment" (never shown inline), the name as
// RFC 6266 / RFC 5987 filename*=UTF-8''... and an ASCII fallback for old clients in which every
// character outside printable ASCII, and the quote and backslash, become '_'.
std::string attachment_disposition(std::string_view file_name);

// A user's file name made safe to keep: the last path component, control characters removed,
// at most 200 bytes (cut at a character boundary); "附件" when nothing is left.
std::string clean_file_name(std::string_view name);

}  // namespace wangju::web
