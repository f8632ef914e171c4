// Telling Excel files from text by their first bytes, whatever the file name says.
#pragma once

#include <string_view>

namespace wangju::tables {

// A ZIP file (XLSX) or an OLE2 compound file (old XLS, or XLSX with a password to open).
bool looks_like_excel_file(std::string_view bytes);

// Throws Error(invalid_input) naming what to do when `bytes` are an OLE2 file: neither old XLS
// nor password-protected workbooks can be read.
void reject_ole2_file(std::string_view bytes);

}  // namespace wangju::tables
