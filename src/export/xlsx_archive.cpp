#include "export/xlsx_archive.h"

#include <zip.h>

#include <memory>

#include <fmt/format.h>

#include "domain/error.h"
#include "export/table_rows.h"

namespace wangju::tables {

namespace {

[[noreturn]] void throw_corrupt() {
    throw_invalid("文件不是有效的XLSX表格,可能已损坏或未上传完整");
}

struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

XlsxArchive::XlsxArchive(std::string_view bytes, std::size_t max_uncompressed_bytes)
    : limit_(max_uncompressed_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source != nullptr) zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (zip_ == nullptr) {
        if (source != nullptr) zip_source_free(source);
        throw_invalid("文件不是有效的XLSX表格");
    }
}

XlsxArchive::~XlsxArchive() {
    zip_discard(zip_);
}

std::optional<std::string> XlsxArchive::read(const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(zip_, name.c_str(), 0, &stat) != 0) return std::nullopt;
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
        throw_invalid("文件已加密,请取消密码保护后再上传");
    }
    if (!(stat.valid & ZIP_STAT_SIZE)) throw_corrupt();
    if (stat.size > limit_ - used_) {
        throw_invalid(fmt::format("XLSX表格解压后超过{}的上限", size_label(limit_)));
    }
    const std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_, stat.index, 0));
    if (!file) throw_corrupt();
    std::string content(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file.get(), content.data(), content.size());
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) throw_corrupt();
    // libzip checks the CRC on reaching the end of the part, so read once more to get there; a
    // part longer than its directory entry says is corrupt too.
    char extra = 0;
    if (zip_fread(file.get(), &extra, 1) != 0) throw_corrupt();
    used_ += content.size();
    return content;
}

}  // namespace wangju::tables
