#include "web/mailbox/reply_markdown.h"

#include <cstdlib>
#include <memory>

#include <cmark-gfm.h>

namespace wangju::web {

std::string reply_html(std::string_view markdown) {
    // Safe rendering is cmark-gfm's default as long as CMARK_OPT_UNSAFE is not given; the
    // compatibility flag CMARK_OPT_SAFE is named to keep the intent visible.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_HARDBREAKS;
    std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(markdown.data(), markdown.size(), options), &std::free);
    return html ? std::string(html.get()) : std::string();
}

}  // namespace wangju::web
