// A ZIP file of stored files (the works a level recommends, with their manifest), written with
// libzip. The files are read from disk while the archive is closed, so memory does not grow with
// their size; media are stored without compression (they are compressed already).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wangju::tables {

struct ZipEntry {
    std::string name;              // path inside the archive, UTF-8: "02 微视频/12 奋进/奋进.mp4"
    std::filesystem::path source;  // the file on disk
    bool compress = false;         // deflate (for the manifest and text), else stored
};

// Writes `entries` to `out` (replacing it). Throws std::runtime_error naming the file that could
// not be read or written.
void write_zip(const std::filesystem::path& out, const std::vector<ZipEntry>& entries);

// A name that is safe as one path segment inside an archive: no '/', '\\', control characters,
// nor a leading dot; at most `max_chars` code points; "_" when nothing is left.
std::string zip_segment(const std::string& text, std::size_t max_chars = 60);

}  // namespace wangju::tables
