#include "web/portal/markdown.h"

#include <cstdlib>
#include <memory>

#include <cmark-gfm.h>

namespace wangju::web {
namespace {

// CMARK_OPT_UNSAFE is deliberately absent: without it cmark-gfm replaces raw HTML blocks and
// inline HTML by a comment and empties dangerous link and image URLs.
constexpr int kOptions = CMARK_OPT_DEFAULT;

struct NodeFree {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};

std::string take(char* text) {
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

}  // namespace

std::string render_markdown(std::string_view markdown) {
    return take(cmark_markdown_to_html(markdown.data(), markdown.size(), kOptions));
}

std::string markdown_plain_text(std::string_view markdown) {
    std::unique_ptr<cmark_node, NodeFree> doc(
        cmark_parse_document(markdown.data(), markdown.size(), kOptions));
    return take(cmark_render_plaintext(doc.get(), kOptions, 0));
}

}  // namespace wangju::web
