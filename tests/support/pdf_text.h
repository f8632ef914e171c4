// The text of a PDF as pdftotext (poppler-utils) reads it, for tests that check what a generated
// document says.
#pragma once

#include <filesystem>
#include <string>

namespace wangju::testing {

// What a shell command prints on its standard output and error.
std::string command_output(const std::string& command);

// Writes `pdf` to a file in `dir` and reads it back as UTF-8 text.
std::string pdf_text(const std::string& pdf, const std::filesystem::path& dir);

// The same without spaces and line breaks: letter-spaced and wrapped lines come out with them
// inside words.
std::string pdf_text_joined(const std::string& pdf, const std::filesystem::path& dir);

}  // namespace wangju::testing
