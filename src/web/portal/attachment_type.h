// What an uploaded attachment is, decided from its bytes (libmagic, and for the zip-based Office
// formats the part list of the archive), never from the name or the type the browser claims.
// Allowed: Office documents (doc, docx, xls, xlsx, ppt, pptx, wps/et as OLE or OOXML), PDF,
// images (JPEG, PNG, GIF, WebP), archives (zip, 7z, rar). Each kind has its own size limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wangju::web {

struct AttachmentType {
    std::string media_type;  // "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    std::string label;       // "Excel 表格", for the page
    std::size_t max_bytes = 0;
};

// Throws Error(invalid_input) with field "file" and a Chinese message when the content is not of
// an allowed kind, or Error(payload_too_large) naming the kind's limit when it is too big.
AttachmentType check_attachment(std::string_view bytes);

// The largest attachment of any kind: the limit of the upload request's body.
std::size_t largest_attachment_bytes();
// The refusal of a request over that limit: "附件过大:各类附件的大小上限为 PDF 文档 50 MB、…".
std::string attachment_too_large_message();

}  // namespace wangju::web
