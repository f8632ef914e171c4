#include "media/text_count.h"

#include <fstream>
#include <iterator>

#include <pugixml.hpp>

#include "domain/error.h"
#include "export/text_encoding.h"
#include "export/xlsx_archive.h"

namespace wangju::media {

namespace {

// Essays are small; a larger text file or Word document is not an essay.
constexpr std::uintmax_t max_document_bytes = 64 * 1024 * 1024;

std::string read_document(const std::filesystem::path& path) {
    if (std::filesystem::file_size(path) > max_document_bytes)
        throw_invalid("文本或 Word 文档不能超过 64 MB", {{"file", "文档过大"}});
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xA0 ||
           c == 0xFEFF;
}

}  // namespace

std::int64_t count_characters(std::string_view utf8) {
    std::int64_t count = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = lead;
        if (length > 1) {
            c = lead & (0x3F >> (length - 1));
            for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k)
                c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        if (!is_space(c)) ++count;
        i += length;
    }
    return count;
}

std::int64_t count_text_characters(const std::filesystem::path& path) {
    return count_characters(tables::text_as_utf8(read_document(path)));
}

bool is_word_document(const std::filesystem::path& path) {
    if (std::filesystem::file_size(path) > max_document_bytes) return false;
    try {
        auto bytes = read_document(path);
        tables::XlsxArchive archive(bytes, 4 * max_document_bytes);
        return archive.read("word/document.xml").has_value();
    } catch (const Error&) {
        return false;
    }
}

std::int64_t count_docx_characters(const std::filesystem::path& path) {
    auto bytes = read_document(path);
    tables::XlsxArchive archive(bytes, 4 * max_document_bytes);
    auto xml = archive.read("word/document.xml");
    pugi::xml_document document;
    if (!xml || !document.load_buffer(xml->data(), xml->size()))
        throw_invalid("Word 文档已损坏，无法读取正文", {{"file", "Word 文档已损坏"}});
    std::int64_t count = 0;
    for (const auto& node : document.select_nodes("//*[local-name()='t']"))
        count += count_characters(node.node().text().get());
    return count;
}

}  // namespace wangju::media
