#include "export/docx_document.h"

#include <zip.h>

#include <sstream>
#include <stdexcept>

#include <pugixml.hpp>

#include "export/official_table_cells.h"

namespace wangju::tables {

namespace {

constexpr const char* word_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string serialise(const pugi::xml_node& node) {
    std::ostringstream out;
    node.print(out, "", pugi::format_raw);
    return out.str();
}

std::string serialise_document(const pugi::xml_document& document) {
    std::ostringstream out;
    document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)" + out.str();
}

void set_value(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_child(name).append_attribute("w:val") = value.c_str();
}

// A run of text; "\n" becomes a line break inside the paragraph.
void append_runs(pugi::xml_node paragraph, const std::string& text, bool bold, int half_points) {
    pugi::xml_node run = paragraph.append_child("w:r");
    pugi::xml_node properties = run.append_child("w:rPr");
    if (bold) properties.append_child("w:b");
    if (half_points > 0) set_value(properties, "w:sz", std::to_string(half_points));
    std::size_t start = 0;
    const std::string clean = clean_text(text);
    while (true) {
        const std::size_t end = clean.find('\n', start);
        pugi::xml_node t = run.append_child("w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text() = clean.substr(start, end - start).c_str();
        if (end == std::string::npos) break;
        run.append_child("w:br");
        start = end + 1;
    }
}

pugi::xml_node paragraph_in(pugi::xml_node parent, const char* alignment) {
    pugi::xml_node paragraph = parent.append_child("w:p");
    pugi::xml_node properties = paragraph.append_child("w:pPr");
    if (alignment != nullptr) set_value(properties, "w:jc", alignment);
    return paragraph;
}

pugi::xml_node table_borders(pugi::xml_node table_properties) {
    pugi::xml_node borders = table_properties.append_child("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        pugi::xml_node border = borders.append_child(side);
        border.append_attribute("w:val") = "single";
        border.append_attribute("w:sz") = "4";
        border.append_attribute("w:space") = "0";
        border.append_attribute("w:color") = "000000";
    }
    return borders;
}

void append_row(pugi::xml_node table, const std::vector<std::string>& cells,
                const std::vector<int>& widths, bool header) {
    pugi::xml_node row = table.append_child("w:tr");
    if (header) row.append_child("w:trPr").append_child("w:tblHeader");
    for (std::size_t i = 0; i < widths.size(); ++i) {
        pugi::xml_node cell = row.append_child("w:tc");
        pugi::xml_node width = cell.append_child("w:tcPr").append_child("w:tcW");
        width.append_attribute("w:w") = widths[i];
        width.append_attribute("w:type") = "dxa";
        const std::string text = i < cells.size() ? cells[i] : "";
        append_runs(paragraph_in(cell, header ? "center" : nullptr), text, header, 21);
    }
}

const char* content_types = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
    R"(</Types>)";

const char* package_relationships = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
    R"(</Relationships>)";

const char* document_relationships = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

// 宋体 for Chinese text, Times New Roman for Latin, 小四 (12 pt) as official documents use.
const char* styles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr>)"
    R"(<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>)"
    R"(<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>)"
    R"(</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
    R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
    R"(<w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)"
    R"(</w:styles>)";

std::string core_properties(const std::string& title) {
    pugi::xml_document document;
    pugi::xml_node root = document.append_child("cp:coreProperties");
    root.append_attribute("xmlns:cp") =
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    root.append_child("dc:title").text() = clean_text(title).c_str();
    root.append_child("dc:language").text() = "zh-CN";
    return serialise_document(document);
}

}  // namespace

DocxDocument::DocxDocument(std::string title) : title_(std::move(title)) {}

void DocxDocument::add_heading(const std::string& text) {
    pugi::xml_document scratch;
    append_runs(paragraph_in(scratch, "center"), text, true, 32);
    body_ += serialise(scratch.first_child());
}

void DocxDocument::add_paragraph(const std::string& text, bool bold) {
    pugi::xml_document scratch;
    append_runs(paragraph_in(scratch, nullptr), text, bold, 0);
    body_ += serialise(scratch.first_child());
}

void DocxDocument::add_table(const std::vector<std::string>& headers,
                             const std::vector<std::vector<std::string>>& rows,
                             const std::vector<int>& widths) {
    pugi::xml_document scratch;
    pugi::xml_node table = scratch.append_child("w:tbl");
    pugi::xml_node properties = table.append_child("w:tblPr");
    pugi::xml_node table_width = properties.append_child("w:tblW");
    table_width.append_attribute("w:w") = "0";
    table_width.append_attribute("w:type") = "auto";
    set_value(properties, "w:jc", "center");
    table_borders(properties);
    pugi::xml_node layout = properties.append_child("w:tblLayout");
    layout.append_attribute("w:type") = "fixed";
    pugi::xml_node grid = table.append_child("w:tblGrid");
    for (const int width : widths) grid.append_child("w:gridCol").append_attribute("w:w") = width;
    append_row(table, headers, widths, true);
    for (const auto& row : rows) append_row(table, row, widths, false);
    body_ += serialise(table);
    // Word requires a paragraph between a table and what follows it, including the section end.
    add_paragraph("");
}

void DocxDocument::save(const std::filesystem::path& path) const {
    // A4 portrait with the margins of official documents (3.7 cm top, 2.8 cm left and right).
    const std::string section =
        R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>)"
        R"(<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>)";
    const std::string document =
        std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
        R"(<w:document xmlns:w=")" + word_ns + R"("><w:body>)" + body_ + section +
        "</w:body></w:document>";
    const std::vector<std::pair<const char*, std::string>> parts = {
        {"[Content_Types].xml", content_types},
        {"_rels/.rels", package_relationships},
        {"word/document.xml", document},
        {"word/_rels/document.xml.rels", document_relationships},
        {"word/styles.xml", styles},
        {"docProps/core.xml", core_properties(title_)},
    };
    int error = 0;
    zip_t* archive = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("cannot write " + path.string());
    for (const auto& [name, content] : parts) {
        // The buffers stay alive until zip_close, which is when libzip reads them.
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (source == nullptr || zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8) < 0) {
            if (source != nullptr) zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("cannot write " + path.string());
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("cannot write " + path.string());
    }
}

}  // namespace wangju::tables
