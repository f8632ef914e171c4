// An article's body and a reply to a letter, in Markdown: rendered as the pages show them, and
// reduced to the plain text of search snippets and feed summaries.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "web/mailbox/reply_markdown.h"
#include "web/portal/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto markdown = wangju::fuzz::as_text(data, size);
    (void)wangju::web::render_markdown(markdown);
    (void)wangju::web::markdown_plain_text(markdown);
    (void)wangju::web::reply_html(markdown);
    return 0;
}
