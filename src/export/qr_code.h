// QR codes of short texts (a page's address, a certificate's verification address), encoded by
// libqrencode and drawn as SVG for pages or as squares into a PDF (certificate_pdf.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wangju::tables {

// The modules of a QR code, row by row; `size` modules a side, without the quiet zone.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Encodes `text` as bytes at error correction level M, in the smallest version that holds it.
// Throws std::invalid_argument when the text is empty or too long for a QR code.
QrMatrix qr_matrix(std::string_view text);

// An <svg> element (one path of dark modules, a four-module quiet zone) with role="img" and
// `label` as its accessible name; scales to its container.
std::string qr_svg(std::string_view text, std::string_view label);

}  // namespace wangju::tables
