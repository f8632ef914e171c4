// QR codes: the smallest version that holds the text, the three finder patterns, the SVG form.
#include <gtest/gtest.h>

#include "export/qr_code.h"

namespace wangju::tables {
namespace {

TEST(QrCode, ShortTextTakesVersionOneWithItsFinderPatterns) {
    const QrMatrix m = qr_matrix("https://wj.example/c/1");
    EXPECT_EQ(m.size, 25);  // 22 bytes at level M need version 2 (25 modules)
    // Each finder pattern is a 7x7 square whose outer ring is dark and next ring light.
    for (auto [x0, y0] : {std::pair{0, 0}, std::pair{m.size - 7, 0}, std::pair{0, m.size - 7}}) {
        EXPECT_TRUE(m.at(x0, y0));
        EXPECT_TRUE(m.at(x0 + 6, y0 + 6));
        EXPECT_FALSE(m.at(x0 + 1, y0 + 1));
        EXPECT_TRUE(m.at(x0 + 3, y0 + 3));
    }
    EXPECT_EQ(qr_matrix("a").size, 21);
}

TEST(QrCode, SvgCarriesItsLabelEscaped) {
    const std::string svg = qr_svg("https://wj.example/?a=1&b=2", "扫码 <打开>");
    EXPECT_TRUE(svg.starts_with("<svg "));
    EXPECT_NE(svg.find("aria-label=\"扫码 &lt;打开&gt;\""), std::string::npos);
    EXPECT_NE(svg.find("<title>扫码 &lt;打开&gt;</title>"), std::string::npos);
    // The code's modules and a quiet zone of four on each side.
    const int side = qr_matrix("https://wj.example/?a=1&b=2").size + 8;
    EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""),
              std::string::npos);
}

TEST(QrCode, EmptyOrOverlongTextIsRefused) {
    EXPECT_THROW(qr_matrix(""), std::invalid_argument);
    EXPECT_THROW(qr_matrix(std::string(4000, 'x')), std::invalid_argument);
}

}  // namespace
}  // namespace wangju::tables
