#include "export/qr_code.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace wangju::tables {
namespace {

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

QrMatrix qr_matrix(std::string_view text) {
    if (text.empty()) throw std::invalid_argument("qr_matrix: empty text");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) throw std::invalid_argument("qr_matrix: text too long for a QR code");
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size * m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

std::string qr_svg(std::string_view text, std::string_view label) {
    const QrMatrix m = qr_matrix(text);
    const int quiet = 4;
    std::string path;
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x) {
            if (m.at(x, y)) path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
        }
    }
    const int side = m.size + 2 * quiet;
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" role=\"img\" "
        "aria-label=\"{1}\" shape-rendering=\"crispEdges\"><title>{1}</title>"
        "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>",
        side, xml_escaped(label), path);
}

}  // namespace wangju::tables
