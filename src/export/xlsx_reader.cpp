// The first worksheet of an XLSX file as rows of text. No XLSX reader is packaged for Debian 12,
// so the parts are read with libzip and pugixml.
#include <charconv>
#include <optional>

#include "domain/error.h"
#include "export/table_reader.h"
#include "export/table_rows.h"
#include "export/xlsx_archive.h"
#include "export/xlsx_parts.h"
#include "export/xlsx_signature.h"
#include "export/xlsx_styles.h"
#include "export/xlsx_xml.h"

namespace wangju::tables {

namespace {

[[noreturn]] void throw_corrupt() {
    throw_invalid("文件不是有效的XLSX表格,可能已损坏");
}

// The text of a string item: plain (<t>) or rich text in runs (<r><t>); phonetic guides (<rPh>)
// are not part of the text.
std::string string_item_text(const pugi::xml_node& item) {
    std::string text;
    for (const pugi::xml_node child : item.children()) {
        if (local_name(child) == "t") {
            text += child.text().get();
        } else if (local_name(child) == "r") {
            text += child_named(child, "t").text().get();
        }
    }
    return unescape_ooxml_text(text);
}

std::vector<std::string> read_shared_strings(XlsxArchive& archive, const std::string& part) {
    std::vector<std::string> strings;
    if (part.empty()) return strings;
    auto content = archive.read(part);
    if (!content) return strings;
    pugi::xml_document document;
    parse_xml_part(*content, document);
    for_each_child_named(child_named(document, "sst"), "si", [&](const pugi::xml_node& item) {
        strings.push_back(string_item_text(item));
    });
    return strings;
}

struct CellReference {
    std::size_t column = 0;  // 0-based
    std::size_t row = 0;     // 1-based
};

// "C5" is column 2 of row 5. Excel's last column is XFD, so at most three letters.
std::optional<CellReference> parse_cell_reference(std::string_view text) {
    CellReference reference;
    std::size_t letters = 0;
    while (letters < text.size() && letters < 3 && text[letters] >= 'A' && text[letters] <= 'Z') {
        reference.column =
            reference.column * 26 + static_cast<std::size_t>(text[letters] - 'A' + 1);
        ++letters;
    }
    const char* first = text.data() + letters;
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, reference.row);
    if (letters == 0 || error != std::errc{} || end != last || reference.row == 0) {
        return std::nullopt;
    }
    --reference.column;
    return reference;
}

class SheetReader {
  public:
    SheetReader(const std::vector<std::string>& shared_strings, const CellShapes& shapes,
                bool date1904, RowsBuilder& rows)
        : shared_strings_(shared_strings), shapes_(shapes), date1904_(date1904), rows_(rows) {}

    // Rows and cells without a reference follow the previous one, as the format allows.
    void read(const pugi::xml_node& worksheet) {
        std::size_t next_row = 1;
        for_each_child_named(child_named(worksheet, "sheetData"), "row", [&](const auto& row) {
            const std::size_t number = row.attribute("r").as_ullong(0);
            rows_.start_row(number >= next_row ? number : next_row);
            next_row = rows_.row_number() + 1;
            read_row(row);
        });
    }

  private:
    void read_row(const pugi::xml_node& row) {
        std::size_t next_column = 0;
        for_each_child_named(row, "c", [&](const pugi::xml_node& cell) {
            const auto reference = parse_cell_reference(cell.attribute("r").value());
            const std::size_t column = reference ? reference->column : next_column;
            next_column = column + 1;
            rows_.put_cell(column, cell_text(cell));
        });
    }

    std::string cell_text(const pugi::xml_node& cell) const {
        const std::string_view type = cell.attribute("t").value();
        if (type == "inlineStr") return string_item_text(child_named(cell, "is"));
        const std::string_view value = child_named(cell, "v").text().get();
        if (value.empty()) return {};
        if (type == "s") return shared_string(value);
        if (type == "b") return value == "1" ? "TRUE" : "FALSE";
        if (type == "str") return unescape_ooxml_text(value);
        if (type == "e") return std::string(value);  // "#N/A", as Excel shows it
        const NumberShape shape = shape_of(cell);
        // t="d" holds an ISO 8601 date ("2023-06-01T00:00:00").
        if (type == "d")
            return std::string(shape == NumberShape::date ? value.substr(0, 10) : value);
        return format_cell_number(value, shape, date1904_);
    }

    std::string shared_string(std::string_view index_text) const {
        std::size_t index = 0;
        const auto [end, error] =
            std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
        if (error != std::errc{} || index >= shared_strings_.size()) throw_corrupt();
        return shared_strings_[index];
    }

    NumberShape shape_of(const pugi::xml_node& cell) const {
        const std::size_t style = cell.attribute("s").as_uint(0);
        return style < shapes_.size() ? shapes_[style] : NumberShape::number;
    }

    const std::vector<std::string>& shared_strings_;
    const CellShapes& shapes_;
    bool date1904_;
    RowsBuilder& rows_;
};

}  // namespace

Rows read_xlsx(std::string_view bytes, const ReadLimits& limits) {
    reject_ole2_file(bytes);
    XlsxArchive archive(bytes, limits.max_uncompressed_bytes);
    const XlsxParts parts = locate_parts(archive);
    const auto shared_strings = read_shared_strings(archive, parts.shared_strings);
    const CellShapes shapes = read_cell_shapes(archive, parts.styles);
    auto content = archive.read(parts.sheet);
    if (!content) throw_corrupt();
    pugi::xml_document document;
    parse_xml_part(*content, document);
    RowsBuilder rows(limits);
    SheetReader(shared_strings, shapes, parts.date1904, rows)
        .read(child_named(document, "worksheet"));
    return rows.finish();
}

}  // namespace wangju::tables
