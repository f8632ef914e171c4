// Search results show where the terms were found: a piece of the text around the first match,
// HTML-escaped, with every occurrence of a term wrapped in <mark>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wangju::web {

std::string html_escape(std::string_view text);

// At most `max_chars` characters of `text` starting a little before the first match (the start
// of the text when none), with "…" where it was cut. Terms match ignoring ASCII case.
std::string highlight(std::string_view text, const std::vector<std::string>& terms,
                      std::size_t max_chars);

}  // namespace wangju::web
