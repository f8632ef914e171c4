#include "export/xlsx_styles.h"

#include <map>

#include "export/xlsx_xml.h"

namespace wangju::tables {

namespace {

// The workbook's own formats (ids 164 and up, or built-in ids redefined), by id.
std::map<int, NumberShape> custom_shapes(const pugi::xml_node& style_sheet) {
    std::map<int, NumberShape> shapes;
    for_each_child_named(child_named(style_sheet, "numFmts"), "numFmt",
                         [&](const pugi::xml_node& format) {
                             shapes[format.attribute("numFmtId").as_int(-1)] =
                                 shape_of_format_code(format.attribute("formatCode").value());
                         });
    return shapes;
}

}  // namespace

CellShapes read_cell_shapes(XlsxArchive& archive, const std::string& styles_part) {
    if (styles_part.empty()) return {};
    auto content = archive.read(styles_part);
    if (!content) return {};
    pugi::xml_document document;
    parse_xml_part(*content, document);
    const auto style_sheet = child_named(document, "styleSheet");
    const auto custom = custom_shapes(style_sheet);
    CellShapes shapes;
    for_each_child_named(child_named(style_sheet, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
        const int id = xf.attribute("numFmtId").as_int(0);
        const auto found = custom.find(id);
        shapes.push_back(found != custom.end() ? found->second : shape_of_builtin_format(id));
    });
    return shapes;
}

}  // namespace wangju::tables
