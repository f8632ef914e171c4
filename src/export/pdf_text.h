// What the PDFs drawn by cairo share: Chinese text laid out by pango in a CJK font (Noto Sans CJK
// SC from fonts-noto-cjk, WenQuanYi Micro Hei as fallback), and a stream that collects the PDF's
// bytes in a string.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

namespace wangju::tables {

using TextLayout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// A layout of `text` (plain text, never markup), `size` points, bold or not, wrapped at
// characters or words to `width` points.
TextLayout text_layout(cairo_t* cr, std::string_view text, double size, bool bold, double width);

// The height of a layout in points.
double layout_height(PangoLayout* layout);

// A cairo write function appending to the std::string that `closure` points to.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

}  // namespace wangju::tables
