// A certificate (荣誉证书) as a one-page A4 landscape PDF: Chinese text laid out by pango in a CJK
// font (Noto Sans CJK SC from fonts-noto-cjk, WenQuanYi Micro Hei as fallback), drawn by cairo,
// with the verification code, its QR code and the optional seal image. Thread-safe: each call
// uses its own surface.
#pragma once

#include <string>
#include <string_view>

namespace wangju::tables {

struct CertificateText {
    std::string title;    // "荣誉证书"
    std::string winners;  // "张伟、李娜"
    std::string work_title;
    std::string campaign_name;  // "网聚职工正能量 争做中国好网民"
    std::string track_name;
    // When set, replaces the sentence about the work: "贵单位在“…”主题活动中…,荣获" for a unit.
    std::string citation;
    std::string tier;        // "一等奖"
    std::string issuer;      // the issuing unit's name
    std::string issued_on;   // "2023年11月20日"
    std::string code;        // "7K3M-Q9TX-2HBD-W4NP"
    std::string verify_url;  // where the QR code leads
    std::string seal_png;    // PNG bytes, or empty
};

// The PDF's bytes. Throws std::runtime_error when cairo fails (not for a bad seal: an unreadable
// seal is left out; check it first with is_readable_png).
std::string certificate_pdf(const CertificateText& text);

// True when cairo can decode `bytes` as a PNG image.
bool is_readable_png(std::string_view bytes);

}  // namespace wangju::tables
