// A small Word document (DOCX, WordprocessingML) made of a centred title, paragraphs and tables
// with borders: enough for the notice's attachment 附件1 to open in Word, WPS and LibreOffice.
//
// Written by hand (the XML built with pugixml, which escapes every text, and zipped with libzip)
// because Debian packages no C++ library that writes DOCX; the package holds only the parts
// that the Office Open XML standard requires plus styles and document properties.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wangju::tables {

class DocxDocument {
  public:
    explicit DocxDocument(std::string title);  // also the document's title property

    // A centred title line, bold, 16 pt (二号 is too large for a table attachment).
    void add_heading(const std::string& text);
    // A paragraph; "\n" in `text` starts a new line within it.
    void add_paragraph(const std::string& text, bool bold = false);
    // A table with a bold header row repeated on every page; `widths` in twentieths of a point
    // (1 cm = 567), one per column.
    void add_table(const std::vector<std::string>& headers,
                   const std::vector<std::vector<std::string>>& rows,
                   const std::vector<int>& widths);

    // Writes the package to `path`, replacing it. Throws std::runtime_error when it cannot.
    void save(const std::filesystem::path& path) const;

  private:
    std::string title_;
    std::string body_;  // w:body children, serialised
};

}  // namespace wangju::tables
