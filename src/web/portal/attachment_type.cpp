#include "web/portal/attachment_type.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <zip.h>

#include "domain/error.h"

namespace wangju::web {
namespace {

constexpr std::size_t MiB = 1024 * 1024;

struct Kind {
    const char* media_type;
    const char* label;
    std::size_t max_bytes;
};

const std::array<Kind, 15> kinds{{
    {"application/pdf", "PDF 文档", 50 * MiB},
    {"application/msword", "Word 文档", 20 * MiB},
    {"application/vnd.ms-excel", "Excel 表格", 20 * MiB},
    {"application/vnd.ms-powerpoint", "PowerPoint 演示文稿", 50 * MiB},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档",
     20 * MiB},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", 20 * MiB},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
     "PowerPoint 演示文稿", 50 * MiB},
    {"image/jpeg", "JPEG 图片", 10 * MiB},
    {"image/png", "PNG 图片", 10 * MiB},
    {"image/gif", "GIF 图片", 10 * MiB},
    {"image/webp", "WebP 图片", 10 * MiB},
    {"application/zip", "ZIP 压缩包", 100 * MiB},
    {"application/x-7z-compressed", "7z 压缩包", 100 * MiB},
    {"application/x-rar", "RAR 压缩包", 100 * MiB},
    {"application/vnd.rar", "RAR 压缩包", 100 * MiB},
}};

// libmagic's handle is not safe to share between threads; one per thread, loaded once.
magic_t thread_magic() {
    struct Handle {
        magic_t cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
        Handle() {
            if (!cookie || magic_load(cookie, nullptr) != 0) {
                throw std::runtime_error("libmagic: cannot load its database");
            }
        }
        ~Handle() { magic_close(cookie); }
    };
    thread_local Handle handle;
    return handle.cookie;
}

std::string magic_type(std::string_view bytes) {
    const char* type = magic_buffer(thread_magic(), bytes.data(), bytes.size());
    return type ? type : "";
}

// An OOXML file is a zip whose [Content_Types].xml names the main part's type. libmagic does not
// always look far enough into the archive, so the archive's parts decide.
std::string office_type_in_zip(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) return "";
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
        zip_source_free(source);
        return "";
    }
    std::string result;
    auto has = [&](const char* name) { return zip_name_locate(archive, name, 0) >= 0; };
    if (has("[Content_Types].xml")) {
        if (has("word/document.xml")) {
            result = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        } else if (has("xl/workbook.xml")) {
            result = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        } else if (has("ppt/presentation.xml")) {
            result = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        }
    }
    zip_close(archive);
    return result;
}

// OLE compound files (old .doc/.xls/.ppt, and WPS's .wps/.et) as libmagic names them.
std::string ole_type(const std::string& magic, std::string_view bytes) {
    if (magic == "application/msword" || magic == "application/vnd.ms-excel" ||
        magic == "application/vnd.ms-powerpoint") {
        return magic;
    }
    if (magic == "application/x-ole-storage" || magic == "application/CDFV2") {
        // Unnamed compound documents: the stream names tell Word from Excel.
        auto contains = [&](std::u16string_view name) {
            std::string_view raw(reinterpret_cast<const char*>(name.data()), name.size() * 2);
            return bytes.find(raw) != std::string_view::npos;
        };
        if (contains(u"WordDocument")) return "application/msword";
        if (contains(u"Workbook") || contains(u"Book")) return "application/vnd.ms-excel";
        if (contains(u"PowerPoint Document")) return "application/vnd.ms-powerpoint";
    }
    return "";
}

std::string content_type_of(std::string_view bytes) {
    std::string magic = magic_type(bytes);
    if (magic == "application/zip" || magic.starts_with("application/vnd.openxmlformats")) {
        std::string office = office_type_in_zip(bytes);
        return office.empty() ? "application/zip" : office;
    }
    if (auto ole = ole_type(magic, bytes); !ole.empty()) return ole;
    return magic;
}

}  // namespace

AttachmentType check_attachment(std::string_view bytes) {
    if (bytes.empty()) throw_invalid("附件是空文件", {{"file", "附件是空文件"}});
    const std::string type = content_type_of(bytes);
    auto kind = std::find_if(kinds.begin(), kinds.end(),
                             [&](const Kind& k) { return type == k.media_type; });
    if (kind == kinds.end()) {
        std::string message =
            "不支持此类文件作为附件:只接受 Office 文档、PDF、图片(JPEG、PNG、GIF、WebP)和压缩包"
            "(ZIP、7z、RAR)";
        throw_invalid(message, {{"file", message}});
    }
    if (bytes.size() > kind->max_bytes) {
        throw Error(ErrorKind::payload_too_large,
                    fmt::format("{}不能超过 {} MB(此文件 {:.1f} MB)", kind->label,
                                kind->max_bytes / MiB, static_cast<double>(bytes.size()) / MiB),
                    {{"file", fmt::format("{}不能超过 {} MB", kind->label, kind->max_bytes / MiB)}});
    }
    return {kind->media_type, kind->label, kind->max_bytes};
}

std::string attachment_too_large_message() {
    std::string limits;
    std::vector<std::string_view> named;
    for (const auto& k : kinds) {
        if (std::find(named.begin(), named.end(), k.label) != named.end()) continue;
        named.emplace_back(k.label);
        limits += fmt::format("{}{} {} MB", limits.empty() ? "" : "、", k.label, k.max_bytes / MiB);
    }
    return "附件过大:各类附件的大小上限为 " + limits;
}

std::size_t largest_attachment_bytes() {
    std::size_t largest = 0;
    for (const auto& k : kinds) largest = std::max(largest, k.max_bytes);
    return largest;
}

}  // namespace wangju::web
