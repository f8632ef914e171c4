// Character counts of essays: the rules of text tracks count characters (字数), not bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace wangju::media {

// Characters of UTF-8 text that are not white space (spaces and line breaks do not count).
std::int64_t count_characters(std::string_view utf8);
// A .txt file in UTF-8, UTF-16 with a BOM, or GB18030; Error(invalid_input) otherwise.
std::int64_t count_text_characters(const std::filesystem::path& path);
// A ZIP file holding word/document.xml.
bool is_word_document(const std::filesystem::path& path);
// The text of a .docx (word/document.xml, every w:t run); Error(invalid_input) when damaged.
std::int64_t count_docx_characters(const std::filesystem::path& path);

}  // namespace wangju::media
