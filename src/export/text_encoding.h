// Turns the bytes of an uploaded text table into UTF-8, whatever Excel or a text editor saved.
#pragma once

#include <string>
#include <string_view>

namespace wangju::tables {

// UTF-8 (a BOM is removed), UTF-16 with a BOM (Excel's "Unicode text"), or else GB18030 (Excel's
// CSV on Chinese Windows). Throws Error(invalid_input) when none of them fits.
std::string text_as_utf8(std::string_view bytes);

bool is_valid_utf8(std::string_view text);

// `text` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD, as
// a browser shows such text: what is readable stays readable and the result is valid UTF-8.
std::string repair_utf8(std::string_view text);

}  // namespace wangju::tables
