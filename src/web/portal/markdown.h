// Article bodies are Markdown (CommonMark, through cmark-gfm). Rendering is safe: raw HTML in the
// source is dropped, and links or images whose URL could run code (javascript:, vbscript:,
// file:, and data: other than images) lose their URL. What comes out can be put into a page as is.
#pragma once

#include <string>
#include <string_view>

namespace wangju::web {

std::string render_markdown(std::string_view markdown);

// The text of the body without its markup, for search snippets and feed summaries.
std::string markdown_plain_text(std::string_view markdown);

}  // namespace wangju::web
