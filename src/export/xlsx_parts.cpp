#include "export/xlsx_parts.h"

#include <map>
#include <vector>

#include "domain/error.h"
#include "export/xlsx_xml.h"

namespace wangju::tables {

namespace {

struct Relationship {
    std::string type;    // a URI such as ".../relationships/worksheet"
    std::string target;  // a part name, resolved
};

using Relationships = std::map<std::string, Relationship, std::less<>>;  // by Id

[[noreturn]] void throw_not_xlsx() {
    throw_invalid("文件不是有效的XLSX表格");
}

std::string directory_of(std::string_view part) {
    const std::size_t slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// "worksheets/sheet1.xml" from "xl/" is "xl/worksheets/sheet1.xml"; "/xl/..." is absolute;
// ".." steps up.
std::string resolve_target(std::string_view base_directory, std::string_view target) {
    std::string joined = target.starts_with('/')
                             ? std::string(target.substr(1))
                             : std::string(base_directory) + std::string(target);
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= joined.size()) {
        const std::size_t slash = std::min(joined.find('/', start), joined.size());
        const std::string segment = joined.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string resolved;
    for (const auto& segment : segments) resolved += (resolved.empty() ? "" : "/") + segment;
    return resolved;
}

// The relationships of `part` ("xl/workbook.xml" has them in "xl/_rels/workbook.xml.rels").
Relationships read_relationships(XlsxArchive& archive, std::string_view part) {
    const std::string directory = directory_of(part);
    const std::string name(part.substr(directory.size()));
    auto content = archive.read(directory + "_rels/" + name + ".rels");
    Relationships relationships;
    if (!content) return relationships;
    pugi::xml_document document;
    parse_xml_part(*content, document);
    const auto root = child_named(document, "Relationships");
    for_each_child_named(root, "Relationship", [&](const pugi::xml_node& node) {
        if (std::string_view(node.attribute("TargetMode").value()) == "External") return;
        relationships[node.attribute("Id").value()] = {
            node.attribute("Type").value(),
            resolve_target(directory, node.attribute("Target").value())};
    });
    return relationships;
}

std::string target_of_type(const Relationships& relationships, std::string_view type_suffix) {
    for (const auto& [id, relationship] : relationships) {
        if (std::string_view(relationship.type).ends_with(type_suffix)) return relationship.target;
    }
    return {};
}

std::string workbook_part(XlsxArchive& archive) {
    const std::string part = target_of_type(read_relationships(archive, ""), "/officeDocument");
    return part.empty() ? "xl/workbook.xml" : part;
}

bool is_hidden(const pugi::xml_node& sheet) {
    const std::string_view state = sheet.attribute("state").value();
    return state == "hidden" || state == "veryHidden";
}

// The relationship id of the first visible sheet, or of the first sheet when all are hidden.
std::string first_sheet_id(const pugi::xml_node& workbook) {
    std::string first, first_visible;
    for_each_child_named(child_named(workbook, "sheets"), "sheet",
                         [&](const pugi::xml_node& sheet) {
                             const std::string id(attribute_named(sheet, "id"));
                             if (first.empty()) first = id;
                             if (first_visible.empty() && !is_hidden(sheet)) first_visible = id;
                         });
    if (first.empty()) throw_invalid("XLSX表格中没有工作表");
    return first_visible.empty() ? first : first_visible;
}

bool is_true(std::string_view value) {
    return value == "1" || value == "true";
}

}  // namespace

XlsxParts locate_parts(XlsxArchive& archive) {
    const std::string workbook_name = workbook_part(archive);
    auto content = archive.read(workbook_name);
    if (!content) throw_not_xlsx();
    pugi::xml_document document;
    parse_xml_part(*content, document);
    const auto workbook = child_named(document, "workbook");
    if (!workbook) throw_not_xlsx();

    const Relationships relationships = read_relationships(archive, workbook_name);
    const auto sheet = relationships.find(first_sheet_id(workbook));
    if (sheet == relationships.end()) throw_not_xlsx();

    XlsxParts parts;
    parts.sheet = sheet->second.target;
    parts.shared_strings = target_of_type(relationships, "/sharedStrings");
    parts.styles = target_of_type(relationships, "/styles");
    parts.date1904 = is_true(child_named(workbook, "workbookPr").attribute("date1904").value());
    return parts;
}

}  // namespace wangju::tables
