// Replies to letters are written in Markdown and shown as HTML.
#pragma once

#include <string>
#include <string_view>

namespace wangju::web {

// HTML for `markdown` through cmark-gfm in safe mode: raw HTML and javascript: or data: links
// are dropped, so the result may be inserted into a page unescaped.
std::string reply_html(std::string_view markdown);

}  // namespace wangju::web
