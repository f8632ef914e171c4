// The ZIP container of an XLSX file, opened from memory. Every part is checked against the
// uncompressed-size limit before it is inflated, so a small upload cannot expand into gigabytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct zip;

namespace wangju::tables {

class XlsxArchive {
  public:
    // `bytes` must outlive the archive. Throws Error(invalid_input) when they are not a ZIP file.
    XlsxArchive(std::string_view bytes, std::size_t max_uncompressed_bytes);
    ~XlsxArchive();
    XlsxArchive(const XlsxArchive&) = delete;
    XlsxArchive& operator=(const XlsxArchive&) = delete;

    // The content of part `name` ("xl/workbook.xml"), or nothing when there is no such part.
    // Throws Error(invalid_input) when the part is encrypted, corrupt, or too large, counting the
    // parts read before it.
    std::optional<std::string> read(const std::string& name);

  private:
    struct zip* zip_ = nullptr;
    std::size_t limit_;     // uncompressed bytes of all parts together
    std::size_t used_ = 0;  // uncompressed bytes read so far
};

}  // namespace wangju::tables
