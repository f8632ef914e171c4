#include "export/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "export/pdf_text.h"
#include "export/qr_code.h"

namespace wangju::tables {
namespace {

constexpr double kWidth = 841.89;  // A4 landscape, points
constexpr double kHeight = 595.28;

struct PngSource {
    std::string_view bytes;
    std::size_t offset = 0;
};

cairo_status_t read_from_view(void* closure, unsigned char* data, unsigned int length) {
    auto* source = static_cast<PngSource*>(closure);
    if (source->bytes.size() - source->offset < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(source->bytes.data() + source->offset, length, data);
    source->offset += length;
    return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

Surface png_surface(std::string_view bytes) {
    PngSource source{bytes};
    Surface surface(cairo_image_surface_create_from_png_stream(read_from_view, &source),
                    &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) surface.reset();
    return surface;
}

enum class Align { left, center, right };

// Draws `text` (plain text, never markup) in a box `width` wide whose top is at y; returns the
// height it took.
double draw_text(cairo_t* cr, std::string_view text, double size, bool bold, double x, double y,
                 double width, Align align, double r, double g, double b, int spacing = 0) {
    const TextLayout layout = text_layout(cr, text, size, bold, width);
    pango_layout_set_alignment(layout.get(), align == Align::center  ? PANGO_ALIGN_CENTER
                                             : align == Align::right ? PANGO_ALIGN_RIGHT
                                                                     : PANGO_ALIGN_LEFT);
    pango_layout_set_spacing(layout.get(), static_cast<int>(size * 0.5 * PANGO_SCALE));
    if (spacing > 0) {
        PangoAttrList* attributes = pango_attr_list_new();
        pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(spacing * PANGO_SCALE));
        pango_layout_set_attributes(layout.get(), attributes);
        pango_attr_list_unref(attributes);
    }
    cairo_set_source_rgb(cr, r, g, b);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    return layout_height(layout.get());
}

void draw_qr(cairo_t* cr, std::string_view text, double x, double y, double side) {
    const QrMatrix m = qr_matrix(text);
    const double module = side / m.size;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - 2 * module, y - 2 * module, side + 4 * module, side + 4 * module);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int row = 0; row < m.size; ++row) {
        for (int col = 0; col < m.size; ++col) {
            if (m.at(col, row))
                cairo_rectangle(cr, x + col * module, y + row * module, module, module);
        }
    }
    cairo_fill(cr);
}

void draw_frame(cairo_t* cr) {
    cairo_set_source_rgb(cr, 1.0, 0.98, 0.94);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.70, 0.09, 0.09);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.80, 0.62, 0.20);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
    cairo_stroke(cr);
}

}  // namespace

std::string certificate_pdf(const CertificateText& text) {
    std::string out;
    Surface surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, kWidth, kHeight),
                    &cairo_surface_destroy);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, text.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "网聚");
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                               &cairo_destroy);
    cairo_t* cr = context.get();
    draw_frame(cr);

    const double red = 0.70, margin = 110, body = kWidth - 2 * margin;
    draw_text(cr, text.title, 48, true, margin, 70, body, Align::center, red, 0.09, 0.09, 16);
    double y = 175;
    y += draw_text(cr, text.winners + ":", 22, true, margin, y, body, Align::left, 0.1, 0.1, 0.1);
    const std::string sentence =
        !text.citation.empty() ? text.citation
                               : "您的作品《" + text.work_title + "》在“" + text.campaign_name +
                                     "”主题活动" + text.track_name + "中荣获";
    y += 14 + draw_text(cr, "    " + sentence, 20, false, margin, y + 14, body, Align::left, 0.1,
                        0.1, 0.1);
    y += 10 + draw_text(cr, text.tier, 34, true, margin, y + 10, body, Align::center, red, 0.09,
                        0.09, 6);
    draw_text(cr, "    特发此证,以资鼓励。", 20, false, margin, y + 12, body, Align::left, 0.1, 0.1,
              0.1);

    // The issuer and the date at the bottom right, the seal over them.
    const double right_x = kWidth - margin - 300, bottom = kHeight - 150;
    draw_text(cr, text.issuer, 20, false, right_x, bottom, 300, Align::center, 0.1, 0.1, 0.1);
    draw_text(cr, text.issued_on, 18, false, right_x, bottom + 36, 300, Align::center, 0.1, 0.1,
              0.1);
    if (!text.seal_png.empty()) {
        if (auto seal = png_surface(text.seal_png)) {
            const double w = cairo_image_surface_get_width(seal.get());
            const double h = cairo_image_surface_get_height(seal.get());
            const double scale = 130 / std::max(w, h);
            cairo_save(cr);
            cairo_translate(cr, right_x + 150 - w * scale / 2, bottom + 25 - h * scale / 2);
            cairo_scale(cr, scale, scale);
            cairo_set_source_surface(cr, seal.get(), 0, 0);
            cairo_paint_with_alpha(cr, 0.85);
            cairo_restore(cr);
        }
    }

    // The verification code and its QR code at the bottom left.
    const double qr_side = 84, qr_x = 70, qr_y = kHeight - 70 - qr_side;
    draw_qr(cr, text.verify_url, qr_x, qr_y, qr_side);
    draw_text(cr, "核验码:" + text.code, 12, true, qr_x + qr_side + 14, qr_y + 18, 320, Align::left,
              0.1, 0.1, 0.1);
    draw_text(cr, "扫码或访问 " + text.verify_url + " 核验真伪", 10, false, qr_x + qr_side + 14,
              qr_y + 42, 300, Align::left, 0.3, 0.3, 0.3);

    cairo_show_page(cr);
    context.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("certificate_pdf: cairo failed to write the PDF");
    surface.reset();
    return out;
}

bool is_readable_png(std::string_view bytes) {
    return static_cast<bool>(png_surface(bytes));
}

}  // namespace wangju::tables
