#include "export/xlsx_signature.h"

#include "domain/error.h"

namespace wangju::tables {

namespace {

constexpr std::string_view zip_signature = "PK\x03\x04";
constexpr std::string_view ole2_signature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
// A workbook with a password to open is an OLE2 file holding a stream with this name (UTF-16LE).
constexpr std::string_view encrypted_package_name{
    "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32};

}  // namespace

bool looks_like_excel_file(std::string_view bytes) {
    return bytes.starts_with(zip_signature) || bytes.starts_with(ole2_signature);
}

void reject_ole2_file(std::string_view bytes) {
    if (!bytes.starts_with(ole2_signature)) return;
    if (bytes.find(encrypted_package_name) != std::string_view::npos) {
        throw_invalid("文件设有打开密码,请取消密码后另存为XLSX再上传");
    }
    throw_invalid("不支持旧版XLS格式,请另存为XLSX后上传");
}

}  // namespace wangju::tables
