// Reading the XML parts of an XLSX file with pugixml. Elements are matched by their local name:
// Excel writes a default namespace, but other writers (the Open XML SDK) use prefixes ("x:row").
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace wangju::tables {

// Parses `content` in place (it must outlive `document`). Throws Error(invalid_input) when it is
// not well-formed XML.
void parse_xml_part(std::string& content, pugi::xml_document& document);

std::string_view local_name(const pugi::xml_node& node);
pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view local);
// The value of the attribute whose local name is `local` ("r:id" for "id"), or "".
std::string_view attribute_named(const pugi::xml_node& node, std::string_view local);

// Calls `visit` for each child element of `parent` whose local name is `local`.
template <typename Visit>
void for_each_child_named(const pugi::xml_node& parent, std::string_view local, Visit visit) {
    for (const pugi::xml_node child : parent.children()) {
        if (child.type() == pugi::node_element && local_name(child) == local) visit(child);
    }
}

// The text of a string element: Excel escapes characters that XML cannot carry as "_x000D_",
// and "_x005F_" stands for an underscore that would otherwise start such an escape.
std::string unescape_ooxml_text(std::string_view text);

}  // namespace wangju::tables
