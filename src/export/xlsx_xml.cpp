#include "export/xlsx_xml.h"

#include <charconv>
#include <optional>

#include "domain/error.h"
#include "domain/text.h"

namespace wangju::tables {

namespace {

// The code point of an escape "_xHHHH_" at the start of `text`, if there is one.
std::optional<char32_t> escape_at(std::string_view text) {
    constexpr std::size_t length = 7;
    if (text.size() < length || !text.starts_with("_x") || text[length - 1] != '_') {
        return std::nullopt;
    }
    unsigned value = 0;
    const char* first = text.data() + 2;
    const auto [end, error] = std::from_chars(first, first + 4, value, 16);
    if (error != std::errc{} || end != first + 4) return std::nullopt;
    if (value >= 0xD800 && value <= 0xDFFF) return std::nullopt;
    return static_cast<char32_t>(value);
}

}  // namespace

void parse_xml_part(std::string& content, pugi::xml_document& document) {
    // Whitespace-only text is data in a cell (" "), so it is kept.
    const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
    if (!document.load_buffer_inplace(content.data(), content.size(), flags)) {
        throw_invalid("文件不是有效的XLSX表格,可能已损坏");
    }
}

std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const std::size_t colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view local) {
    for (const pugi::xml_node child : parent.children()) {
        if (child.type() == pugi::node_element && local_name(child) == local) return child;
    }
    return {};
}

std::string_view attribute_named(const pugi::xml_node& node, std::string_view local) {
    for (const pugi::xml_attribute attribute : node.attributes()) {
        const std::string_view name = attribute.name();
        const std::size_t colon = name.rfind(':');
        const std::string_view tail =
            colon == std::string_view::npos ? name : name.substr(colon + 1);
        if (tail == local) return attribute.value();
    }
    return {};
}

std::string unescape_ooxml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const auto cp = escape_at(text.substr(i))) {
            append_utf8(out, *cp);
            i += 7;
        } else {
            out.push_back(text[i]);
            ++i;
        }
    }
    return out;
}

}  // namespace wangju::tables
